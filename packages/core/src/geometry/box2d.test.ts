import assert from 'node:assert/strict';
import { test } from 'node:test';
import { iou2d } from './box2d.ts';

const box = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });

test('unit squares offset by half a side overlap with IoU 1/3', () => {
  // intersection 0.5, union 1 + 1 - 0.5 = 1.5
  assert.equal(iou2d(box(0, 0, 1, 1), box(0.5, 0, 1, 1)), 1 / 3);
});

test('a box inside a box four times larger has IoU 1/4', () => {
  assert.equal(iou2d(box(0, 0, 2, 2), box(0.5, 0.5, 1, 1)), 0.25);
});

test('identical boxes give 1; boxes that only touch or are apart give 0', () => {
  assert.equal(iou2d(box(3, 4, 5, 6), box(3, 4, 5, 6)), 1);
  assert.equal(iou2d(box(0, 0, 1, 1), box(1, 0, 1, 1)), 0);
  assert.equal(iou2d(box(0, 0, 1, 1), box(5, 5, 1, 1)), 0);
});

test('degenerate boxes give 0 instead of NaN', () => {
  assert.equal(iou2d(box(0, 0, 0, 0), box(0, 0, 0, 0)), 0);
});
