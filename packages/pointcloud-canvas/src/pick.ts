/** Which box a click means, in each kind of view. Pure: the views hand in their frames or projections. */
import type { Cuboid3dGeometry } from '@cadre/core';
import type { SceneCuboid } from './api.ts';
import { corners, toLocal } from './box-math.ts';
import { lidarToScreen, type OrthoFrame, type Size } from './frames.ts';

/** Top view: the smallest box whose footprint holds lidar (x, y). */
export function pickFootprint(cuboids: Iterable<SceneCuboid>, x: number, y: number): string | null {
  let best: string | null = null;
  let area = Infinity;
  for (const { id, geometry: g } of cuboids) {
    const l = toLocal(g, x, y);
    if (Math.abs(l.a) <= g.dx / 2 && Math.abs(l.b) <= g.dy / 2 && g.dx * g.dy < area) {
      best = id;
      area = g.dx * g.dy;
    }
  }
  return best;
}

/** The screen rectangle a box covers in an orthographic view, and its depth range along the view. */
export function projectedRect(g: Cuboid3dGeometry, frame: OrthoFrame, size: Size) {
  const r = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity, near: Infinity, far: -Infinity };
  for (const c of corners(g)) {
    const p = lidarToScreen(frame, size, c);
    r.left = Math.min(r.left, p.x); r.right = Math.max(r.right, p.x);
    r.top = Math.min(r.top, p.y); r.bottom = Math.max(r.bottom, p.y);
    r.near = Math.min(r.near, p.depth); r.far = Math.max(r.far, p.depth);
  }
  return r;
}

/**
 * Side and front views: the smallest box whose projected rectangle holds pixel (px, py), among the
 * boxes that reach into the slab the view shows (depth within ±`depth` of its centre).
 */
export function pickProjected(cuboids: Iterable<SceneCuboid>, frame: OrthoFrame, size: Size, px: number, py: number, depth: number): string | null {
  let best: string | null = null;
  let area = Infinity;
  for (const { id, geometry } of cuboids) {
    const r = projectedRect(geometry, frame, size);
    if (r.far < -depth || r.near > depth) continue;
    if (px < r.left || px > r.right || py < r.top || py > r.bottom) continue;
    const a = (r.right - r.left) * (r.bottom - r.top);
    if (a < area) { best = id; area = a; }
  }
  return best;
}

/** Perspective view: the box whose centre shows nearest the pixel, within `radius` pixels. */
export function pickNearest(cuboids: Iterable<SceneCuboid>, project: (g: Cuboid3dGeometry) => { x: number; y: number } | null, px: number, py: number, radius = 40): string | null {
  let best: string | null = null;
  let distance = radius;
  for (const { id, geometry } of cuboids) {
    const p = project(geometry);
    if (!p) continue;
    const d = Math.hypot(p.x - px, p.y - py);
    if (d < distance) { best = id; distance = d; }
  }
  return best;
}
