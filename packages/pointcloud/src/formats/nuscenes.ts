// mmdetection3d info files for nuScenes: data_list[*].instances[*].bbox_3d = [x, y, z, dx, dy, dz, yaw]
// in the lidar frame with z at the box BOTTOM; bbox_label_3d indexes metainfo.categories.
import { finite, geometry, isRecord, LabelFormatError, positive, shown, type LabelBox } from './types.ts';

const F = 'nuScenes info';

export interface NuscenesSample {
  /** The lidar file name as the info names it (`lidar_points.lidar_path`). */
  lidarPath: string | null;
  token: string | null;
  boxes: LabelBox[];
}

/** Name of a box whose bbox_label_3d is -1 (mmdetection3d's "not one of the classes"). */
export const IGNORED_LABEL = 'ignore';

/** The samples of an info file. Bare NaN tokens (Python's json writes them) are read as null. */
export function parseNuscenesInfo(text: string): NuscenesSample[] {
  return readNuscenesInfo(text).samples;
}

/** The info file as read (NaN as null) with its samples, for a caller that keeps the file's other fields. */
export function readNuscenesInfo(text: string): { doc: { metainfo: Record<string, unknown>; data_list: Array<Record<string, unknown>> }; samples: NuscenesSample[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/\bNaN\b/g, 'null'));
  } catch (e) {
    throw new LabelFormatError(F, 'file', `not valid JSON (${(e as Error).message})`);
  }
  if (!isRecord(doc)) throw new LabelFormatError(F, 'file', `expected an object {metainfo, data_list}, got ${shown(doc)}`);
  const { metainfo, data_list: list } = doc;
  if (!isRecord(metainfo) || !isRecord(metainfo.categories)) throw new LabelFormatError(F, 'metainfo.categories', `expected an object of name → index, got ${shown(isRecord(metainfo) ? metainfo.categories : metainfo)}`);
  const names = new Map<number, string>();
  for (const [name, index] of Object.entries(metainfo.categories)) names.set(finite(F, 'metainfo.categories', name, index), name);
  if (!Array.isArray(list)) throw new LabelFormatError(F, 'data_list', `expected an array, got ${shown(list)}`);
  const samples = list.map((sample, s) => {
    const where = `data_list[${s}]`;
    if (!isRecord(sample)) throw new LabelFormatError(F, where, `expected an object, got ${shown(sample)}`);
    if (!Array.isArray(sample.instances)) throw new LabelFormatError(F, `${where}.instances`, `expected an array, got ${shown(sample.instances)}`);
    const lidar = isRecord(sample.lidar_points) && typeof sample.lidar_points.lidar_path === 'string' ? sample.lidar_points.lidar_path : null;
    const boxes = sample.instances.map((inst, i) => instanceBox(inst, `${where}.instances[${i}]`, names));
    return { lidarPath: lidar, token: typeof sample.token === 'string' ? sample.token : null, boxes };
  });
  return { doc: doc as { metainfo: Record<string, unknown>; data_list: Array<Record<string, unknown>> }, samples };
}

function instanceBox(inst: unknown, where: string, names: Map<number, string>): LabelBox {
  if (!isRecord(inst)) throw new LabelFormatError(F, where, `expected an object, got ${shown(inst)}`);
  const b = inst.bbox_3d;
  if (!Array.isArray(b) || b.length < 7) throw new LabelFormatError(F, where, `bbox_3d: expected [x, y, z, dx, dy, dz, yaw], got ${shown(b)}`);
  const [x, y, zBottom, yaw] = [0, 1, 2, 6].map((k) => finite(F, where, `bbox_3d[${k}]`, b[k]));
  const [dx, dy, dz] = [3, 4, 5].map((k) => positive(F, where, `bbox_3d[${k}]`, b[k]));
  const index = finite(F, where, 'bbox_label_3d', inst.bbox_label_3d);
  const label = index === -1 ? IGNORED_LABEL : names.get(index);
  if (label === undefined) throw new LabelFormatError(F, where, `bbox_label_3d: ${index} is not in metainfo.categories`);
  return { label, geometry: geometry(x!, y!, zBottom! + dz! / 2, dx!, dy!, dz!, yaw!) };
}
