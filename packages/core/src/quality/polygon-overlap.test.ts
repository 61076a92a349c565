import assert from 'node:assert/strict';
import { test } from 'node:test';
import { polygonArea, type Point2 } from '../geometry/polygon2d.ts';
import { polygonIntersectionArea, polygonIou, triangulate } from './polygon-overlap.ts';

const near = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} ≠ ${b}`);

// An L (area 3) made of the unit squares (0,0), (1,0), (0,1).
const L: Point2[] = [[0, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2]];
// A U opening upwards: 3×3 square minus the notch [1,2]×[1,3] (area 7).
const U: Point2[] = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3]];

test('triangulation of non-convex polygons keeps the area, either winding', () => {
  for (const p of [L, U, L.slice().reverse(), U.slice().reverse()]) {
    const tris = triangulate(p);
    assert.equal(tris.length, p.length - 2);
    near(tris.reduce((s, t) => s + polygonArea(t), 0), polygonArea(p));
  }
});

test('intersection of an L with the square that covers its missing corner is the corner-free part', () => {
  const square: Point2[] = [[0.5, 0.5], [2, 0.5], [2, 2], [0.5, 2]];
  // Square area 2.25 minus the empty cell [1,2]×[1,2] (area 1) → 1.25.
  near(polygonIntersectionArea(L, square), 1.25);
  near(polygonIou(L, square), 1.25 / (3 + 2.25 - 1.25));
});

test('two non-convex polygons: U against its mirror (an n shape)', () => {
  const n: Point2[] = U.map(([x, y]) => [x, 3 - y]);
  // U misses [1,2]×[1,3], n misses [1,2]×[0,2]; together they miss the whole middle column,
  // so the overlap is 9 - 3 = 6 and IoU = 6 / (7 + 7 - 6).
  near(polygonArea(U), 7);
  near(polygonIntersectionArea(U, n), 6);
  near(polygonIou(U, n), 0.75);
  near(polygonIou(U, U), 1);
});

test('a box inside the notch of the U does not overlap it at all', () => {
  const notch: Point2[] = [[1.1, 1.5], [1.9, 1.5], [1.9, 2.9], [1.1, 2.9]];
  near(polygonIntersectionArea(U, notch), 0);
  near(polygonIou(U, notch), 0);
});

test('a comb of teeth against a bar crossing them', () => {
  // Comb: base [0,5]×[0,1] with teeth [0,1],[2,3],[4,5] up to y = 3. Area 5 + 3·2 = 11.
  const comb: Point2[] = [[0, 0], [5, 0], [5, 3], [4, 3], [4, 1], [3, 1], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3]];
  near(polygonArea(comb), 11);
  const bar: Point2[] = [[-1, 2], [6, 2], [6, 2.5], [-1, 2.5]];
  near(polygonIntersectionArea(comb, bar), 3 * 0.5);
});
