import { basename, extname } from 'node:path';
import type { Cuboid3dGeometry } from '@cadre/core';
import type { LabelBox } from '@cadre/pointcloud';

/** What the 3D export needs of one exported item (a row of items.exportPage). */
export interface ExportedItem { id: string; kind: string; asset: string | null; frames: unknown; metadata: unknown; payload: unknown }

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const stem = (p: string) => basename(p, extname(p));

/** The frame names of an item: `metadata.frameNames`, else the stems of its frames or of its cloud. */
export function frameNamesOf(item: ExportedItem): string[] {
  const meta = isRecord(item.metadata) ? item.metadata : {};
  const frames = Array.isArray(item.frames) ? (item.frames as string[]) : null;
  const count = frames ? frames.length : 1;
  const given = Array.isArray(meta.frameNames) && meta.frameNames.length === count && meta.frameNames.every((n) => typeof n === 'string' && /^[^/\\]+$/.test(n) && n !== '..')
    ? (meta.frameNames as string[]) : null;
  if (given) return given;
  if (frames) return frames.map((f, i) => (f ? stem(f) : String(i).padStart(6, '0')));
  return [item.asset ? stem(item.asset) : item.id];
}

/** The folder an item's files go in: its scene (the imported folder's name), else its id. */
export function sceneOf(item: ExportedItem): string {
  const meta = isRecord(item.metadata) ? item.metadata : {};
  return typeof meta.scene === 'string' && /^[^/\\]+$/.test(meta.scene) && meta.scene !== '..' ? meta.scene : item.id;
}

/** One cuboid of an item's annotation: the object as stored and its box. */
export interface CuboidEntry { object: Record<string, unknown>; box: LabelBox }

/** The cuboids of the item's annotation with their objects, grouped by frame (index 0 for a single cloud). */
export function cuboidsByFrame(item: ExportedItem, frameCount: number): CuboidEntry[][] {
  const out: CuboidEntry[][] = Array.from({ length: frameCount }, () => []);
  const objects = isRecord(item.payload) && Array.isArray(item.payload.objects) ? item.payload.objects : [];
  for (const o of objects) {
    if (!isRecord(o) || o.kind !== 'cuboid3d' || typeof o.label !== 'string' || !isRecord(o.geometry)) continue;
    const frame = typeof o.frame === 'number' ? o.frame : 0;
    if (!out[frame]) continue; // validated on submit; an out-of-range frame cannot be placed
    const box: LabelBox = { label: o.label, geometry: o.geometry as unknown as Cuboid3dGeometry };
    if (typeof o.trackId === 'string') box.trackId = o.trackId;
    if (typeof o.score === 'number') box.score = o.score;
    if (frameCount > 1) box.frame = frame;
    out[frame]!.push({ object: o, box });
  }
  return out;
}

/** The cuboids of the item's annotation, grouped by frame (index 0 for a single cloud). */
export function boxesByFrame(item: ExportedItem, frameCount: number): LabelBox[][] {
  return cuboidsByFrame(item, frameCount).map((f) => f.map((c) => c.box));
}
