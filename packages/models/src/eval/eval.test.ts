import { test } from 'node:test';
import assert from 'node:assert/strict';
import { averagePrecision, evaluate, matchImage } from './index.ts';
import { readYoloLabels, readYoloNames } from './yolo-truth.ts';

const box = (c: string, x: number, y: number, w = 10, h = 10) => ({ class: c, x, y, w, h });
const scored = (c: string, x: number, y: number, score: number, w = 10, h = 10) => ({ ...box(c, x, y, w, h), score });

test('matching: best first, one proposal a true box, same class, IoU at least 0.5', () => {
  const truth = [box('cat', 0, 0), box('dog', 100, 100)];
  const m = matchImage(truth, [
    scored('cat', 1, 0, 0.6), // IoU 0.82, but the better-scored duplicate below takes the cat
    scored('cat', 0, 0, 0.9),
    scored('cat', 100, 100, 0.8), // right place, wrong class
    scored('dog', 105, 100, 0.7), // IoU 5×10/150 = 0.33
  ]);
  assert.deepEqual(m, [false, true, false, false]);
  // Exactly 0.5 counts (COCO compares with ≥).
  assert.deepEqual(matchImage([box('a', 0, 0, 30, 10)], [scored('a', 0, 0, 1, 10, 10)]), [false]);
  assert.deepEqual(matchImage([box('a', 0, 0, 20, 10)], [scored('a', 0, 0, 1, 10, 10)]), [true]);
});

test('AP: perfect ranking is 1, a false positive ranked first costs, missing truths cap recall', () => {
  assert.equal(averagePrecision([{ score: 0.9, match: true }, { score: 0.8, match: true }], 2), 1);
  // FP first then two TP: precision 1/2, 2/3 → envelope 2/3 at every recall point.
  assert.ok(Math.abs(averagePrecision([{ score: 0.9, match: false }, { score: 0.8, match: true }, { score: 0.7, match: true }], 2) - 2 / 3) < 1e-9);
  // One of two truths found: recall points 0..0.5 (51 of 101) at precision 1.
  assert.ok(Math.abs(averagePrecision([{ score: 0.9, match: true }], 2) - 51 / 101) < 1e-9);
  assert.equal(averagePrecision([], 3), 0);
});

test('evaluate: mAP over classes with truths, precision and recall at the operating score', () => {
  const e = evaluate([
    { truth: [box('cat', 0, 0), box('dog', 50, 50)], proposals: [scored('cat', 0, 0, 0.9), scored('dog', 50, 50, 0.3), scored('bird', 80, 80, 0.95)] },
    { truth: [box('cat', 0, 0)], proposals: [] },
  ], { minScore: 0.5 });
  assert.equal(e.interpolation, '101-point');
  // cat: one of two found, AP 51/101; dog: found, AP 1; bird has no truth and stays out of the mean.
  assert.ok(Math.abs(e.map - (51 / 101 + 1) / 2) < 1e-9, String(e.map));
  assert.deepEqual(e.classes.map((c) => [c.class, c.truths, c.proposals, c.truePositives]), [['cat', 2, 1, 1], ['dog', 1, 1, 0], ['bird', 0, 1, 0]]);
  // At score ≥ 0.5: cat (TP) and bird (FP) kept; dog's 0.3 is below.
  assert.deepEqual([e.truePositives, e.falsePositives, e.falseNegatives, e.truths], [1, 1, 2, 3]);
  assert.equal(e.precision, 0.5);
  assert.ok(Math.abs(e.recall - 1 / 3) < 1e-9);
});

test('YOLO labels become pixel boxes with their names; a bad line is named', () => {
  const names = readYoloNames('path: .\nnames:\n  0: person\n  1: bicycle\n  2: "traffic light"\nother: 1\n');
  assert.deepEqual(names, ['person', 'bicycle', 'traffic light']);
  assert.deepEqual(readYoloNames('names: [a, \'b c\']'), ['a', 'b c']);
  assert.deepEqual(readYoloNames('names:\n  - a\n  - b\n'), ['a', 'b']);
  assert.deepEqual(readYoloLabels('2 0.5 0.5 0.2 0.4\n\n', names, 100, 50), [{ class: 'traffic light', x: 40, y: 15, w: 20, h: 20 }]);
  assert.throws(() => readYoloLabels('0 0.5 0.5 0.2\n', names, 100, 50, 'x.txt'), /x.txt line 1: expected "class cx cy w h"/);
  assert.throws(() => readYoloLabels('7 0.5 0.5 0.2 0.1\n', names, 100, 50, 'x.txt'), /from 0 to 2/);
});
