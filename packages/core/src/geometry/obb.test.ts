import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bevIou, countPointsInCuboid, cuboidCorners2d, iou3d, pointInCuboid, type OrientedBox } from './obb.ts';

const near = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} ≉ ${b}`);
const cub = (o: Partial<OrientedBox>): OrientedBox => ({ x: 0, y: 0, z: 0, dx: 1, dy: 1, dz: 1, yaw: 0, ...o });

test('footprint corners of a 4×2 box turned 90° run along y', () => {
  const corners = cuboidCorners2d(cub({ dx: 4, dy: 2, yaw: Math.PI / 2 }));
  near(corners[0]![0], -1);
  near(corners[0]![1], 2);
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  near(Math.max(...xs), 1);
  near(Math.max(...ys), 2);
});

test('a 4×2 box turned 90° is the same footprint as a 2×4 box', () => {
  near(bevIou(cub({ dx: 4, dy: 2, yaw: Math.PI / 2 }), cub({ dx: 2, dy: 4 })), 1);
});

test('unit square against itself turned 45° has BEV IoU √2/2', () => {
  // octagon 2√2 − 2 over union 2 − (2√2 − 2) simplifies to √2/2
  near(bevIou(cub({}), cub({ yaw: Math.PI / 4 })), Math.SQRT1_2);
});

test('identical cuboids, one turned by π, have 3D IoU 1', () => {
  const a = cub({ x: 12, y: -3, z: 0.9, dx: 4.5, dy: 1.9, dz: 1.6, yaw: 0.3 });
  near(iou3d(a, { ...a, yaw: a.yaw + Math.PI }), 1);
});

test('3D IoU combines footprint and height overlap', () => {
  // same footprint, z ranges [-1, 1] and [0, 2]: 1·1·1 over 2 + 2 − 1
  near(iou3d(cub({ dz: 2 }), cub({ z: 1, dz: 2 })), 1 / 3);
  // 2-cubes shifted 1 m along x: 4 over 8 + 8 − 4
  near(iou3d(cub({ dx: 2, dy: 2, dz: 2 }), cub({ x: 1, dx: 2, dy: 2, dz: 2 })), 1 / 3);
  assert.equal(iou3d(cub({}), cub({ z: 5 })), 0);
});

const yawed = cub({ x: 10, y: 5, z: 1, dx: 4, dy: 2, dz: 2, yaw: Math.PI / 6 });
const c30 = Math.cos(Math.PI / 6);
const s30 = Math.sin(Math.PI / 6);
const along = (d: number, z = 1): [number, number, number] => [10 + d * c30, 5 + d * s30, z];
const across = (d: number): [number, number, number] => [10 - d * s30, 5 + d * c30, 1];

test('pointInCuboid respects the yaw at the front, side and top faces', () => {
  assert.ok(pointInCuboid(yawed, ...along(1.99)));
  assert.ok(!pointInCuboid(yawed, ...along(2.01)));
  assert.ok(pointInCuboid(yawed, ...along(-1.99)));
  assert.ok(pointInCuboid(yawed, ...across(0.99)));
  assert.ok(!pointInCuboid(yawed, ...across(-1.01)));
  assert.ok(pointInCuboid(yawed, ...along(0, 1.99)));
  assert.ok(!pointInCuboid(yawed, ...along(0, 2.01)));
  // inside the unrotated box, but past the front face once the box is turned 30°
  assert.ok(!pointInCuboid(yawed, 11.9, 5.9, 1));
});

test('countPointsInCuboid agrees with pointInCuboid on a strided cloud', () => {
  const pts = [along(1.99), along(2.01), across(0.99), across(-1.01), along(0, 2.01), [11.9, 5.9, 1], [10, 5, 1]];
  const stride = 4; // x, y, z, intensity as in KITTI .bin files
  const cloud = new Float32Array(pts.length * stride);
  pts.forEach((p, i) => cloud.set([...p, 0.5], i * stride));
  // inside: along 1.99, across 0.99, the centre
  assert.equal(countPointsInCuboid(yawed, cloud, stride), 3);
  let expected = 0;
  for (let i = 0; i < cloud.length; i += stride) if (pointInCuboid(yawed, cloud[i]!, cloud[i + 1]!, cloud[i + 2]!)) expected++;
  assert.equal(expected, 3);
  assert.throws(() => countPointsInCuboid(yawed, cloud, 2), RangeError);
});
