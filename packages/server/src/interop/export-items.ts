// A project's items as exporters see them: the media named as the person gave it (never a path on
// this server), the image size, and the chosen annotation's objects.
import { basename, isAbsolute, relative, sep } from 'node:path';
import type { LabeledObject } from '@cadre/core';
import type { ExportItem } from '@cadre/formats';
import type { ExportRow } from '../services/export.service.ts';
import { readImageInfo } from '../media/image-info.ts';

const REMOTE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Folder imports' roots by import id, to name their files below the folder as the person chose it. */
export type FolderRoots = (importId: string) => Promise<string | null>;

/** The person's own name for an asset: its reference as imported, a URL, or its path below the imported folder. */
export async function userReference(row: Pick<ExportRow, 'media_ref' | 'import_id'>, asset: string, roots: FolderRoots): Promise<string> {
  if (row.media_ref) return row.media_ref;
  if (REMOTE.test(asset) || !isAbsolute(asset)) return asset;
  const root = row.import_id ? await roots(row.import_id) : null;
  if (root) {
    const rel = relative(root, asset);
    if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  }
  return basename(asset);
}

export interface ItemMedia { reference: string; local: string | null }

/** The image size: the item's, else read from the file when it is on this server. */
export async function sizeOf(row: Pick<ExportRow, 'width' | 'height'>, local: string | null): Promise<{ width: number; height: number } | null> {
  if (row.width && row.height) return { width: row.width, height: row.height };
  if (!local) return null;
  return readImageInfo(local).then((i) => ({ width: i.width, height: i.height }), () => null);
}

export function objectsOf(payload: unknown): LabeledObject[] {
  const objects = (payload as { objects?: unknown } | null)?.objects;
  return Array.isArray(objects) ? (objects as LabeledObject[]) : [];
}

/** Who made the annotation, as an export names them: the file's author for imported labels, else the Cadre user's e-mail. */
export function authorOf(row: Pick<ExportRow, 'imported_from' | 'author_email' | 'created_at'>): Pick<ExportItem, 'author' | 'createdAt'> {
  const from = row.imported_from as { author?: string; createdAt?: string } | null;
  const author = from?.author ?? row.author_email ?? undefined;
  const createdAt = from?.createdAt ?? (row.created_at ? new Date(row.created_at).toISOString() : undefined);
  return { ...(author ? { author } : {}), ...(createdAt ? { createdAt } : {}) };
}
