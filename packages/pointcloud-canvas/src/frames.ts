/**
 * The orthographic views as plain numbers: where each one looks from, which lidar directions are
 * screen-right and screen-up, and conversions between CSS pixels in its canvas and lidar metres.
 * No three.js here, so Node tests can check every view.
 *
 * - top: looks straight down; +x (forward) is up the screen, +y to the left.
 * - side: looks across the selected box from its right (toward its +y); the heading points right.
 * - front: looks back at the box's nose (along −heading); the box's left (+y) is on screen right.
 */
import type { Cuboid3dGeometry } from '@cadre/core';

export type Vec3 = readonly [number, number, number];
export interface Size { width: number; height: number }

export interface OrthoFrame {
  centre: Vec3;
  /** Unit lidar directions shown as screen right and screen up. */
  right: Vec3;
  up: Vec3;
  /** Metres from the centre to the top edge of the canvas. */
  span: number;
}

export const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/** The direction the view looks along (into the screen): up × right. */
export function forward(f: OrthoFrame): Vec3 {
  const [u, r] = [f.up, f.right];
  return [u[1] * r[2] - u[2] * r[1], u[2] * r[0] - u[0] * r[2], u[0] * r[1] - u[1] * r[0]];
}

export function topFrame(x: number, y: number, z: number, span: number): OrthoFrame {
  return { centre: [x, y, z], right: [0, -1, 0], up: [1, 0, 0], span };
}

/** The side or front view of a box, zoomed so the box fills about two thirds of the canvas. */
export function boxFrame(view: 'side' | 'front', g: Cuboid3dGeometry, size: Size, span = fitSpan(view, g, size)): OrthoFrame {
  const c = Math.cos(g.yaw), s = Math.sin(g.yaw);
  const right: Vec3 = view === 'side' ? [c, s, 0] : [-s, c, 0];
  return { centre: [g.x, g.y, g.z], right, up: [0, 0, 1], span };
}

export function fitSpan(view: 'side' | 'front', g: Cuboid3dGeometry, size: Size): number {
  const across = view === 'side' ? g.dx : g.dy;
  return Math.max(g.dz * 0.8, (across * 0.65 * size.height) / Math.max(1, size.width)) + 0.4;
}

/** How deep a box's side/front view reaches either side of its centre (the slab it shows). */
export function slabDepth(view: 'side' | 'front', g: Cuboid3dGeometry, margin = 0.5): number {
  return (view === 'side' ? g.dy : g.dx) / 2 + margin;
}

export const metresPerPixel = (f: OrthoFrame, size: Size) => (2 * f.span) / Math.max(1, size.height);

/** A CSS pixel of the canvas (origin top-left) → the lidar point on the plane through the centre. */
export function screenToLidar(f: OrthoFrame, size: Size, px: number, py: number): Vec3 {
  const m = metresPerPixel(f, size);
  const h = (px - size.width / 2) * m, v = (size.height / 2 - py) * m;
  return [0, 1, 2].map((i) => f.centre[i]! + f.right[i]! * h + f.up[i]! * v) as unknown as Vec3;
}

/** A lidar point → CSS pixel of the canvas, and its depth along the view direction (metres). */
export function lidarToScreen(f: OrthoFrame, size: Size, p: Vec3): { x: number; y: number; depth: number } {
  const m = metresPerPixel(f, size);
  const d: Vec3 = [p[0] - f.centre[0], p[1] - f.centre[1], p[2] - f.centre[2]];
  return { x: size.width / 2 + dot(d, f.right) / m, y: size.height / 2 - dot(d, f.up) / m, depth: dot(d, forward(f)) };
}

/** Zoom by `factor` keeping the lidar point under pixel (px, py) where it is (top view). */
export function zoomAt(f: OrthoFrame, size: Size, px: number, py: number, factor: number, min = 1, max = 200): OrthoFrame {
  const before = screenToLidar(f, size, px, py);
  const next = { ...f, span: Math.min(max, Math.max(min, f.span * factor)) };
  const after = screenToLidar(next, size, px, py);
  return { ...next, centre: [f.centre[0] + before[0] - after[0], f.centre[1] + before[1] - after[1], f.centre[2] + before[2] - after[2]] };
}

/**
 * The rectangle dragged in the top view between two lidar points, axis-aligned, corner 0 → 1 along
 * +x (forward); null when it is too small to mean anything (under `minArea` m², e.g. a click).
 */
export function topRect(from: Vec3, to: Vec3, minArea = 0.04): [[number, number], [number, number], [number, number], [number, number]] | null {
  const x0 = Math.min(from[0], to[0]), x1 = Math.max(from[0], to[0]);
  const y0 = Math.min(from[1], to[1]), y1 = Math.max(from[1], to[1]);
  if ((x1 - x0) * (y1 - y0) < minArea) return null;
  return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
}
