import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clipConvexPolygon, convexIntersectionArea, polygonArea, signedPolygonArea, type Point2 } from './polygon2d.ts';

const unitCentred: Point2[] = [[-0.5, -0.5], [0.5, -0.5], [0.5, 0.5], [-0.5, 0.5]];
const r = Math.SQRT1_2; // the 45°-turned unit square has its corners on the axes at distance √2/2
const diamond: Point2[] = [[r, 0], [0, r], [-r, 0], [0, -r]];

test('shoelace area and winding sign', () => {
  assert.equal(polygonArea([[0, 0], [4, 0], [0, 3]]), 6);
  assert.equal(signedPolygonArea(unitCentred), 1);
  assert.equal(signedPolygonArea([...unitCentred].reverse()), -1);
});

test('unit square against itself turned 45° overlaps in a regular octagon of area 2√2 − 2', () => {
  // Each square corner loses a right triangle with legs 1 − √2/2: 1 − 4·(1 − √2/2)²/2 = 2√2 − 2.
  const expected = 2 * Math.SQRT2 - 2;
  assert.ok(Math.abs(convexIntersectionArea(unitCentred, diamond) - expected) < 1e-12);
  assert.equal(clipConvexPolygon(unitCentred, diamond).length, 8);
});

test('the clip polygon may wind either way', () => {
  const cw = [...diamond].reverse();
  assert.ok(Math.abs(convexIntersectionArea(unitCentred, cw) - (2 * Math.SQRT2 - 2)) < 1e-12);
});

test('partial overlap of two squares and disjoint squares', () => {
  const shifted = unitCentred.map(([x, y]): Point2 => [x + 0.5, y + 0.5]);
  assert.ok(Math.abs(convexIntersectionArea(unitCentred, shifted) - 0.25) < 1e-12);
  const far = unitCentred.map(([x, y]): Point2 => [x + 10, y]);
  assert.equal(convexIntersectionArea(unitCentred, far), 0);
});
