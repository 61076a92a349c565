import { parseKittiCalib, toBoxesJson, writeKittiLabels, writeSustechLabels, type KittiCalib } from '@cadre/pointcloud';
import { boxesByFrame, cuboidsByFrame, frameNamesOf, sceneOf, type ExportedItem } from './item-boxes.ts';
import { kittiMetaOf, withKittiSources } from './kitti-folder.ts';

export type LabelExportFormat = 'sustech' | 'kitti' | 'boxes' | 'nuscenes';
export const LABEL_EXPORT_FORMATS: readonly LabelExportFormat[] = ['sustech', 'kitti', 'boxes', 'nuscenes'];
/** The formats written as one JSON document; the others are a folder of label files. */
export type LabelJsonFormat = Extract<LabelExportFormat, 'boxes' | 'nuscenes'>;
export const isLabelJsonFormat = (f: LabelExportFormat): f is LabelJsonFormat => f === 'boxes' || f === 'nuscenes';

export interface LabelFile { path: string; content: string }

/** Why an item cannot be exported in the asked format; the export stops and names the item. */
export class LabelExportError extends Error {
  override name = 'LabelExportError';
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** KITTI calib text from matrices by key (the shape kept in an item's `metadata.kittiCalib`). */
export function calibText(matrices: Record<string, number[]>): string {
  return Object.entries(matrices).map(([k, v]) => `${k}: ${v.join(' ')}`).join('\n') + '\n';
}

/**
 * The files of one item in a folder layout, under `<scene>/`: SUSTechPOINTS `label/<frame>.json`, or
 * KITTI `label_2/<frame>.txt` with the `calib/<frame>.txt` it was written through (the item's own
 * calib from a KITTI import, else `fallbackCalib`). Every frame gets a file, empty when it has no box.
 * A cloud imported from a KITTI folder writes its label_2 file back (see KittiItemMeta): each box
 * that came from a line gives that line (its truncated, occluded, alpha; its 2D box and 3D fields
 * while the box is unchanged), DontCare regions included, in the file's order.
 */
export function itemLabelFiles(item: ExportedItem, format: 'sustech' | 'kitti', scene: string, fallbackCalib: string | null): LabelFile[] {
  const names = frameNamesOf(item);
  if (format === 'sustech') {
    const frames = boxesByFrame(item, names.length);
    return names.map((n, i) => ({ path: `${scene}/label/${n}.json`, content: writeSustechLabels(frames[i]!) + '\n' }));
  }
  const cuboids = cuboidsByFrame(item, names.length);
  const meta = isRecord(item.metadata) ? item.metadata : {};
  const text = isRecord(meta.kittiCalib) ? calibText(meta.kittiCalib as Record<string, number[]>) : fallbackCalib;
  if (text === null) {
    throw new LabelExportError(`item ${item.id} has no KITTI calibration (it was not imported from a KITTI folder): give a calib file (--calib in the CLI, calib= over HTTP) to write its boxes in the camera frame`);
  }
  let calib: KittiCalib;
  try {
    calib = parseKittiCalib(text);
  } catch (e) {
    throw new LabelExportError(`item ${item.id}: ${(e as Error).message}`);
  }
  // What the KITTI file held besides the boxes belongs to a single cloud (one label_2 file).
  const kitti = names.length === 1 ? kittiMetaOf(meta) : null;
  return names.flatMap((n, i) => [
    {
      path: `${scene}/label_2/${n}.txt`,
      content: kitti
        ? writeKittiLabels(withKittiSources(cuboids[i]!, kitti), calib, { dontCare: kitti.dontCare, imageSize: kitti.imageSize ?? null })
        : writeKittiLabels(cuboids[i]!.map((c) => c.box), calib),
    },
    { path: `${scene}/calib/${n}.txt`, content: text },
  ]);
}

/** One item as an entry of the boxes JSON export: the item, its frame names, its boxes (with frame on a sequence). */
export function itemBoxesEntry(item: ExportedItem): Record<string, unknown> {
  const names = frameNamesOf(item);
  const boxes = boxesByFrame(item, names.length).flat();
  const source = Array.isArray(item.frames) ? { frames: item.frames } : { pointcloud: item.asset };
  return { itemId: item.id, ...source, frameNames: names, boxes: toBoxesJson(boxes) };
}

/** Gives every item its own folder: the scene name, or `<scene>-<item id>` when another item took it. */
export class SceneNames {
  private readonly used = new Set<string>();
  take(item: ExportedItem): string {
    const scene = sceneOf(item);
    const name = this.used.has(scene) ? `${scene}-${item.id}` : scene;
    this.used.add(name);
    return name;
  }
}
