import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LabeledObject } from '../annotation.ts';
import { dawidSkene } from './dawid-skene.ts';
import { box, cuboid, payload } from './fixtures.ts';
import { mergeBoxes } from './merge-boxes.ts';
import { pairwiseObjectF1 } from './pairwise.ts';
import { seededRandom } from './seeded.ts';
import { majorityVote } from './vote.ts';

const near = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) <= eps, `${a} is not ${b}`);

test('majorityVote: most frequent, ties by first appearance, alphabetically or by a function', () => {
  assert.equal(majorityVote(['b', 'a', 'a']), 'a');
  assert.equal(majorityVote(['b', 'a']), 'b');
  assert.equal(majorityVote(['b', 'a'], 'alphabetical'), 'a');
  assert.equal(majorityVote(['b', 'a', 'c'], (tied) => tied[2]!), 'c');
  assert.equal(majorityVote([]), undefined);
});

test('Dawid–Skene learns that one annotator is reliable and outvotes two who favour a default class', () => {
  const rnd = seededRandom('ds-unit');
  const labels = ['a', 'b', 'c'];
  const votes = [];
  const truth = new Map<string, string>();
  let majorityRight = 0;
  for (let i = 0; i < 300; i++) {
    const t = labels[Math.floor(rnd() * 3)]!;
    truth.set(`i${i}`, t);
    votes.push({ item: `i${i}`, annotator: 'good', label: rnd() < 0.9 ? t : labels[Math.floor(rnd() * 3)]! });
    // Two careless annotators answer the default 'a' half the time, whatever the item.
    for (const lazy of ['lazy1', 'lazy2']) votes.push({ item: `i${i}`, annotator: lazy, label: rnd() < 0.5 ? 'a' : t });
    if (majorityVote(votes.slice(-3).map((v) => v.label)) === t) majorityRight++;
  }
  const r = dawidSkene(votes);
  let correct = 0;
  for (const [item, t] of truth) if (r.labels.get(item) === t) correct++;
  assert.ok(correct > majorityRight, `Dawid–Skene ${correct}/300, majority vote ${majorityRight}/300`);
  assert.ok(correct / 300 > 0.85, `Dawid–Skene got ${correct}/300`);
  // What it learned of a careless annotator: a true 'a' is always reported 'a'; a true 'b' often is.
  const lazy = r.confusion.get('lazy1')!;
  assert.ok(lazy.get('a')!.get('a')! > 0.9);
  assert.ok(lazy.get('b')!.get('a')! > 0.25, `P(a | b) = ${lazy.get('b')!.get('a')}`);
  near([...r.priors.values()].reduce((s, p) => s + p, 0), 1);
  for (const post of r.posteriors.values()) near([...post.values()].reduce((s, p) => s + p, 0), 1, 1e-9);
  assert.ok(r.iterations >= 1 && r.iterations <= 100);
});

test('Dawid–Skene with a label an annotator never used stays finite (smoothing)', () => {
  const r = dawidSkene([
    { item: '1', annotator: 'x', label: 'a' },
    { item: '1', annotator: 'y', label: 'b' },
    { item: '2', annotator: 'x', label: 'a' },
    { item: '2', annotator: 'y', label: 'a' },
  ]);
  for (const post of r.posteriors.values()) for (const p of post.values()) assert.ok(Number.isFinite(p));
  assert.equal(r.labels.get('2'), 'a');
});

test('mergeBoxes: averages clusters with enough votes, majority class, fresh ids', () => {
  const a1 = payload([box('car', 0, 0, 10, 10), box('dog', 100, 100, 20, 20)]);
  const a2 = payload([box('car', 2, 0, 10, 10), box('person', 300, 300, 5, 5)]);
  const a3 = payload([box('truck', 1, 0, 10, 12)]);
  let n = 0;
  const merged = mergeBoxes([a1, a2, a3], { iou: 0.5, minVotes: 2, newId: () => `m${++n}` });
  assert.equal(merged.length, 1);
  const m = merged[0]! as Extract<LabeledObject, { kind: 'bbox2d' }>;
  assert.equal(m.label, 'car');
  assert.equal(m.id, 'm1');
  near(m.geometry.x, 1);
  near(m.geometry.height, 32 / 3);
});

test('mergeBoxes: cuboid heading by circular mean across ±π', () => {
  const merged = mergeBoxes([payload([cuboid('car', 0, 0, Math.PI - 0.1)]), payload([cuboid('car', 0.1, 0, -Math.PI + 0.1)])], { iou: 0.5, minVotes: 2 });
  assert.equal(merged.length, 1);
  const g = (merged[0] as Extract<LabeledObject, { kind: 'cuboid3d' }>).geometry;
  near(Math.abs(g.yaw), Math.PI, 1e-9);
  near(g.x, 0.05);
});

test('mergeBoxes: cuboids drawn facing opposite ways (about 180° apart) merge to the right heading, not sideways', () => {
  const two = mergeBoxes([payload([cuboid('car', 0, 0, 0.1)]), payload([cuboid('car', 0, 0, 0.06 - Math.PI)])], { iou: 0.5, minVotes: 2 });
  assert.equal(two.length, 1);
  near((two[0] as Extract<LabeledObject, { kind: 'cuboid3d' }>).geometry.yaw, 0.08, 1e-9);
  // Three people, two of them facing the car at π: the majority decides the direction.
  const three = mergeBoxes([payload([cuboid('car', 0, 0, 0)]), payload([cuboid('car', 0, 0, Math.PI - 0.02)]), payload([cuboid('car', 0, 0, -Math.PI + 0.02)])], { iou: 0.5, minVotes: 2 });
  near(Math.abs((three[0] as Extract<LabeledObject, { kind: 'cuboid3d' }>).geometry.yaw), Math.PI, 1e-9);
});

test('pairwiseObjectF1: mean over annotator pairs', () => {
  const a = payload([box('car', 0, 0, 10, 10), box('car', 50, 0, 10, 10)]);
  const b = payload([box('car', 1, 0, 10, 10), box('car', 50, 0, 10, 10)]);
  const c = payload([box('car', 0, 0, 10, 10)]);
  // a–b 1, a–c 2/3, b–c 2/3.
  near(pairwiseObjectF1([a, b, c]), (1 + 2 / 3 + 2 / 3) / 3);
  near(pairwiseObjectF1([payload([]), payload([])]), 1);
});
