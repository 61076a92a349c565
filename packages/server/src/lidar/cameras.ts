import { readFile } from 'node:fs/promises';
import type { KittiCalib } from '@cadre/pointcloud';

/**
 * A camera of a point-cloud item, as stored in its metadata: intrinsic 3x3 and extrinsic 4x4
 * (lidar → camera), both row-major, and one image path per frame (null where the frame has none).
 */
export interface CameraMeta { name: string; intrinsic: number[]; extrinsic: number[]; images: (string | null)[] }

/** A camera file or label file that cannot be read; names the file and what is wrong. */
export class LidarFileError extends Error {
  override name = 'LidarFileError';
  constructor(readonly file: string, readonly field: string, readonly detail: string) {
    super(`${file}: ${field}: ${detail}`);
  }
}

function numbers(file: string, field: string, v: unknown, count: number): number[] {
  if (!Array.isArray(v) || v.length !== count) {
    throw new LidarFileError(file, field, `expected ${count} numbers, got ${Array.isArray(v) ? `${v.length} values` : JSON.stringify(v) ?? 'nothing'}`);
  }
  const bad = v.findIndex((n) => typeof n !== 'number' || !Number.isFinite(n));
  if (bad !== -1) throw new LidarFileError(file, `${field}[${bad}]`, `expected a finite number, got ${JSON.stringify(v[bad])}`);
  return v as number[];
}

/** A SUSTechPOINTS `calib/camera/<name>.json`: `extrinsic` 4x4 and `intrinsic` 3x3, row-major. */
export async function readSustechCamera(file: string): Promise<{ intrinsic: number[]; extrinsic: number[] }> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new LidarFileError(file, 'file', `cannot read the camera calibration: ${(e as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new LidarFileError(file, 'file', 'expected an object with extrinsic and intrinsic');
  const d = doc as Record<string, unknown>;
  return { extrinsic: numbers(file, 'extrinsic', d.extrinsic, 16), intrinsic: numbers(file, 'intrinsic', d.intrinsic, 9) };
}

/**
 * KITTI's left colour camera (image_2) from a calib file: P2 = K·[I | t], so the lidar → camera
 * extrinsic is [I | t]·R0_rect·Tr_velo_to_cam and the intrinsic is K.
 */
export function kittiCamera(calib: KittiCalib): { intrinsic: number[]; extrinsic: number[] } | null {
  const p = calib.matrices.P2;
  if (p === undefined || p.length !== 12 || p[0] === 0 || p[5] === 0) return null;
  const k = [p[0]!, p[1]!, p[2]!, 0, p[5]!, p[6]!, 0, 0, p[10]!];
  const tz = p[11]! / p[10]!;
  const ty = (p[7]! - p[6]! * tz) / p[5]!;
  const tx = (p[3]! - p[1]! * ty - p[2]! * tz) / p[0]!;
  const m = calib.veloToRect;
  const t = [tx, ty, tz];
  const extrinsic: number[] = [];
  for (let i = 0; i < 3; i++) extrinsic.push(m[i * 4]!, m[i * 4 + 1]!, m[i * 4 + 2]!, m[i * 4 + 3]! + t[i]!);
  extrinsic.push(0, 0, 0, 1);
  return { intrinsic: k.map((v, i) => (i === 8 ? 1 : v / p[10]!)), extrinsic };
}
