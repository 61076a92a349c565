import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseKittiCalib } from '@cadre/pointcloud';
import { KITTI_CALIB } from '../../test/lidar-fixtures.ts';
import { kittiCamera } from './cameras.ts';

const mul = (m: number[], cols: number, v: number[]) => Array.from({ length: m.length / cols }, (_, i) => v.reduce((s, x, j) => s + m[i * cols + j]! * x, 0));

test("KITTI's image_2 camera as intrinsic and extrinsic projects a lidar point where P2 does", () => {
  const calib = parseKittiCalib(KITTI_CALIB);
  const cam = kittiCamera(calib)!;
  for (const p of [[8.7, -1.8, -0.7], [21.6, 4.3, -0.8], [14.2, -5.5, 1.5]]) {
    const rect = mul(calib.veloToRect, 4, [...p, 1]);
    const [u, v, w] = mul(calib.matrices.P2!, 4, [...rect, 1]) as [number, number, number];
    const inCam = mul(cam.extrinsic, 4, [...p, 1]).slice(0, 3);
    const [a, b, c] = mul(cam.intrinsic, 3, inCam) as [number, number, number];
    assert.ok(Math.abs(u / w - a / c) < 1e-9 && Math.abs(v / w - b / c) < 1e-9, `(${u / w}, ${v / w}) vs (${a / c}, ${b / c})`);
  }
  assert.deepEqual(cam.extrinsic.slice(12), [0, 0, 0, 1]);
});
