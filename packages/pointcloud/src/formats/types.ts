// 3D label files (SUSTechPOINTS, KITTI label_2, JSON boxes, nuScenes infos) as boxes in the lidar
// frame. Pure: strings and objects in, strings and objects out; no node:fs.
import type { Cuboid3dGeometry } from '@cadre/core';

/** One labelled box in the lidar frame (metres, radians; z at the centre; dx along the heading). */
export interface LabelBox {
  label: string;
  geometry: Cuboid3dGeometry;
  trackId?: string;
  score?: number;
  /** 0-based frame index when the file holds several frames. */
  frame?: number;
}

/** A label file that cannot be read; `where` names the box (index or line) and the field. */
export class LabelFormatError extends Error {
  override name = 'LabelFormatError';
  constructor(readonly format: string, readonly where: string, readonly detail: string) {
    super(`${format}: ${where}: ${detail}`);
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A short rendering of a bad value for messages. */
export function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…` : v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (v === null) return 'null';
  return typeof v === 'object' ? 'an object' : String(v);
}

/** Reads a finite number or throws naming where and which field. */
export function finite(format: string, where: string, field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new LabelFormatError(format, where, `${field}: expected a finite number, got ${shown(v)}`);
  return v;
}

/** A size must be a finite number above zero. */
export function positive(format: string, where: string, field: string, v: unknown): number {
  const n = finite(format, where, field, v);
  if (n <= 0) throw new LabelFormatError(format, where, `${field}: expected a size above 0, got ${n}`);
  return n;
}

/** A JSON document, with the parser's complaint turned into a LabelFormatError. */
export function parseJson(format: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new LabelFormatError(format, 'file', `not valid JSON (${(e as Error).message})`);
  }
}

export function geometry(x: number, y: number, z: number, dx: number, dy: number, dz: number, yaw: number, roll?: number, pitch?: number): Cuboid3dGeometry {
  const g = { x, y, z, dx, dy, dz, yaw } as Cuboid3dGeometry;
  if (roll !== undefined && roll !== 0) g.roll = roll as Cuboid3dGeometry['yaw'];
  if (pitch !== undefined && pitch !== 0) g.pitch = pitch as Cuboid3dGeometry['yaw'];
  return g;
}
