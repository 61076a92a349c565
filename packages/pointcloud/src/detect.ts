import { parseKittiBin } from './kitti-bin.ts';
import { parseNuscenesBin } from './nuscenes-bin.ts';
import { parsePcd } from './pcd.ts';
import { PointCloudError, asBytes } from './types.ts';
import type { PointCloud } from './types.ts';

export type PointCloudFormat = 'pcd' | 'kitti-bin' | 'nuscenes-bin';

/**
 * Picks the format by file name first: the headerless .bin formats cannot be told apart by content,
 * and a float32 file may start with a '#' byte by chance. Content decides only when the name does not.
 */
export function detectPointCloudFormat(bytes: Uint8Array, fileName: string): PointCloudFormat | null {
  const name = fileName.toLowerCase();
  if (name.endsWith('.pcd.bin')) return 'nuscenes-bin';
  if (name.endsWith('.pcd')) return 'pcd';
  if (name.endsWith('.bin')) return 'kitti-bin';
  return looksLikePcd(bytes) ? 'pcd' : null;
}

export function parsePointCloud(input: Uint8Array | ArrayBuffer, fileName: string): PointCloud {
  const bytes = asBytes(input);
  if (bytes.length === 0) throw new PointCloudError('truncated', `${fileName} is empty (0 bytes)`);
  const format = detectPointCloudFormat(bytes, fileName);
  if (format === 'pcd') return parsePcd(bytes);
  if (format === 'nuscenes-bin') return parseNuscenesBin(bytes);
  if (format === 'kitti-bin') return parseKittiBin(bytes);
  throw new PointCloudError('unsupported', `${fileName}: not a known point-cloud format (expected .pcd, .bin or .pcd.bin, or a PCD header)`);
}

/** A PCD header opens with a comment or one of its first keywords. */
function looksLikePcd(bytes: Uint8Array): boolean {
  const start = String.fromCharCode(...bytes.subarray(0, 8));
  return start.startsWith('#') || start.startsWith('VERSION') || start.startsWith('FIELDS');
}
