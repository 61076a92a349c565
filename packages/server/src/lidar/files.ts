import { readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

/** The file's name without its extension (`000950.pcd` → `000950`; `a.pcd.bin` → `a.pcd`). */
export const stemOf = (path: string): string => basename(path, extname(path));

/** Absolute paths of the files in `dir` with one of the extensions, in name order; none when the folder is missing. */
export async function listFiles(dir: string, extensions: readonly string[]): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return [];
    throw e;
  });
  return entries
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && !e.name.startsWith('.') && extensions.includes(extname(e.name).toLowerCase()))
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => join(dir, name));
}
