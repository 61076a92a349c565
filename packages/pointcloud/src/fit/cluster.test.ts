import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clusters, gatherClusters, pickCluster } from './cluster.ts';

/** Returns on a 10 cm grid over [x0, x1] × [y0, y1] at z = 0.8. */
function patch(x0: number, x1: number, y0: number, y1: number): number[] {
  const out: number[] = [];
  for (let x = x0; x <= x1 + 1e-9; x += 0.1) for (let y = y0; y <= y1 + 1e-9; y += 0.1) out.push(x, y, 0.8);
  return out;
}

test('a car seen as its two ends (its dark middle returned nothing) is gathered into one; a car parked beside it is not', () => {
  // A 4.5 × 1.8 m car along x, 10 m out: the front 1 m and the rear 0.8 m returned, 2.7 m between them.
  const front = patch(13.5, 14.5, -0.9, 0.9), rear = patch(10, 10.8, -0.9, 0.9);
  // Another car 1 m beside it.
  const beside = patch(10, 14.5, 1.9, 3.7);
  const positions = Float32Array.from([...front, ...rear, ...beside]);
  const all = Array.from({ length: positions.length / 3 }, (_, i) => i);
  const groups = clusters(positions, all, 12, 0);
  assert.equal(groups.length, 3, 'three clusters: the gap along the car is wider than the join distance');
  const frontIdx = groups.find((g) => g.includes(0))!;
  const car = gatherClusters(positions, groups, frontIdx, 0, { length: 4.5, width: 1.8 });
  const n = (xs: number[]) => xs.length / 3;
  assert.equal(car.length, n(front) + n(rear), 'front and rear together, the car beside left out');
  // Without the size that says "one car", only the chosen cluster.
  assert.equal(gatherClusters(positions, groups, frontIdx, 0, { length: 2, width: 1.8 }).length, n(front));
  assert.equal(pickCluster(groups).length, Math.max(...groups.map((g) => g.length)));
});
