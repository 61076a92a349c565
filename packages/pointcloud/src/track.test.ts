import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Cuboid3dGeometry } from '@cadre/core';
import { fillTrack, frameTimes, interpolateCuboid } from './track.ts';

const box = (x: number, yawDeg: number, dx = 4): Cuboid3dGeometry => ({ x, y: 2 * x, z: 0.8, dx, dy: 1.8, dz: 1.6, yaw: (yawDeg * Math.PI) / 180 }) as Cuboid3dGeometry;

test('a box on frames 0 and 3 gives exact thirds on frames 1 and 2, and the keyframes stay as placed', () => {
  const filled = fillTrack([{ frame: 3, geometry: box(9, 30, 5) }, { frame: 0, geometry: box(0, 0, 4) }], 4);
  assert.deepEqual(filled.map((f) => [f.frame, f.keyframe]), [[0, true], [1, false], [2, false], [3, true]]);
  assert.ok(Math.abs(filled[1]!.geometry.x - 3) < 1e-12 && Math.abs(filled[2]!.geometry.y - 12) < 1e-12);
  assert.ok(Math.abs(filled[1]!.geometry.dx - 4 + -1 / 3) < 1e-12);
  assert.ok(Math.abs(filled[2]!.geometry.yaw - (20 * Math.PI) / 180) < 1e-12);
  assert.deepEqual(filled[3]!.geometry, box(9, 30, 5));
});

test('yaw turns the short way round: 179° to −179° passes through 180°, not 0°', () => {
  const mid = interpolateCuboid(box(0, 179), box(0, -179), 0.5);
  assert.ok(Math.abs(Math.abs(mid.yaw) - Math.PI) < 1e-9, `yaw ${mid.yaw}`);
});

test('frames outside the keyframes get no box, and frames past the sequence are ignored', () => {
  const filled = fillTrack([{ frame: 1, geometry: box(0, 0) }, { frame: 2, geometry: box(1, 0) }, { frame: 7, geometry: box(5, 0) }], 4);
  assert.deepEqual(filled.map((f) => f.frame), [1, 2]);
});

test('with frame times the share follows time: frames 950, 965, 970, 975 put frame 965 at 3/5 of the way', () => {
  const times = frameTimes({ frameNames: ['000950', '000965', '000970', '000975'] }, 4)!;
  assert.deepEqual(times, [950, 965, 970, 975]);
  const filled = fillTrack([{ frame: 0, geometry: box(0, 0) }, { frame: 3, geometry: box(25, 0) }], 4, times);
  assert.ok(Math.abs(filled[1]!.geometry.x - 15) < 1e-9 && Math.abs(filled[2]!.geometry.x - 20) < 1e-9);
  assert.deepEqual(frameTimes({ timestamps: [1.5, 1.6] }, 2), [1.5, 1.6]);
  assert.equal(frameTimes({ frameNames: ['b', 'a'] }, 2), null);
  assert.equal(frameTimes({ timestamps: [2, 1] }, 2), null);
  assert.equal(frameTimes({}, 2), null);
});
