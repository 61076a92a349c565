import { folderRows } from '../import/folder.ts';
import type { RowResult } from '../import/types.ts';
import { cloudRowsWithBoxes } from './boxes-folder.ts';
import { detectLidarLayout, lidarRows, type LidarLayout } from './layout.ts';

export interface FolderImportOptions {
  /** sustech, kitti, nuscenes or plain; detected when not given. */
  layout?: LidarLayout | 'plain';
  /** sustech: one item per cloud instead of one sequence. */
  perFrame?: boolean;
  /** A plain folder of clouds: the folder of JSON boxes files named like them. */
  boxes?: string;
}

/**
 * The rows of a folder import, by layout: a SUSTechPOINTS scene (`lidar/` + `label/` or `calib/`),
 * a KITTI object folder (`velodyne/` + `label_2/` or `calib/`), or a plain folder of files (with
 * JSON boxes when `boxes` is given). `what` says in words what will be imported.
 */
export async function folderImportRows(dir: string, o: FolderImportOptions = {}): Promise<{ rows: AsyncGenerator<RowResult>; what: string; source: LidarLayout | 'boxes' | 'plain' }> {
  const layout = o.layout === 'plain' ? null : o.layout ?? (await detectLidarLayout(dir));
  if (o.perFrame && layout !== 'sustech') throw new Error('per-frame (--per-frame) goes with a SUSTechPOINTS folder (lidar/, label/, calib/)');
  if (o.boxes !== undefined) {
    if (layout) throw new Error(`boxes (--boxes) are for a plain folder of clouds; this folder is a ${layout} dataset whose labels are imported from it`);
    return { rows: cloudRowsWithBoxes(dir, o.boxes), what: `clouds with the JSON boxes of ${o.boxes} as pre-labels`, source: 'boxes' };
  }
  if (!layout) return { rows: folderRows(dir), what: 'a folder of files, one item each', source: 'plain' };
  const what = layout === 'kitti'
    ? 'KITTI folder: one item per velodyne scan, label_2 boxes as pre-labels'
    : layout === 'nuscenes' ? 'nuScenes info folder (mmdetection3d): one item per sample, its instances as pre-labels'
    : o.perFrame ? 'SUSTechPOINTS folder: one item per cloud, labels as pre-labels' : 'SUSTechPOINTS folder: one sequence item, labels as pre-labels with frame and track id';
  return { rows: lidarRows(dir, { layout, perFrame: o.perFrame ?? false }), what, source: layout };
}
