import { parseFloatBin } from './float-bin.ts';
import type { FloatBinLayout } from './float-bin.ts';
import type { PointCloud } from './types.ts';

/** nuScenes `.pcd.bin` sweeps: float32 x, y, z, intensity, ring; 20 bytes a point, no header (despite the name). */
export const NUSCENES_LAYOUT: FloatBinLayout = { label: 'nuScenes .pcd.bin', names: ['x', 'y', 'z', 'intensity', 'ring'] };

export function parseNuscenesBin(input: Uint8Array | ArrayBuffer): PointCloud {
  return parseFloatBin(input, NUSCENES_LAYOUT);
}
