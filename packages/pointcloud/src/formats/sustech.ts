// SUSTechPOINTS label files: one JSON array a frame of
// {psr: {position, scale, rotation}, obj_type, obj_id}, lidar frame, rotation in radians.
import { finite, geometry, isRecord, LabelFormatError, parseJson, positive, shown, type LabelBox } from './types.ts';

const F = 'SUSTechPOINTS';

/** The boxes of one SUSTechPOINTS label file (its text or its parsed JSON). */
export function parseSustechLabels(input: string | unknown): LabelBox[] {
  const doc = typeof input === 'string' ? parseJson(F, input) : input;
  if (!Array.isArray(doc)) throw new LabelFormatError(F, 'file', `expected a JSON array of boxes, got ${shown(doc)}`);
  return doc.map((entry, i) => sustechBox(entry, `box ${i}`));
}

function vector(where: string, field: string, v: unknown): { x: number; y: number; z: number } {
  if (!isRecord(v)) throw new LabelFormatError(F, where, `${field}: expected an object {x, y, z}, got ${shown(v)}`);
  return { x: finite(F, where, `${field}.x`, v.x), y: finite(F, where, `${field}.y`, v.y), z: finite(F, where, `${field}.z`, v.z) };
}

function sustechBox(entry: unknown, where: string): LabelBox {
  if (!isRecord(entry)) throw new LabelFormatError(F, where, `expected an object, got ${shown(entry)}`);
  const { psr, obj_type: type, obj_id: id } = entry;
  if (!isRecord(psr)) throw new LabelFormatError(F, where, `psr: expected an object {position, scale, rotation}, got ${shown(psr)}`);
  if (typeof type !== 'string' || type === '') throw new LabelFormatError(F, where, `obj_type: expected a class name, got ${shown(type)}`);
  if (id !== undefined && typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) {
    throw new LabelFormatError(F, where, `obj_id: expected a string or number, got ${shown(id)}`);
  }
  const p = vector(where, 'psr.position', psr.position);
  const s = vector(where, 'psr.scale', psr.scale);
  const r = vector(where, 'psr.rotation', psr.rotation);
  positive(F, where, 'psr.scale.x', s.x);
  positive(F, where, 'psr.scale.y', s.y);
  positive(F, where, 'psr.scale.z', s.z);
  const box: LabelBox = { label: type, geometry: geometry(p.x, p.y, p.z, s.x, s.y, s.z, r.z, r.x, r.y) };
  if (id !== undefined && id !== '') box.trackId = String(id);
  return box;
}

export interface SustechEntry {
  psr: { position: { x: number; y: number; z: number }; scale: { x: number; y: number; z: number }; rotation: { x: number; y: number; z: number } };
  obj_type: string;
  obj_id: string;
}

/** Boxes as SUSTechPOINTS entries (obj_id is "" for a box without a track). */
export function toSustech(boxes: readonly LabelBox[]): SustechEntry[] {
  return boxes.map((b) => {
    const g = b.geometry;
    return {
      psr: {
        position: { x: g.x, y: g.y, z: g.z },
        scale: { x: g.dx, y: g.dy, z: g.dz },
        rotation: { x: g.roll ?? 0, y: g.pitch ?? 0, z: g.yaw },
      },
      obj_type: b.label,
      obj_id: b.trackId ?? '',
    };
  });
}

/** One SUSTechPOINTS label file's text. */
export function writeSustechLabels(boxes: readonly LabelBox[]): string {
  return JSON.stringify(toSustech(boxes));
}
