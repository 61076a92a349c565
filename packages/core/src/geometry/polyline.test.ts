import assert from 'node:assert/strict';
import { test } from 'node:test';
import { densify, pointToPolylineDistance, pointToSegmentDistance, polylineChamfer, polylineHausdorff } from './polyline.ts';

test('point to segment: perpendicular foot, past an end, degenerate segment', () => {
  assert.equal(pointToSegmentDistance([0, 1], [-1, 0], [1, 0]), 1);
  assert.equal(pointToSegmentDistance([3, 0], [0, 0], [1, 0]), 2);
  assert.equal(pointToSegmentDistance([3, 4], [0, 0], [0, 0]), 5);
});

test('point to polyline takes the nearest segment', () => {
  assert.equal(pointToPolylineDistance([1, 1], [[0, 0], [2, 0], [2, 2]]), 1);
  assert.equal(pointToPolylineDistance([3, 2], [[0, 0], [2, 0], [2, 2]]), 1);
});

test('parallel lines 1 apart: chamfer and Hausdorff are both 1', () => {
  const a: [number, number][] = [[0, 0], [10, 0]];
  const b: [number, number][] = [[0, 1], [10, 1]];
  assert.equal(polylineChamfer(a, b), 1);
  assert.equal(polylineHausdorff(a, b), 1);
});

test('a line against its first half: chamfer averages both directions, Hausdorff takes the worst', () => {
  const a: [number, number][] = [[0, 0], [10, 0]];
  const b: [number, number][] = [[0, 0], [5, 0]];
  // a→b: (0 + 5)/2 = 2.5, b→a: 0, mean 1.25
  assert.equal(polylineChamfer(a, b), 1.25);
  assert.equal(polylineHausdorff(a, b), 5);
});

test('sampleStep measures along segments, not only at vertices', () => {
  const a: [number, number][] = [[0, 0], [2, 0]];
  const b: [number, number][] = [[0, 0], [0, 1], [2, 1], [2, 0]];
  // vertices only: a→b (0 + 0)/2 = 0, b→a (0 + 1 + 1 + 0)/4 = 0.5
  assert.equal(polylineChamfer(a, b), 0.25);
  // step 1: a→b (0 + 1 + 0)/3, b→a (0 + 1 + 1 + 1 + 0)/5
  assert.ok(Math.abs(polylineChamfer(a, b, { sampleStep: 1 }) - 7 / 15) < 1e-12);
  assert.equal(densify([[0, 0], [1, 0]], 0.25).length, 5);
});
