import assert from 'node:assert/strict';
import { test } from 'node:test';
import { box, cuboid } from './fixtures.ts';
import { matchObjects } from './match.ts';

test('matching finds the assignment greedy IoU would miss', () => {
  // g1 overlaps w1 best, but w1 is g2's only partner: the optimum pairs g1–w2 and g2–w1.
  const g1 = box('car', 0, 0, 10, 10);
  const g2 = box('car', 6, 0, 10, 10);
  const w1 = box('car', 3, 0, 10, 10);
  const w2 = box('car', -2, 0, 10, 10);
  const r = matchObjects([g1, g2], [w1, w2], { iou: 0.5 });
  assert.equal(r.pairs.length, 2);
  assert.deepEqual(r.pairs.map((p) => [p.a.id, p.b.id]).sort(), [[g1.id, w2.id], [g2.id, w1.id]].sort());
});

test('class must agree unless ignored; frames never cross', () => {
  const a = [box('car', 0, 0, 10, 10, 0)];
  assert.equal(matchObjects(a, [box('bus', 0, 0, 10, 10, 0)]).pairs.length, 0);
  assert.equal(matchObjects(a, [box('bus', 0, 0, 10, 10, 0)], { ignoreClass: true }).pairs.length, 1);
  const r = matchObjects(a, [box('car', 0, 0, 10, 10, 1)]);
  assert.equal(r.pairs.length, 0);
  assert.equal(r.onlyA.length, 1);
  assert.equal(r.onlyB.length, 1);
});

test('cuboids need BEV IoU and a close centre', () => {
  const g = cuboid('car', 10, 5);
  // 0.4 m along the heading: BEV IoU ≈ 0.84, centre 0.4 m → match.
  assert.equal(matchObjects([g], [cuboid('car', 10.4, 5)]).pairs.length, 1);
  // 0.8 m along the heading: BEV IoU ≈ 0.70 ≥ 0.5 but centre 0.8 m > 0.5 m → no match by default.
  assert.equal(matchObjects([g], [cuboid('car', 10.8, 5)]).pairs.length, 0);
  assert.equal(matchObjects([g], [cuboid('car', 10.8, 5)], { maxCentreDistance: 1 }).pairs.length, 1);
});
