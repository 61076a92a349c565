import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateSensorOrigin } from './sensor.ts';

/**
 * A 32-beam spinning scan from a sensor at `at`: each ray stops at the road (z = 0) or at the walls
 * of a yard 70 × 50 m around the frame's origin, whichever it meets first.
 */
function beamScan(at: [number, number, number]): Float32Array {
  const out: number[] = [];
  const [sx, sy, sz] = at;
  for (let beam = 0; beam < 32; beam++) {
    const elevation = ((-25 + beam * (35 / 31)) * Math.PI) / 180;
    for (let step = 0; step < 1800; step++) {
      const azimuth = (step / 1800) * 2 * Math.PI;
      const d = [Math.cos(elevation) * Math.cos(azimuth), Math.cos(elevation) * Math.sin(azimuth), Math.sin(elevation)];
      let t = Infinity;
      if (d[2]! < 0) t = -sz / d[2]!;
      for (const [axis, wall] of [[0, 35], [0, -35], [1, 25], [1, -25]] as const) {
        const s = (wall - at[axis]) / d[axis]!;
        if (s > 0) t = Math.min(t, s);
      }
      if (!(t < 80)) continue;
      out.push(sx + t * d[0]!, sy + t * d[1]!, sz + t * d[2]!);
    }
  }
  return Float32Array.from(out);
}

test('the sensor is found where its beams form sharp cones: a vehicle-frame cloud gives the roof mount', () => {
  const [x, y, z] = estimateSensorOrigin(beamScan([1.4, 0, 1.9]));
  assert.ok(Math.abs(x - 1.4) <= 0.15 && Math.abs(y) <= 0.15 && Math.abs(z - 1.9) <= 0.05, `found ${[x, y, z].join(', ')}`);
});

test('a cloud in the sensor\'s own frame keeps the frame\'s origin, however high the road is below', () => {
  const cloud = beamScan([0, 0, 1.7]);
  // Shift the whole scan down so the sensor sits at the origin, as KITTI's velodyne frame has it.
  for (let i = 2; i < cloud.length; i += 3) cloud[i] = cloud[i]! - 1.7;
  const [x, y, z] = estimateSensorOrigin(cloud);
  assert.ok(Math.abs(x) <= 0.15 && Math.abs(y) <= 0.15 && Math.abs(z) <= 0.05, `found ${[x, y, z].join(', ')}`);
});

test('a cloud without beams (a survey grid, a mesh) or too small keeps the frame\'s origin', () => {
  const grid: number[] = [];
  for (let x = -30; x <= 30; x += 0.3) for (let y = -30; y <= 30; y += 0.3) grid.push(x, y, -1.5 + 0.01 * x);
  assert.deepEqual(estimateSensorOrigin(Float32Array.from(grid)), [0, 0, 0]);
  assert.deepEqual(estimateSensorOrigin(new Float32Array(30)), [0, 0, 0]);
});
