import { isUtf8 } from 'node:buffer';
import { opendir, readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { kindFromExtension } from './item-draft.ts';
import { DEFAULT_MAX_ROW_BYTES, ImportFileError } from './types.ts';
import type { RowResult, TaskRow } from './types.ts';

const row = (source: string, data: Record<string, unknown>): RowResult => ({ ok: true, row: { line: 0, data, predictions: [], priority: 0, source } satisfies TaskRow });
const rowError = (file: string, field: string, message: string): RowResult => ({ ok: false, error: { file, line: 0, field, message } });

export interface FolderOptions {
  /** Paths (files or folders) left out silently, e.g. the labels folder of a YOLO dataset. */
  skip?: (path: string) => boolean;
}

/**
 * One row per file under `dir`, walked recursively in name order so re-imports give the same order.
 * Hidden files and folders (".DS_Store", ".git") are skipped; anything else we cannot import is a
 * row error, so `--skip-invalid` can report it. Symlinked folders are not followed (no cycles).
 */
export async function* folderRows(dir: string, options: FolderOptions = {}): AsyncGenerator<RowResult> {
  const root = resolve(dir);
  const info = await stat(root).catch((e: Error) => {
    throw new ImportFileError(root, 0, 'unreadable', `cannot read folder: ${e.message}`);
  });
  if (!info.isDirectory()) throw new ImportFileError(root, 0, 'unreadable', 'not a folder');
  yield* walk(root, options.skip ?? (() => false));
}

async function* walk(dir: string, skip: (path: string) => boolean): AsyncGenerator<RowResult> {
  const entries = [];
  for await (const entry of await opendir(dir)) {
    if (!entry.name.startsWith('.')) entries.push(entry);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (skip(path)) continue;
    if (entry.isDirectory()) yield* walk(path, skip);
    else if (entry.isFile() || (entry.isSymbolicLink() && (await stat(path).catch(() => null))?.isFile())) yield await fileRow(path);
  }
}

async function fileRow(path: string): Promise<RowResult> {
  const kind = kindFromExtension(path);
  if (kind === 'image') return row(path, { image: path });
  if (kind === 'pointcloud') return row(path, { pointcloud: path });
  const ext = extname(path).toLowerCase();
  if (ext !== '.txt') return rowError(path, 'file', `unsupported file type ${ext || '(no extension)'}`);
  try {
    const { size } = await stat(path);
    if (size > DEFAULT_MAX_ROW_BYTES) {
      return rowError(path, 'data.text', `text file is ${size} bytes, more than the limit of ${DEFAULT_MAX_ROW_BYTES}`);
    }
    const bytes = await readFile(path);
    if (!isUtf8(bytes)) return rowError(path, 'data.text', 'the file is not valid UTF-8 text');
    return row(path, { text: bytes.toString('utf8').replace(/^\uFEFF/, '') });
  } catch (e) {
    return rowError(path, 'file', `cannot read: ${(e as Error).message}`);
  }
}
