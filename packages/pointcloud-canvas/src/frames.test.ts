import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Cuboid3dGeometry } from '@cadre/core';
import { boxFrame, forward, lidarToScreen, screenToLidar, topFrame, topRect, zoomAt } from './frames.ts';

const size = { width: 400, height: 300 };
const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) <= eps, `${a} ≠ ${b}`);
const box = { x: 10, y: 5, z: 0.8, dx: 4, dy: 2, dz: 1.6, yaw: Math.PI / 6 } as Cuboid3dGeometry;

test('top view: forward (+x) is up the screen, +y to the left, and pixels map to metres both ways', () => {
  const f = topFrame(10, 5, 0, 15); // 30 m over 300 px: 0.1 m a pixel
  const centre = lidarToScreen(f, size, [10, 5, 0]);
  close(centre.x, 200); close(centre.y, 150);
  const ahead = lidarToScreen(f, size, [11, 5, 0]);
  close(ahead.x, 200); close(ahead.y, 140);
  const left = lidarToScreen(f, size, [10, 6, 0]);
  close(left.x, 190); close(left.y, 150);
  const back = screenToLidar(f, size, 123, 45);
  const again = lidarToScreen(f, size, back);
  close(again.x, 123); close(again.y, 45);
  assert.deepEqual(forward(f), [0, 0, -1]);
});

test('side view looks across the box with its heading to the right; front view looks back at its nose', () => {
  const side = boxFrame('side', box, size);
  const nose = lidarToScreen(side, size, [box.x + Math.cos(box.yaw), box.y + Math.sin(box.yaw), box.z]);
  assert.ok(nose.x > 200 && Math.abs(nose.y - 150) < 1e-9 && Math.abs(nose.depth) < 1e-9);
  const roof = lidarToScreen(side, size, [box.x, box.y, box.z + 1]);
  assert.ok(roof.y < 150);
  const front = boxFrame('front', box, size);
  const leftSide = lidarToScreen(front, size, [box.x - Math.sin(box.yaw), box.y + Math.cos(box.yaw), box.z]);
  assert.ok(leftSide.x > 200, 'the box’s left shows on the right when facing its nose');
  close(lidarToScreen(front, size, [box.x + Math.cos(box.yaw), box.y + Math.sin(box.yaw), box.z]).depth, -1);
  // The whole box fits in both views.
  for (const f of [side, front]) assert.ok(f.span > box.dz / 2 && (f.span * size.width) / size.height > box.dy / 2);
});

test('zooming keeps the point under the cursor in place', () => {
  const f = topFrame(0, 0, 0, 20);
  const under = screenToLidar(f, size, 50, 260);
  const zoomed = zoomAt(f, size, 50, 260, 0.5);
  close(zoomed.span, 10);
  const p = lidarToScreen(zoomed, size, under);
  close(p.x, 50, 1e-6); close(p.y, 260, 1e-6);
});

test('the top-view rectangle runs along +x first, and a click is no rectangle', () => {
  assert.deepEqual(topRect([3, 2, 0], [1, 5, 0]), [[1, 2], [3, 2], [3, 5], [1, 5]]);
  assert.equal(topRect([1, 1, 0], [1.05, 1.05, 0]), null);
});
