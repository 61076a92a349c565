// The plain JSON box list: [{"box": [x, y, z, dx, dy, dz, yaw], "label", "trackId"?, "score"?, "frame"?}],
// lidar frame, z at the box centre, yaw in radians.
import { finite, geometry, isRecord, LabelFormatError, parseJson, positive, shown, type LabelBox } from './types.ts';

const F = 'JSON boxes';
const FIELDS = ['x', 'y', 'z', 'dx', 'dy', 'dz', 'yaw'];

export interface BoxEntry { box: number[]; label: string; trackId?: string; score?: number; frame?: number }

export function parseBoxesJson(input: string | unknown): LabelBox[] {
  const doc = typeof input === 'string' ? parseJson(F, input) : input;
  if (!Array.isArray(doc)) throw new LabelFormatError(F, 'file', `expected a JSON array of boxes, got ${shown(doc)}`);
  return doc.map((entry, i) => boxOf(entry, `box ${i}`));
}

function boxOf(entry: unknown, where: string): LabelBox {
  if (!isRecord(entry)) throw new LabelFormatError(F, where, `expected an object, got ${shown(entry)}`);
  const { box, label, trackId, score, frame } = entry;
  if (!Array.isArray(box) || box.length !== 7) {
    throw new LabelFormatError(F, where, `box: expected 7 numbers [x, y, z, dx, dy, dz, yaw], got ${shown(box)}`);
  }
  const v = box.map((n, k) => (k >= 3 && k <= 5 ? positive : finite)(F, where, `box[${k}] (${FIELDS[k]})`, n));
  if (typeof label !== 'string' || label === '') throw new LabelFormatError(F, where, `label: expected a class name, got ${shown(label)}`);
  const out: LabelBox = { label, geometry: geometry(v[0]!, v[1]!, v[2]!, v[3]!, v[4]!, v[5]!, v[6]!) };
  if (trackId !== undefined) {
    if (typeof trackId === 'number' && Number.isFinite(trackId)) out.trackId = String(trackId);
    else if (typeof trackId === 'string' && trackId !== '') out.trackId = trackId;
    else throw new LabelFormatError(F, where, `trackId: expected a non-empty string, got ${shown(trackId)}`);
  }
  if (score !== undefined) {
    const s = finite(F, where, 'score', score);
    if (s < 0 || s > 1) throw new LabelFormatError(F, where, `score: expected a number in [0, 1], got ${s}`);
    out.score = s;
  }
  if (frame !== undefined) {
    if (typeof frame !== 'number' || !Number.isSafeInteger(frame) || frame < 0) throw new LabelFormatError(F, where, `frame: expected an integer ≥ 0, got ${shown(frame)}`);
    out.frame = frame;
  }
  return out;
}

export function toBoxesJson(boxes: readonly LabelBox[]): BoxEntry[] {
  return boxes.map((b) => {
    const g = b.geometry;
    const e: BoxEntry = { box: [g.x, g.y, g.z, g.dx, g.dy, g.dz, g.yaw], label: b.label };
    if (b.trackId !== undefined) e.trackId = b.trackId;
    if (b.score !== undefined) e.score = b.score;
    if (b.frame !== undefined) e.frame = b.frame;
    return e;
  });
}

export function writeBoxesJson(boxes: readonly LabelBox[]): string {
  return JSON.stringify(toBoxesJson(boxes));
}
