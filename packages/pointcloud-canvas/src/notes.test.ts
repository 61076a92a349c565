import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Cuboid3dGeometry } from '@cadre/core';
import { topFrame } from './frames.ts';
import { noteAnchor, notedTones, orthoNotePixel } from './notes.ts';

const car = { x: 10, y: -4, z: -0.9, dx: 4, dy: 2, dz: 1.6, yaw: 0.5 } as Cuboid3dGeometry;

test('a note is pinned at the centre of the box’s top face', () => {
  const [x, y, z] = noteAnchor(car);
  assert.deepEqual([x, y], [10, -4]);
  assert.ok(Math.abs(z - -0.1) < 1e-12, `z ${z}`);
});

test('in the top view the note sits over the box centre and moves with a pan and a zoom', () => {
  const size = { width: 600, height: 400 };
  // 20 m from the centre to the top edge (200 px): 0.1 m a pixel; lidar +x is screen up, +y screen left.
  const frame = topFrame(10, 0, 0, 20);
  const p = orthoNotePixel(frame, size, car);
  assert.ok(Math.abs(p.x - (300 + 4 / 0.1)) < 1e-9 && Math.abs(p.y - 200) < 1e-9, JSON.stringify(p));
  const zoomed = orthoNotePixel(topFrame(10, 0, 0, 10), size, car);
  assert.ok(Math.abs(zoomed.x - (300 + 4 / 0.05)) < 1e-9);
  const panned = orthoNotePixel(topFrame(12, 0, 0, 20), size, car);
  assert.ok(Math.abs(panned.y - (200 + 2 / 0.1)) < 1e-9);
});

test('a box with a rejection and a check is outlined as rejected; notes without a box are ignored', () => {
  const tones = notedTones([
    { objectId: 'a', text: 'too few points', tone: 'check' },
    { objectId: 'a', text: 'Wrong class', tone: 'reject' },
    { objectId: 'b', text: 'left face 0.013 m outside the points; limit 0.010 m', tone: 'check' },
    { objectId: null, text: 'missed a pedestrian', tone: 'reject' },
  ]);
  assert.deepEqual([...tones], [['a', 'reject'], ['b', 'check']]);
});
