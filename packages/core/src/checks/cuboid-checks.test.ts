import assert from 'node:assert/strict';
import { test } from 'node:test';
import { faceGaps } from './cuboid-faces.ts';
import { runChecks } from './run.ts';
import { DEFAULT_CHECK_SETTINGS } from './settings.ts';
import { cuboid, ontology, payload, pointSet, shell } from './test-support.ts';
import type { CheckFailure, PointSet } from './types.ts';

const only = (failures: CheckFailure[], check: string) => failures.filter((f) => f.check === check);
const faces = { ...DEFAULT_CHECK_SETTINGS, cuboidFaceTolerance: 0.01 };

test('a cuboid with too few points fails with the count and the limit, per its own frame', () => {
  const frames: Record<number, PointSet> = {
    0: pointSet([10, 0, 0, 10.5, 0.5, 0.2, 11.9, -0.9, 0.7, 30, 0, 0]),
    1: pointSet(Array.from({ length: 6 }, (_, i) => [10 + i * 0.1, 0, 0]).flat()),
  };
  const ctx = { ontology, points: (f: number) => frames[f] };
  const f = runChecks(payload(cuboid('sparse', {}, 0), cuboid('full', {}, 1), cuboid('elsewhere', {}, 2)), ctx);
  assert.deepEqual(only(f, 'min-cuboid-points'), [
    { check: 'min-cuboid-points', objectId: 'sparse', message: 'holds 3 points; at least 5 needed', measured: 3, limit: 5, unit: 'points', severity: 'error' },
  ]);
  assert.deepEqual(only(runChecks(payload(cuboid('sparse', {}, 0)), ctx, { ...DEFAULT_CHECK_SETTINGS, minCuboidPoints: 0 }), 'min-cuboid-points'), []);
  // Points on the boundary count, as in countPointsInCuboid.
  assert.deepEqual(only(runChecks(payload(cuboid('edge', {})), { ontology, points: () => pointSet([12, 1, 0.75, 8, -1, -0.75, 12, -1, 0, 8, 1, 0, 10, 0, 0]) }), 'min-cuboid-points'), []);
});

test('a cuboid that fits its points passes the face tolerance', () => {
  const g = { x: 12, y: 5, z: -0.9, dx: 4.4, dy: 1.8, dz: 1.5, yaw: 0.6 };
  const f = runChecks(payload(cuboid('car', g)), { ontology, points: () => shell(g) }, faces);
  assert.deepEqual(f, []);
  for (const { gap } of faceGaps(g, shell(g).positions, shell(g).count, 0.15)) assert.ok(Math.abs(gap) < 1e-5, `gap ${gap}`);
});

test('a face moved off the points fails and is named, with the gap and the limit', () => {
  const truth = { x: 12, y: 5, z: -0.9, dx: 4.4, dy: 1.8, dz: 1.5, yaw: 0 };
  const points = shell(truth);
  // Shifted 0.05 m forward (along +x, the heading): the front face is past the points, the back cuts into them.
  const shifted = runChecks(payload(cuboid('car', { ...truth, x: truth.x + 0.05 })), { ontology, points: () => points }, faces);
  // The sensor sits at the origin, behind the car: the back face is seen, the front face is not,
  // so a front face past the points is no evidence — nothing was measured there.
  assert.deepEqual(shifted.map((x) => x.message), ['back face 0.050 m inside the points; limit 0.010 m']);
  assert.equal(shifted[0]!.measured!.toFixed(4), '0.0500');
  // Shrunk 0.05 m from the left (+y): points poke through the left face; the right face is seen and still fits.
  const shrunk = runChecks(payload(cuboid('car', { ...truth, y: truth.y - 0.025, dy: truth.dy - 0.05 })), { ontology, points: () => points }, faces);
  assert.deepEqual(shrunk.map((x) => x.message), ['left face 0.050 m inside the points; limit 0.010 m']);
  // Too tall by 0.013 m: the top (seen from a sensor above the roof) floats over the points.
  const tall = runChecks(payload(cuboid('car', { ...truth, z: truth.z + 0.0065, dz: truth.dz + 0.013 })), { ontology, points: () => points }, faces);
  assert.deepEqual(tall.map((x) => x.message), ['top face 0.013 m outside the points; limit 0.010 m']);
  // A value that rounds to the limit is shown with enough digits to tell them apart.
  const near = runChecks(payload(cuboid('car', { ...truth, z: truth.z + 0.0052, dz: truth.dz + 0.0104 })), { ontology, points: () => points }, faces);
  assert.deepEqual(near.map((x) => x.message), ['top face 0.0104 m outside the points; limit 0.0100 m']);
});

test('ground returns around the wheels do not pull the side faces out', () => {
  const g = { x: -20, y: -3, z: 0.75, dx: 4, dy: 2, dz: 1.5, yaw: 2 };
  const f = runChecks(payload(cuboid('car', g)), { ontology, points: () => shell(g, 0.05) }, faces);
  assert.deepEqual(f, []);
});

test('120k points and 100 cuboids check in well under 50 ms', (t) => {
  // A sweep-like cloud: rings of points around the sensor, plus 100 cars with their shells.
  const cars = Array.from({ length: 100 }, (_, i) => ({ x: 8 + (i % 10) * 6, y: -30 + Math.floor(i / 10) * 6, z: -0.95, dx: 4.5, dy: 1.9, dz: 1.6, yaw: i * 0.3 }));
  const xyz: number[] = [];
  for (const c of cars) { const s = shell(c, 0.2); xyz.push(...s.positions); }
  let k = 0;
  while (xyz.length < 120_000 * 3) {
    const r = 3 + (k % 64) * 1.2, a = (k * 2.399963) % (2 * Math.PI);
    xyz.push(r * Math.cos(a), r * Math.sin(a), -1.7 + 0.02 * Math.sin(k));
    k++;
  }
  const points = pointSet(xyz.slice(0, 120_000 * 3));
  const p = payload(...cars.map((c, i) => cuboid(`car${i}`, c)));
  const ctx = { ontology, points: () => points };
  runChecks(p, ctx, faces); // warm up the JIT, as a long-running worker is
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    runChecks(p, ctx, faces);
    times.push(performance.now() - t);
  }
  const median = times.sort((a, b) => a - b)[2]!;
  t.diagnostic(`120k points, 100 cuboids: median ${median.toFixed(2)} ms`);
  assert.ok(median < 25, `median ${median.toFixed(1)} ms`);
});
