// KITTI object calibration (calib/000000.txt): `KEY: numbers` lines; R0_rect (3x3) and
// Tr_velo_to_cam (3x4) take a lidar point into the rectified camera frame; P2 (3x4) projects it.
import { LabelFormatError } from './types.ts';

const F = 'KITTI calib';

export interface KittiCalib {
  /** Lidar → rectified camera, 3x4 row-major (R0_rect · Tr_velo_to_cam). */
  veloToRect: number[];
  /** Rectified camera → lidar, 3x4 row-major (the inverse). */
  rectToVelo: number[];
  /** The rows as read, by key, for writing the file back. */
  matrices: Record<string, number[]>;
}

export function parseKittiCalib(text: string): KittiCalib {
  const matrices: Record<string, number[]> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const colon = line.indexOf(':');
    if (colon < 1) throw new LabelFormatError(F, `line ${i + 1}`, `expected "KEY: numbers", got ${JSON.stringify(line.slice(0, 40))}`);
    const key = line.slice(0, colon).trim();
    const values = line.slice(colon + 1).trim().split(/\s+/).filter((s) => s !== '').map(Number);
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad !== -1) throw new LabelFormatError(F, `line ${i + 1}`, `${key}: value ${bad + 1} is not a finite number`);
    matrices[key] = values;
  });
  const r0 = need(matrices, 'R0_rect', 9);
  const tr = need(matrices, 'Tr_velo_to_cam', 12);
  const veloToRect = compose(r0, tr);
  return { veloToRect, rectToVelo: invertAffine(veloToRect), matrices };
}

function need(m: Record<string, number[]>, key: string, count: number): number[] {
  const v = m[key];
  if (v === undefined) throw new LabelFormatError(F, key, `missing (the file has ${Object.keys(m).join(', ') || 'no keys'})`);
  if (v.length !== count) throw new LabelFormatError(F, key, `expected ${count} numbers, got ${v.length}`);
  return v;
}

/** R (3x3) times [A | t] (3x4). */
function compose(r: number[], a: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 4; j++) out.push(r[i * 3]! * a[j]! + r[i * 3 + 1]! * a[4 + j]! + r[i * 3 + 2]! * a[8 + j]!);
  }
  return out;
}

/** The inverse of the affine map [M | t] (3x4), with a general 3x3 inverse (R0_rect is not exactly orthonormal). */
export function invertAffine(m: number[]): number[] {
  const [a, b, c, , d, e, f, , g, h, k] = m as [number, number, number, number, number, number, number, number, number, number, number, number];
  const det = a * (e * k - f * h) - b * (d * k - f * g) + c * (d * h - e * g);
  if (Math.abs(det) < 1e-12) throw new LabelFormatError(F, 'R0_rect · Tr_velo_to_cam', 'is not invertible');
  const inv = [
    (e * k - f * h) / det, (c * h - b * k) / det, (b * f - c * e) / det,
    (f * g - d * k) / det, (a * k - c * g) / det, (c * d - a * f) / det,
    (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det,
  ];
  const t = [m[3]!, m[7]!, m[11]!];
  const out: number[] = [];
  for (let i = 0; i < 3; i++) {
    const row = inv.slice(i * 3, i * 3 + 3);
    out.push(...row, -(row[0]! * t[0]! + row[1]! * t[1]! + row[2]! * t[2]!));
  }
  return out;
}

/** Applies a 3x4 affine map to a point. */
export function apply(m: number[], p: readonly [number, number, number]): [number, number, number] {
  const r = (i: number) => m[i * 4]! * p[0] + m[i * 4 + 1]! * p[1] + m[i * 4 + 2]! * p[2] + m[i * 4 + 3]!;
  return [r(0), r(1), r(2)];
}

/** Applies only the linear part (directions). */
export function rotate(m: number[], v: readonly [number, number, number]): [number, number, number] {
  const r = (i: number) => m[i * 4]! * v[0] + m[i * 4 + 1]! * v[1] + m[i * 4 + 2]! * v[2];
  return [r(0), r(1), r(2)];
}
