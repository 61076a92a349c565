import type { Cuboid3dGeometry, LabeledObject } from '@cadre/core';
import type { LabelBox } from '@cadre/pointcloud';

/**
 * A 3D box as a prediction result, stored beside Label Studio's rectangles in the same `result`
 * array (Label Studio has no cuboid type of its own). Lidar frame, metres, radians, z at the centre.
 */
export interface CuboidResult {
  id: string;
  type: 'cuboid3d';
  value: {
    x: number; y: number; z: number; dx: number; dy: number; dz: number; yaw: number;
    roll?: number; pitch?: number;
    labels: [string];
    /** Which frame of a sequence (0-based); absent on a single cloud. */
    frame?: number;
    trackId?: string;
  };
  score?: number;
}

export function boxesToResults(boxes: readonly LabelBox[]): CuboidResult[] {
  return boxes.map((b, i) => {
    const g = b.geometry;
    const value: CuboidResult['value'] = { x: g.x, y: g.y, z: g.z, dx: g.dx, dy: g.dy, dz: g.dz, yaw: g.yaw, labels: [b.label] };
    if (g.roll !== undefined) value.roll = g.roll;
    if (g.pitch !== undefined) value.pitch = g.pitch;
    if (b.frame !== undefined) value.frame = b.frame;
    if (b.trackId !== undefined) value.trackId = b.trackId;
    const r: CuboidResult = { id: `c${i}`, type: 'cuboid3d', value };
    if (b.score !== undefined) r.score = b.score;
    return r;
  });
}

/** The mean of the boxes' scores, or null when none has one. */
export function meanBoxScore(boxes: readonly LabelBox[]): number | null {
  const scores = boxes.flatMap((b) => (b.score === undefined ? [] : [b.score]));
  return scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const KEYS = ['x', 'y', 'z', 'dx', 'dy', 'dz', 'yaw'] as const;

/** A cuboid3d result as a Cadre object, or null when it is not one or is malformed. */
export function cuboidResultToObject(r: Record<string, unknown>, index: number, predictionId: string): LabeledObject | null {
  const v = r.value;
  if (r.type !== 'cuboid3d' || !isRecord(v)) return null;
  const label = Array.isArray(v.labels) ? v.labels[0] : undefined;
  if (typeof label !== 'string' || !KEYS.every((k) => num(v[k]))) return null;
  const geometry = Object.fromEntries(KEYS.map((k) => [k, v[k]])) as unknown as Cuboid3dGeometry;
  if (num(v.roll)) geometry.roll = v.roll as Cuboid3dGeometry['yaw'];
  if (num(v.pitch)) geometry.pitch = v.pitch as Cuboid3dGeometry['yaw'];
  const object: LabeledObject = {
    id: `${predictionId}:${typeof r.id === 'string' ? r.id : index}`,
    label, kind: 'cuboid3d', attributes: {}, predictionId, geometry,
  };
  if (typeof v.trackId === 'string' && v.trackId !== '') object.trackId = v.trackId;
  if (typeof v.frame === 'number' && Number.isSafeInteger(v.frame) && v.frame >= 0) object.frame = v.frame;
  if (num(r.score)) object.score = r.score;
  return object;
}
