/**
 * Editing a box with the pointer in an orthographic view, and with the keyboard. Pure functions over
 * box-local coordinates, so a Node test can drive every handle.
 *
 * Each orthographic view shows two box axes: top (a, b), side (a, z), front (b, z).
 */
import type { Cuboid3dGeometry } from '@cadre/core';
import { normalizeAngle } from '@cadre/core';
import { rounded, toWorld, type Axis } from './box-math.ts';

export type OrthoView = 'top' | 'side' | 'front';
export const VIEW_AXES: Record<OrthoView, readonly [Axis, Axis]> = { top: ['a', 'b'], side: ['a', 'z'], front: ['b', 'z'] };

export type Handle =
  | { kind: 'move' }
  | { kind: 'resize'; edges: Array<{ axis: Axis; side: 1 | -1 }> }
  | { kind: 'rotate' };

const half = (g: Cuboid3dGeometry, axis: Axis) => (axis === 'a' ? g.dx : axis === 'b' ? g.dy : g.dz) / 2;
/** How far in front of the box the rotation knob sits (top view) at least, metres. */
export const KNOB = 0.8;
/** The knob's stalk for a top view showing `metresPerPixel`: at least 0.8 m and 24 pixels, so it stays grabbable apart from the face. */
export const knobLength = (metresPerPixel: number) => Math.max(KNOB, 24 * metresPerPixel);

/**
 * The handle under a pointer at box-local (h, w) in `view`; `tol` is a few pixels in metres. The
 * knob (top view, `knob` metres ahead of the nose) wins where the pointer is nearer it than the face.
 */
export function hitHandle(g: Cuboid3dGeometry, view: OrthoView, h: number, w: number, tol: number, knob = KNOB): Handle | null {
  if (view === 'top' && Math.hypot(h - (g.dx / 2 + knob), w) <= tol * 1.5 && h > g.dx / 2 + knob / 2) return { kind: 'rotate' };
  const [ah, aw] = VIEW_AXES[view];
  const hh = half(g, ah), hw = half(g, aw);
  if (Math.abs(h) > hh + tol || Math.abs(w) > hw + tol) return null;
  const edges: Array<{ axis: Axis; side: 1 | -1 }> = [];
  if (Math.abs(Math.abs(h) - hh) <= tol) edges.push({ axis: ah, side: h > 0 ? 1 : -1 });
  if (Math.abs(Math.abs(w) - hw) <= tol) edges.push({ axis: aw, side: w > 0 ? 1 : -1 });
  return edges.length > 0 ? { kind: 'resize', edges } : { kind: 'move' };
}

/**
 * The box after dragging `handle` of `start` from box-local (h0, w0) to (h1, w1) (both in the
 * start box's frame). Resizing keeps the opposite face where it was.
 */
export function dragTo(start: Cuboid3dGeometry, view: OrthoView, handle: Handle, h0: number, w0: number, h1: number, w1: number): Cuboid3dGeometry {
  const [ah, aw] = VIEW_AXES[view];
  const delta: Record<Axis, number> = { a: 0, b: 0, z: 0 };
  delta[ah] += h1 - h0;
  delta[aw] += w1 - w0;
  if (handle.kind === 'rotate') {
    const turn = Math.atan2(w1, h1) - Math.atan2(w0, h0);
    return rounded({ ...start, yaw: normalizeAngle(start.yaw + turn) });
  }
  if (handle.kind === 'move') return shift(start, delta.a, delta.b, delta.z);
  const size: Record<Axis, number> = { a: start.dx, b: start.dy, z: start.dz };
  const centre: Record<Axis, number> = { a: 0, b: 0, z: 0 };
  for (const { axis, side } of handle.edges) {
    const grown = Math.max(0.05, size[axis] + side * delta[axis]);
    centre[axis] = (side * (grown - size[axis])) / 2;
    size[axis] = grown;
  }
  const [x, y, z] = toWorld(start, centre.a, centre.b, centre.z);
  return rounded({ ...start, x, y, z, dx: size.a, dy: size.b, dz: size.z } as Cuboid3dGeometry);
}

/** Moves the box along its own axes. */
export function shift(g: Cuboid3dGeometry, a: number, b: number, z: number): Cuboid3dGeometry {
  const [x, y, zz] = toWorld(g, a, b, z);
  return rounded({ ...g, x, y, z: zz } as Cuboid3dGeometry);
}

/**
 * Arrow keys as the top view shows them (+x up the screen, +y to the left): Up +x, Down −x,
 * Left +y, Right −y; 0.01 m a press, 0.1 m with Shift. Page Up/Down move in z.
 */
export function nudge(g: Cuboid3dGeometry, key: string, shiftKey: boolean): Cuboid3dGeometry | null {
  const step = shiftKey ? 0.1 : 0.01;
  const moves: Record<string, [number, number, number]> = {
    ArrowUp: [step, 0, 0], ArrowDown: [-step, 0, 0], ArrowLeft: [0, step, 0], ArrowRight: [0, -step, 0], PageUp: [0, 0, step], PageDown: [0, 0, -step],
  };
  const m = moves[key];
  if (!m) return null;
  return rounded({ ...g, x: g.x + m[0], y: g.y + m[1], z: g.z + m[2] } as Cuboid3dGeometry);
}
