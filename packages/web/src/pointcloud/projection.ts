// Cuboid corners projected into a camera image: pixel = K · (E · [x y z 1]) / depth, with E the
// row-major lidar→camera 4×4 and K the row-major 3×3 intrinsic.
import type { Cuboid3dGeometry } from '@cadre/core';

export interface Camera { name: string; intrinsic: number[]; extrinsic: number[]; images: (string | null)[] }

/** The eight corners, bottom face first (counter-clockwise from front-left), in lidar metres. */
export function cuboidCorners(g: Cuboid3dGeometry): [number, number, number][] {
  const c = Math.cos(g.yaw), s = Math.sin(g.yaw);
  const out: [number, number, number][] = [];
  for (const dz of [-0.5, 0.5]) {
    for (const [u, v] of [[0.5, 0.5], [-0.5, 0.5], [-0.5, -0.5], [0.5, -0.5]] as const) {
      const lx = u * g.dx, ly = v * g.dy;
      out.push([g.x + lx * c - ly * s, g.y + lx * s + ly * c, g.z + dz * g.dz]);
    }
  }
  return out;
}

/** Edges between corner indices: bottom, top, uprights. */
export const EDGES: [number, number][] = [[0, 1], [1, 2], [2, 3], [3, 0], [4, 5], [5, 6], [6, 7], [7, 4], [0, 4], [1, 5], [2, 6], [3, 7]];

/** Image pixel of a lidar point, or null behind (or too near) the camera. */
export function project(cam: Camera, [x, y, z]: [number, number, number]): [number, number] | null {
  const e = cam.extrinsic, k = cam.intrinsic;
  const cx = e[0]! * x + e[1]! * y + e[2]! * z + e[3]!;
  const cy = e[4]! * x + e[5]! * y + e[6]! * z + e[7]!;
  const cz = e[8]! * x + e[9]! * y + e[10]! * z + e[11]!;
  if (cz < 0.1) return null;
  const u = k[0]! * cx + k[1]! * cy + k[2]! * cz;
  const v = k[3]! * cx + k[4]! * cy + k[5]! * cz;
  const w = k[6]! * cx + k[7]! * cy + k[8]! * cz;
  return [u / w, v / w];
}

/** Camera list from item metadata, ignoring anything malformed. */
export function camerasOf(metadata: unknown): Camera[] {
  const list = (metadata as { cameras?: unknown } | null)?.cameras;
  if (!Array.isArray(list)) return [];
  return list.filter((c): c is Camera => typeof c === 'object' && c !== null
    && typeof (c as Camera).name === 'string' && Array.isArray((c as Camera).intrinsic) && (c as Camera).intrinsic.length === 9
    && Array.isArray((c as Camera).extrinsic) && (c as Camera).extrinsic.length === 16);
}
