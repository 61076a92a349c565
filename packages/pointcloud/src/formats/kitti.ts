// KITTI label_2: one box a line in the rectified camera frame,
// `type truncated occluded alpha left top right bottom h w l x y z rotation_y [score]`,
// (x, y, z) the bottom-face centre, y pointing down, rotation_y about y. Converted to and from the
// lidar frame through the calib transforms. readKittiLabels keeps what the boxes do not hold (each
// line, DontCare regions) so that writeKittiLabels gives the file back.
import { apply, rotate, type KittiCalib } from './kitti-calib.ts';
import type { Cuboid3dGeometry } from '@cadre/core';
import { geometry, LabelFormatError, type LabelBox } from './types.ts';

const F = 'KITTI label_2';
const NAMES = ['type', 'truncated', 'occluded', 'alpha', 'left', 'top', 'right', 'bottom', 'h', 'w', 'l', 'x', 'y', 'z', 'rotation_y', 'score'];

/**
 * What an import keeps of a label_2 line besides its box, so that an export writes the line back as
 * it was: the line itself (columns joined by one space), where it stood in its file, and the box it
 * gave in the lidar frame. While a box still equals `geometry`, the export writes the line's own
 * truncated, occluded, alpha, 2D box and 3D fields; once it moved, the 3D fields, alpha and the 2D
 * box come from the box and the calib, truncated and occluded stay the line's.
 */
export interface KittiSource {
  line: string;
  /** 0-based among the file's non-empty lines. */
  at: number;
  geometry: Cuboid3dGeometry;
}

/** A `DontCare` line: a 2D region of the image with no box, written back where it stood. */
export interface KittiRegion {
  line: string;
  at: number;
}

/** A box to write: its source line when it came from a KITTI file, and object attributes that may set `truncated`, `occluded` or `alpha`. */
export interface KittiLabelBox extends LabelBox {
  source?: KittiSource;
  attributes?: Record<string, unknown>;
}

export interface KittiLabels {
  /** Each with its `source`. */
  boxes: KittiLabelBox[];
  dontCare: KittiRegion[];
}

/** The boxes of a label_2 file in the lidar frame; DontCare regions are left out (see readKittiLabels to keep them). */
export function parseKittiLabels(text: string, calib: KittiCalib): LabelBox[] {
  return readKittiLabels(text, calib).boxes.map(({ source: _s, ...box }) => box);
}

/** A label_2 file: its boxes in the lidar frame, each with the line it came from, and its DontCare regions. */
export function readKittiLabels(text: string, calib: KittiCalib): KittiLabels {
  const out: KittiLabels = { boxes: [], dontCare: [] };
  let at = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    const cols = raw.trim().split(/\s+/);
    if (cols.length === 1 && cols[0] === '') return;
    const where = `line ${i + 1}`;
    if (cols.length !== 15 && cols.length !== 16) throw new LabelFormatError(F, where, `expected 15 columns (16 with a score), got ${cols.length}`);
    const type = cols[0]!;
    const v = numbersOf(cols, where);
    const line = cols.join(' ');
    if (type === 'DontCare') {
      out.dontCare.push({ line, at: at++ });
      return;
    }
    const [h, w, l, x, y, z, ry] = v.slice(8, 15) as [number, number, number, number, number, number, number];
    for (const [k, s] of [[8, h], [9, w], [10, l]] as const) if (s <= 0) throw new LabelFormatError(F, where, `column ${k + 1} (${NAMES[k]}): expected a size above 0, got ${s}`);
    const g = camToLidar(calib, h, w, l, x, y, z, ry);
    const box: KittiLabelBox = { label: type, geometry: g, source: { line, at: at++, geometry: { ...g } } };
    if (cols.length === 16) box.score = v[15]!;
    out.boxes.push(box);
  });
  return out;
}

function numbersOf(cols: string[], where: string): number[] {
  return cols.map((c, k) => {
    if (k === 0) return 0;
    const n = Number(c);
    if (!Number.isFinite(n)) throw new LabelFormatError(F, where, `column ${k + 1} (${NAMES[k]}): expected a finite number, got ${JSON.stringify(c)}`);
    return n;
  });
}

/** The lidar-frame box of a camera-frame KITTI box. */
export function camToLidar(calib: KittiCalib, h: number, w: number, l: number, x: number, y: number, z: number, ry: number) {
  const [cx, cy, cz] = apply(calib.rectToVelo, [x, y - h / 2, z]);
  return geometry(cx, cy, cz, l, w, h, yawForRotationY(calib.veloToRect, ry));
}

/**
 * The lidar yaw whose heading, taken into the camera frame and seen from above (the x–z plane),
 * points at rotation_y. Solving it this way (not by inverting the heading vector and dropping its
 * height) makes camera → lidar → camera exact even when the lidar is tilted against the camera.
 */
function yawForRotationY(m: number[], ry: number): number {
  const sr = Math.sin(ry), cr = Math.cos(ry);
  const a = m[0]! * sr + m[8]! * cr;
  const b = m[1]! * sr + m[9]! * cr;
  let c = b, s = -a;
  const v = rotate(m, [c, s, 0]);
  if (v[0] * cr - v[2] * sr < 0) { c = -c; s = -s; }
  return Math.atan2(s, c);
}

const wrap = (a: number) => Math.atan2(Math.sin(a), Math.cos(a));

export interface KittiWriteOptions {
  /** DontCare regions of the file, written back at their place among the boxes' lines. */
  dontCare?: readonly KittiRegion[];
  /** The image's size: a 2D box projected from a box is clipped to it, as KITTI's are. */
  imageSize?: { width: number; height: number } | null;
}

