import type { RowResult } from '../import/types.ts';
import { isKittiFolder, kittiRows } from './kitti-folder.ts';
import { isNuscenesFolder, nuscenesRows } from './nuscenes-folder.ts';
import { isSustechFolder, sustechRows } from './sustech-folder.ts';

export type LidarLayout = 'sustech' | 'kitti' | 'nuscenes';

/** A folder's LiDAR dataset layout, or null for a plain folder of files. */
export async function detectLidarLayout(dir: string): Promise<LidarLayout | null> {
  if (await isSustechFolder(dir)) return 'sustech';
  if (await isKittiFolder(dir)) return 'kitti';
  if (await isNuscenesFolder(dir)) return 'nuscenes';
  return null;
}

export interface LidarImportOptions {
  layout: LidarLayout;
  /** SUSTechPOINTS: one item per cloud instead of one sequence. */
  perFrame?: boolean;
}

export function lidarRows(dir: string, o: LidarImportOptions): AsyncGenerator<RowResult> {
  if (o.layout === 'sustech') return sustechRows(dir, { perFrame: o.perFrame ?? false });
  return o.layout === 'kitti' ? kittiRows(dir) : nuscenesRows(dir);
}
