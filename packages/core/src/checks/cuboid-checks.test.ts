import assert from 'node:assert/strict';
import { test } from 'node:test';
import { faceGaps } from './cuboid-faces.ts';
import { runChecks } from './run.ts';
import { DEFAULT_CHECK_SETTINGS } from './settings.ts';
import { cuboid, ontology, payload, pointSet, shell, sweepScene } from './test-support.ts';
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

// How fast this runs is `npm run bench` (point cloud: machine checks, 120k points, 100 cuboids).
test('120k points and 100 cuboids: cars labelled on their shells pass, one shrunk into its points is named', () => {
  const { payload: p, points } = sweepScene();
  const ctx = { ontology, points: () => points };
  assert.deepEqual(runChecks(p, ctx, faces).map((f) => f.message), []);
  const car = p.objects[37]!;
  const g = car.geometry as unknown as { dx: number };
  const shrunk = { ...p, objects: p.objects.map((o) => (o === car ? { ...o, geometry: { ...o.geometry, dx: g.dx - 0.1 } } as typeof o : o)) };
  assert.deepEqual([...new Set(runChecks(shrunk, ctx, faces).map((f) => f.objectId))], ['car37']);
});