/**
 * KITTI label_2 text for lidar-frame boxes. Roll and pitch are dropped (KITTI has rotation_y only).
 * A box with a `source` whose geometry it still has is written as its source line (with its own
 * label, and `truncated` / `occluded` / `alpha` attributes where it has valid ones). Any other box is
 * written from its geometry: alpha = rotation_y − atan2(x, z) follows the box, the 2D box is its
 * corners projected through P2 (clipped to the image when its size is known; zeros without P2), and
 * truncated / occluded are its attributes, else its source line's, else 0. Lines that came from a
 * file go back in the file's order (DontCare regions included), new boxes after them.
 */
export function writeKittiLabels(boxes: readonly KittiLabelBox[], calib: KittiCalib, o: KittiWriteOptions = {}): string {
  const lines: Array<{ at: number; text: string }> = boxes.map((b, i) => {
    if (!/^\S+$/.test(b.label)) throw new LabelFormatError(F, `box ${i}`, `label: ${JSON.stringify(b.label)} cannot be a KITTI type (it must be one word)`);
    const source = b.source && sourceColumns(b.source);
    const attrs = b.attributes ?? {};
    const truncated = attrNumber(attrs.truncated, (n) => n >= 0 && n <= 1);
    const occluded = attrNumber(attrs.occluded, (n) => Number.isInteger(n) && n >= 0 && n <= 3);
    const at = source ? b.source!.at : Infinity;
    if (source && sameBox(b.geometry, b.source!.geometry)) {
      const cols = [...source];
      cols[0] = b.label;
      if (truncated !== undefined) cols[1] = String(truncated);
      if (occluded !== undefined) cols[2] = String(occluded);
      const alpha = attrNumber(attrs.alpha, (n) => Math.abs(n) <= Math.PI + 1e-6);
      if (alpha !== undefined) cols[3] = String(alpha);
      if (b.score !== undefined) cols[15] = String(b.score);
      return { at, text: cols.join(' ') };
    }
    const g = b.geometry;
    const [cx, cy, cz] = apply(calib.veloToRect, [g.x, g.y, g.z]);
    const y = cy + g.dz / 2;
    const v = rotate(calib.veloToRect, [Math.cos(g.yaw), Math.sin(g.yaw), 0]);
    const ry = Math.atan2(-v[2], v[0]);
    const alpha = wrap(ry - Math.atan2(cx, cz));
    const box2d = projectBox(calib, cx, cy, cz, g.dx, g.dy, g.dz, ry, o.imageSize ?? null);
    const cols: Array<string | number> = [b.label, truncated ?? source?.[1] ?? 0, occluded ?? source?.[2] ?? 0, alpha, ...box2d, g.dz, g.dy, g.dx, cx, y, cz, ry];
    if (b.score !== undefined) cols.push(b.score);
    return { at, text: cols.join(' ') };
  });
  for (const r of o.dontCare ?? []) if (isLine(r.line)) lines.push({ at: r.at, text: r.line });
  // Array.prototype.sort is stable: new boxes keep their order after the file's lines.
  return lines.sort((a, b) => a.at - b.at).map((l) => l.text + '\n').join('');
}

/** A source line's columns, or undefined when it is not a 15- or 16-column line (a hand-edited metadata). */
function sourceColumns(s: KittiSource): string[] | undefined {
  if (!isLine(s.line) || !Number.isFinite(s.at)) return undefined;
  const cols = s.line.split(' ');
  return cols.length === 15 || cols.length === 16 ? cols : undefined;
}

const isLine = (l: unknown): l is string => typeof l === 'string' && /^\S+( \S+){14,15}$/.test(l);

function attrNumber(v: unknown, ok: (n: number) => boolean): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) && ok(n) ? n : undefined;
}

/** Whether a box still is the one a line gave: the same centre, size and heading (to 1e-6; roll and pitch are not KITTI's). */
export function sameBox(a: Cuboid3dGeometry, b: Cuboid3dGeometry): boolean {
  const close = (p: number, q: number) => typeof p === 'number' && typeof q === 'number' && Math.abs(p - q) <= 1e-6;
  return close(a.x, b.x) && close(a.y, b.y) && close(a.z, b.z) && close(a.dx, b.dx) && close(a.dy, b.dy) && close(a.dz, b.dz)
    && typeof a.yaw === 'number' && typeof b.yaw === 'number' && Math.abs(wrap(a.yaw - b.yaw)) <= 1e-6;
}

/**
 * The 2D box of the 8 corners in the image through P2, corners behind the camera left out; clipped
 * to [0, width − 1] × [0, height − 1] when the image size is known. Zeros without P2.
 */
export function projectBox(calib: KittiCalib, cx: number, cy: number, cz: number, l: number, w: number, h: number, ry: number, image: { width: number; height: number } | null = null): number[] {
  const p = calib.matrices.P2;
  if (p === undefined || p.length !== 12) return [0, 0, 0, 0];
  const us: number[] = [], vs: number[] = [];
  const c = Math.cos(ry), s = Math.sin(ry);
  for (const a of [-1, 1]) for (const b of [-1, 1]) for (const d of [-1, 1]) {
    const px = cx + (a * l / 2) * c + (b * w / 2) * s;
    const pz = cz - (a * l / 2) * s + (b * w / 2) * c;
    const [u, v, q] = apply(p, [px, cy + (d * h) / 2, pz]);
    if (q > 0.01) { us.push(u / q); vs.push(v / q); }
  }
  if (us.length === 0) return [0, 0, 0, 0];
  const box = [Math.min(...us), Math.min(...vs), Math.max(...us), Math.max(...vs)];
  if (!image) return box;
  const clip = (n: number, max: number) => Math.min(Math.max(n, 0), max);
  return [clip(box[0]!, image.width - 1), clip(box[1]!, image.height - 1), clip(box[2]!, image.width - 1), clip(box[3]!, image.height - 1)];
}
