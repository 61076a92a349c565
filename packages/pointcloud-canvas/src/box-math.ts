/** Box geometry in plain numbers: local axes, corners, and the conversions the views need. */
import type { Cuboid3dGeometry } from '@cadre/core';

/** Box-local axes: a along the heading, b across (to the left), z up. */
export type Axis = 'a' | 'b' | 'z';

export function toLocal(g: Cuboid3dGeometry, x: number, y: number, z: number = g.z): { a: number; b: number; z: number } {
  const c = Math.cos(g.yaw), s = Math.sin(g.yaw);
  const px = x - g.x, py = y - g.y;
  return { a: px * c + py * s, b: -px * s + py * c, z: z - g.z };
}

export function toWorld(g: Cuboid3dGeometry, a: number, b: number, z: number): [number, number, number] {
  const c = Math.cos(g.yaw), s = Math.sin(g.yaw);
  return [g.x + a * c - b * s, g.y + a * s + b * c, g.z + z];
}

/** The 8 corners: bottom face 0–3 then top face 4–7, each counter-clockwise from rear-right. */
export function corners(g: Cuboid3dGeometry): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  for (const z of [-g.dz / 2, g.dz / 2]) {
    for (const [a, b] of [[-g.dx / 2, -g.dy / 2], [g.dx / 2, -g.dy / 2], [g.dx / 2, g.dy / 2], [-g.dx / 2, g.dy / 2]] as const) out.push(toWorld(g, a, b, z));
  }
  return out;
}

/** The 12 edges as corner index pairs, then the heading mark: a cross on the front face. */
export const EDGES: ReadonlyArray<readonly [number, number]> = [
  [0, 1], [1, 2], [2, 3], [3, 0], [4, 5], [5, 6], [6, 7], [7, 4], [0, 4], [1, 5], [2, 6], [3, 7], [1, 6], [2, 5],
];

/** Centimetres: what the panel shows and the export holds. */
export const cm = (v: number) => Math.round(v * 100) / 100;

export function rounded(g: Cuboid3dGeometry): Cuboid3dGeometry {
  const out = { ...g, x: cm(g.x), y: cm(g.y), z: cm(g.z), dx: cm(Math.max(g.dx, 0.01)), dy: cm(Math.max(g.dy, 0.01)), dz: cm(Math.max(g.dz, 0.01)) };
  return out as Cuboid3dGeometry;
}

/** Whether box `g`'s footprint lies inside `around` grown by `margin` (both in `around`'s frame). */
export function covers(around: Cuboid3dGeometry, margin: number, g: Cuboid3dGeometry): boolean {
  const c = Math.cos(around.yaw), s = Math.sin(around.yaw);
  const gc = Math.cos(g.yaw), gs = Math.sin(g.yaw);
  for (const [a, b] of [[1, 1], [1, -1], [-1, 1], [-1, -1]] as const) {
    const x = g.x + (a * g.dx * gc - b * g.dy * gs) / 2 - around.x, y = g.y + (a * g.dx * gs + b * g.dy * gc) / 2 - around.y;
    if (Math.abs(x * c + y * s) > around.dx / 2 + margin || Math.abs(y * c - x * s) > around.dy / 2 + margin) return false;
  }
  return true;
}
