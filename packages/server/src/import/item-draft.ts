import { describe } from './types.ts';
import type { RowError, TaskRow } from './types.ts';

export type ItemKind = 'image' | 'pointcloud' | 'text';

/** What an import row becomes: one asset, one text, or a sequence of frames (then `asset` is null). */
export interface ItemDraft {
  kind: ItemKind;
  asset: string | null;
  text: string | null;
  frames: string[] | null;
  metadata: Record<string, unknown>;
}

const KEYS: Array<[ItemKind, string[]]> = [
  // A point cloud wins over an image: a LiDAR row often names its camera image too.
  ['pointcloud', ['pcd', 'pointcloud', 'lidar']],
  ['image', ['image', 'img', 'image_url']],
  ['text', ['text']],
];
const EXPECTED = 'expected one of frames, ' + KEYS.flatMap(([, keys]) => keys).join(', ');
const IMAGE_EXT = new Set(['.jpg', '.jpeg', '.png', '.webp', '.bmp', '.gif']);
const CLOUD_EXT = new Set(['.pcd', '.bin']);

export function kindFromExtension(path: string): ItemKind | null {
  const clean = path.replace(/[?#].*$/, '').toLowerCase();
  const ext = clean.slice(clean.lastIndexOf('.'));
  if (IMAGE_EXT.has(ext)) return 'image';
  if (CLOUD_EXT.has(ext)) return 'pointcloud';
  return null;
}

type Draft = { ok: true; item: ItemDraft } | { ok: false; error: RowError };

export function toItemDraft(row: TaskRow, file: string): Draft {
  const fail = (field: string, message: string): Draft => ({ ok: false, error: { file, line: row.line, field, message } });
  const data = row.data;
  if ('frames' in data) return framesDraft(data, fail);
  for (const [kind, keys] of KEYS) {
    const key = keys.find((k) => k in data);
    if (key === undefined) continue;
    const value = data[key];
    if (typeof value !== 'string' || value.trim() === '') {
      const what = kind === 'text' ? 'the text' : 'a URL or path';
      return fail(`data.${key}`, `expected a non-empty string (${what}), got ${describe(value)}`);
    }
    const { [key]: _, ...metadata } = data;
    const item = kind === 'text'
      ? { kind, asset: null, text: value, frames: null, metadata }
      : { kind, asset: value, text: null, frames: null, metadata };
    return { ok: true, item };
  }
  return fail('data', `no image, pointcloud or text field (${EXPECTED})`);
}

function framesDraft(data: Record<string, unknown>, fail: (field: string, message: string) => Draft): Draft {
  const { frames, kind: given, ...metadata } = data;
  if (!Array.isArray(frames) || frames.length === 0) {
    return fail('data.frames', `expected a non-empty array of URLs or paths, got ${describe(frames)}`);
  }
  const bad = frames.findIndex((f) => typeof f !== 'string' || f.trim() === '');
  if (bad !== -1) return fail(`data.frames[${bad}]`, `expected a non-empty string, got ${describe(frames[bad])}`);
  const paths = frames as string[];
  if (given !== undefined && given !== 'image' && given !== 'pointcloud') {
    return fail('data.kind', `expected "image" or "pointcloud" for a sequence of frames, got ${describe(given)}`);
  }
  let kind = given as ItemKind | undefined;
  if (!kind) {
    const kinds = new Set(paths.map(kindFromExtension));
    const only = kinds.size === 1 ? [...kinds][0] : null;
    if (!only) {
      return fail('data.kind', 'cannot tell whether the frames are images or point clouds from their extensions: add "kind": "image" or "pointcloud"');
    }
    kind = only;
  }
  return { ok: true, item: { kind, asset: null, text: null, frames: paths, metadata } };
}
