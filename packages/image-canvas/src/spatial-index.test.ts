import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SpatialIndex } from './spatial-index.ts';

/** A 100 × 100 grid of 8 × 8 boxes, 10 px apart: box i,j covers [10i, 10i + 8] × [10j, 10j + 8]. */
function grid(): SpatialIndex {
  const index = new SpatialIndex(64);
  for (let i = 0; i < 100; i++) for (let j = 0; j < 100; j++) index.insert(`b${i}-${j}`, { minX: 10 * i, minY: 10 * j, maxX: 10 * i + 8, maxY: 10 * j + 8 });
  return index;
}

test('among 10,000 boxes, a point hits exactly the box under it, and a gap hits nothing', () => {
  const index = grid();
  assert.equal(index.size, 10_000);
  assert.deepEqual(index.hit(734, 215), ['b73-21']);
  assert.deepEqual(index.hit(739, 215), []);
  assert.deepEqual(index.hit(739, 215, 1.5).sort(), ['b73-21', 'b74-21']);
});

test('a query returns each intersecting box once, even when it spans several cells', () => {
  const index = new SpatialIndex(10);
  index.insert('wide', { minX: 0, minY: 0, maxX: 45, maxY: 5 });
  index.insert('far', { minX: 500, minY: 500, maxX: 510, maxY: 510 });
  assert.deepEqual(index.query({ minX: 0, minY: 0, maxX: 100, maxY: 100 }), ['wide']);
  assert.deepEqual(grid().query({ minX: 95, minY: 95, maxX: 112, maxY: 101 }).sort(), ['b10-10', 'b11-10', 'b9-10', 'b9-9', 'b10-9', 'b11-9'].sort());
});

test('update and remove take effect, also for a box too big for the grid', () => {
  const index = grid();
  index.update('b0-0', { minX: 5000, minY: 5000, maxX: 5010, maxY: 5010 });
  assert.deepEqual(index.hit(4, 4), []);
  assert.deepEqual(index.hit(5005, 5005), ['b0-0']);
  index.insert('huge', { minX: -10, minY: -10, maxX: 1e6, maxY: 1e6 });
  assert.ok(index.hit(4, 4).includes('huge'));
  assert.ok(index.remove('huge'));
  assert.ok(index.remove('b0-0'));
  assert.deepEqual(index.hit(5005, 5005), []);
  assert.equal(index.size, 9_999);
});
