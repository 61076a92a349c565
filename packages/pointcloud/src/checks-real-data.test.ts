// Core's machine checks on real SUSTechPOINTS frames and their labelled boxes (../shared/data/lidar/sustech-seq).
// It lives here, beside the frame loaders, because core may import no other package.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CHECK_SETTINGS, faceGaps, runChecks, type OrientedBox, type PointSet } from '@cadre/core';
import { cuboid, ontology, payload } from '../../core/src/checks/test-support.ts';
import { sustechFrames } from './fit-data.ts';
import { needsSharedData } from './testing.ts';

const faces = { ...DEFAULT_CHECK_SETTINGS, cuboidFaceTolerance: 0.01 };

test('labelled SUSTech boxes hold their points', needsSharedData, (t) => {
  const frames = sustechFrames();
  let boxes = 0, held = 0;
  for (const frame of frames) {
    const points: PointSet = { positions: frame.positions, stride: 3, count: frame.positions.length / 3 };
    const p = payload(...frame.boxes.map((b, i) => cuboid(`${i}`, b)));
    const ctx = { ontology, points: () => points };
    runChecks(p, ctx, faces);
    const start = performance.now();
    const failures = runChecks(p, ctx, faces);
    const ms = performance.now() - start;
    const few = failures.filter((f) => f.check === 'min-cuboid-points').length;
    boxes += frame.boxes.length;
    held += frame.boxes.length - few;
    t.diagnostic(`${frame.name}: ${points.count} points, ${frame.boxes.length} boxes, ${frame.boxes.length - few} hold ≥ 5 points, checked with faces in ${ms.toFixed(2)} ms`);
  }
  t.diagnostic(`${held} of ${boxes} labelled boxes hold ≥ 5 points`);
  assert.equal(held, boxes, 'every labelled box in the sequence covers at least 5 LiDAR returns');
});

test('a real car snapped to its points passes 1 cm; moved 5 cm, the right face is named', needsSharedData, () => {
  const frame = sustechFrames()[0]!;
  const points: PointSet = { positions: frame.positions, stride: 3, count: frame.positions.length / 3 };
  // Box 10 of frame 000950: a car 21 m out, 319 returns on its back and right side.
  const label = frame.boxes[10]!;
  assert.equal(label.label, 'Car');
  const snapped = snap(label, points);
  const ctx = { ontology, points: () => points };
  const check = (g: OrientedBox) => runChecks(payload(cuboid('car', g)), ctx, faces).map((f) => f.message);

  assert.deepEqual(check(snapped), []);
  const c = Math.cos(snapped.yaw), s = Math.sin(snapped.yaw);
  // 5 cm forward: the back face (seen by the sensor) cuts into the returns.
  assert.deepEqual(check({ ...snapped, x: snapped.x + 0.05 * c, y: snapped.y + 0.05 * s }), ['back face 0.050 m inside the points; limit 0.010 m']);
  // 5 cm to the right: the right face floats off the car's side, and the unseen left face (snapped
  // to within 4 mm of the returns that reach round the car) now cuts 4.6 cm into them.
  assert.deepEqual(check({ ...snapped, x: snapped.x + 0.05 * s, y: snapped.y - 0.05 * c }), [
    'left face 0.046 m inside the points; limit 0.010 m',
    'right face 0.050 m outside the points; limit 0.010 m',
  ]);
  // 5 cm narrower on the right: the side pokes through.
  assert.deepEqual(check({ ...snapped, dy: snapped.dy - 0.05, x: snapped.x - 0.025 * s, y: snapped.y + 0.025 * c }), ['right face 0.050 m inside the points; limit 0.010 m']);
});

/** Moves every face the points can speak for onto their tightest fit (the faces the sensor sees, and any that points poke through). */
function snap(box: OrientedBox, points: PointSet): OrientedBox {
  let g = { ...box };
  for (let round = 0; round < 4; round++) {
    const gaps = Object.fromEntries(faceGaps(g, points.positions, points.count, 0.15).map((f) => [f.face, f.visible || f.gap < 0 ? f.gap : 0]));
    const front = g.dx / 2 - gaps.front!, back = -g.dx / 2 + gaps.back!;
    const left = g.dy / 2 - gaps.left!, right = -g.dy / 2 + gaps.right!;
    const top = g.dz / 2 - gaps.top!;
    const du = (front + back) / 2, dv = (left + right) / 2;
    const c = Math.cos(g.yaw), s = Math.sin(g.yaw);
    g = { ...g, x: g.x + du * c - dv * s, y: g.y + du * s + dv * c, z: g.z + (top - g.dz / 2) / 2, dx: front - back, dy: left - right, dz: top + g.dz / 2 };
  }
  return g;
}
