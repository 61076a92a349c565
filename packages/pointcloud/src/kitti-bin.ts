import { parseFloatBin } from './float-bin.ts';
import type { FloatBinLayout } from './float-bin.ts';
import type { PointCloud } from './types.ts';

/** KITTI velodyne scans: float32 x, y, z, reflectance; 16 bytes a point, no header. */
export const KITTI_LAYOUT: FloatBinLayout = { label: 'KITTI .bin', names: ['x', 'y', 'z', 'intensity'] };

export function parseKittiBin(input: Uint8Array | ArrayBuffer): PointCloud {
  return parseFloatBin(input, KITTI_LAYOUT);
}
