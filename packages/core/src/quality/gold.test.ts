import assert from 'node:assert/strict';
import { test } from 'node:test';
import { box, cls, cuboid, line, payload, point, poly, span } from './fixtures.ts';
import { scoreAgainstGold } from './gold.ts';

const near = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) <= eps, `${a} is not ${b}`);

test('empty gold and empty work score 1; empty work against gold scores 0', () => {
  near(scoreAgainstGold(payload([]), payload([])).score, 1);
  const s = scoreAgainstGold(payload([]), payload([box('car', 0, 0, 10, 10)]));
  near(s.score, 0);
  assert.equal(s.missed, 1);
});

test('bbox2d: a match, a wrong class, a miss and an extra', () => {
  const gold = payload([box('car', 0, 0, 10, 10), box('person', 50, 50, 10, 20), box('dog', 100, 100, 10, 10)]);
  const work = payload([box('car', 1, 1, 10, 10), box('car', 50, 51, 10, 20), box('cat', 200, 200, 5, 5)]);
  const s = scoreAgainstGold(work, gold);
  assert.deepEqual([s.matched, s.wrongClass, s.missed, s.extra], [1, 1, 1, 1]);
  near(s.precision, 1 / 3);
  near(s.recall, 1 / 3);
  near(s.score, 1 / 3);
  // Below the IoU threshold a shifted box is no match: 10×10 moved 5 px has IoU 1/3.
  near(scoreAgainstGold(payload([box('car', 5, 0, 10, 10)]), payload([box('car', 0, 0, 10, 10)])).score, 0);
  near(scoreAgainstGold(payload([box('car', 5, 0, 10, 10)]), payload([box('car', 0, 0, 10, 10)]), { iou: 0.3 }).score, 1);
});

test('polygon: a non-convex L matches itself shifted slightly, not its mirror', () => {
  const L: [number, number][] = [[0, 0], [20, 0], [20, 10], [10, 10], [10, 20], [0, 20]];
  const gold = payload([poly('road', L)]);
  near(scoreAgainstGold(payload([poly('road', L.map(([x, y]) => [x + 1, y]))]), gold).score, 1);
  // The L turned 180° shares only the two arm squares: 200 of a 400 union, IoU 0.5 < 0.6.
  const flipped = payload([poly('road', L.map(([x, y]) => [20 - x, 20 - y]))]);
  assert.equal(scoreAgainstGold(flipped, gold, { iou: 0.6 }).matched, 0);
});

test('polyline: within tolerance of mean symmetric distance', () => {
  const gold = payload([line('lane', [[0, 0], [100, 0]])]);
  near(scoreAgainstGold(payload([line('lane', [[0, 3], [100, 3]])]), gold).score, 1);
  near(scoreAgainstGold(payload([line('lane', [[0, 8], [100, 8]])]), gold).score, 0);
  near(scoreAgainstGold(payload([line('lane', [[0, 8], [100, 8]])]), gold, { polylineTolerance: 10 }).score, 1);
});

test('point2d: distance within tolerance', () => {
  const gold = payload([point('eye', 10, 10), point('nose', 20, 20)]);
  const s = scoreAgainstGold(payload([point('eye', 13, 14), point('nose', 30, 20)]), gold);
  assert.deepEqual([s.matched, s.missed, s.extra], [1, 1, 1]);
  near(s.f1, 0.5);
});

test('cuboid3d: BEV IoU plus centre distance; heading off by 90° fails', () => {
  const gold = payload([cuboid('car', 10, 5), cuboid('pedestrian', 3, 3, 0, [0.8, 0.8, 1.8])]);
  const work = payload([cuboid('car', 10.2, 5.1, 0.05), cuboid('pedestrian', 3.1, 3, 0, [0.8, 0.8, 1.8])]);
  near(scoreAgainstGold(work, gold).score, 1);
  const turned = payload([cuboid('car', 10, 5, Math.PI / 2)]);
  assert.equal(scoreAgainstGold(turned, payload([cuboid('car', 10, 5)])).matched, 0);
});

test('text_span: exact by default, overlap as an option', () => {
  const gold = payload([span('Disease', 10, 25), span('Disease', 40, 52)]);
  const work = payload([span('Disease', 10, 25), span('Disease', 41, 52)]);
  near(scoreAgainstGold(work, gold).f1, 0.5);
  near(scoreAgainstGold(work, gold, { span: 'overlap' }).f1, 1);
});

test('text_class: 1 when the sets are equal, otherwise Jaccard', () => {
  near(scoreAgainstGold(payload([cls('pain'), cls('urgent')]), payload([cls('urgent'), cls('pain')])).score, 1);
  near(scoreAgainstGold(payload([cls('pain'), cls('fever')]), payload([cls('pain'), cls('urgent')])).score, 1 / 3);
  near(scoreAgainstGold(payload([cls('fever')]), payload([cls('pain')])).score, 0);
});

test('mixed kinds weigh each kind by its object count', () => {
  const gold = payload([box('car', 0, 0, 10, 10), box('car', 20, 0, 10, 10), box('car', 40, 0, 10, 10), cls('street')]);
  const work = payload([box('car', 0, 0, 10, 10), box('car', 20, 0, 10, 10), box('car', 40, 0, 10, 10), cls('highway')]);
  const s = scoreAgainstGold(work, gold);
  near(s.perKind.bbox2d!.score, 1);
  near(s.perKind.text_class!.score, 0);
  near(s.score, 6 / 8);
});
