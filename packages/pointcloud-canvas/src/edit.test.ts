import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Cuboid3dGeometry } from '@cadre/core';
import { toLocal } from './box-math.ts';
import { dragTo, hitHandle, knobLength, nudge, KNOB } from './edit.ts';
import { pointColors, ramp } from './color.ts';

const box = (over: Partial<Record<keyof Cuboid3dGeometry, number>> = {}) => ({ x: 10, y: 5, z: 0.8, dx: 4, dy: 2, dz: 1.6, yaw: Math.PI / 6, ...over }) as Cuboid3dGeometry;
const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) <= eps, `${a} ≠ ${b}`);

test('dragging the front face by 0.5 m grows the length by 0.5 and moves the centre 0.25 along the heading (yaw 30°)', () => {
  const g = box();
  const handle = hitHandle(g, 'top', 2, 0.1, 0.1);
  assert.deepEqual(handle, { kind: 'resize', edges: [{ axis: 'a', side: 1 }] });
  const out = dragTo(g, 'top', handle!, 2, 0.1, 2.5, 0.1);
  close(out.dx, 4.5);
  close(out.x, 10 + 0.25 * Math.cos(Math.PI / 6), 0.005);
  close(out.y, 5 + 0.25 * Math.sin(Math.PI / 6), 0.005);
  // The rear face stays put.
  close(toLocal(out, ...[g.x - 2 * Math.cos(g.yaw), g.y - 2 * Math.sin(g.yaw)] as [number, number]).a, -out.dx / 2, 0.01);
});

test('a corner resizes both axes; the top edge in the side view changes the height, keeping the bottom', () => {
  const g = box();
  const corner = hitHandle(g, 'top', -2, -1, 0.1)!;
  assert.equal(corner.kind, 'resize');
  const out = dragTo(g, 'top', corner, -2, -1, -2.3, -1.2);
  close(out.dx, 4.3); close(out.dy, 2.2);
  const top = hitHandle(g, 'side', 0, 0.8, 0.1)!;
  const taller = dragTo(g, 'side', top, 0, 0.8, 0, 1.2);
  close(taller.dz, 2); close(taller.z - taller.dz / 2, g.z - g.dz / 2, 0.005);
});

test('the body moves, the knob turns, and results are held to 0.01 m', () => {
  const g = box({ yaw: 0 });
  const moved = dragTo(g, 'front', hitHandle(g, 'front', 0, 0, 0.1)!, 0, 0, 0.333, 0.1);
  close(moved.y, 5.33); close(moved.z, 0.9);
  const knob = hitHandle(g, 'top', 2 + KNOB, 0, 0.1);
  assert.deepEqual(knob, { kind: 'rotate' });
  const turned = dragTo(g, 'top', knob!, 2 + KNOB, 0, 0, 2 + KNOB);
  close(turned.yaw, Math.PI / 2);
  assert.equal(hitHandle(g, 'top', 5, 5, 0.1), null);
});

test('arrow keys nudge by 0.01 m, with Shift by 0.1 m, as the top view shows the axes', () => {
  const g = box();
  close(nudge(g, 'ArrowUp', false)!.x, 10.01);
  close(nudge(g, 'ArrowLeft', true)!.y, 5.1);
  close(nudge(g, 'ArrowRight', false)!.y, 4.99);
  assert.equal(nudge(g, 'KeyA', false), null);
});

test('colours run from blue (low) to red (high) and tolerate NaN', () => {
  const out = new Float32Array(3);
  ramp(0, out, 0); assert.ok(out[2]! > out[0]!);
  ramp(1, out, 0); assert.ok(out[0]! > out[2]!);
  ramp(Number.NaN, out, 0); assert.ok(Number.isFinite(out[0]!));
  const colors = pointColors({ count: 2, positions: Float32Array.from([0, 0, -2, 0, 0, 3]), intensity: null, fields: {}, dropped: 0 }, 'height');
  assert.ok(colors[2]! > colors[0]! && colors[3]! > colors[5]!);
});

test('near the nose the face wins over the knob; the knob grows with the top view’s zoom-out', () => {
  const g = box({ yaw: 0 });
  assert.equal(hitHandle(g, 'top', 2.05, 0, 0.3)?.kind, 'resize');
  assert.equal(hitHandle(g, 'top', 2 + KNOB, 0, 0.3)?.kind, 'rotate');
  assert.equal(knobLength(0.01), KNOB);
  assert.ok(knobLength(0.15) > 3);
  assert.equal(hitHandle(g, 'top', 2 + knobLength(0.15), 0, 0.9, knobLength(0.15))?.kind, 'rotate');
});
