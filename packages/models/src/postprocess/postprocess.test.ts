import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boxIou, postprocess } from './index.ts';

const box = (cls: string, x: number, score: number) => ({ class: cls, x, y: 0, w: 10, h: 10, score });

test('NMS keeps the best of overlapping boxes of one class, and both when their classes differ', () => {
  const out = postprocess([box('car', 0, 0.6), box('car', 1, 0.9), box('truck', 1, 0.5), box('car', 50, 0.3)]);
  assert.deepEqual(out.map((p) => [p.class, p.x, p.score]), [['car', 1, 0.9], ['truck', 1, 0.5], ['car', 50, 0.3]]);
});

test('per-class thresholds override the default; empty, NaN-scored and capped proposals go', () => {
  const out = postprocess([box('car', 0, 0.5), box('person', 40, 0.5), { ...box('car', 80, Number.NaN) }, { ...box('car', 120, 0.9), w: 0 }], { minScore: 0.2, classMinScore: { person: 0.6 } });
  assert.deepEqual(out.map((p) => p.class), ['car']);
  assert.equal(postprocess([box('a', 0, 0.9), box('b', 0, 0.8), box('c', 0, 0.7)], { maxProposals: 2 }).length, 2);
  assert.ok(Math.abs(boxIou(box('a', 0, 1), box('a', 5, 1)) - 50 / 150) < 1e-12);
});
