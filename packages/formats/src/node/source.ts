// Sources on disk: a file, or a folder walked in path order. The only module of this package that
// touches Node's file system (the browser and the formats themselves never do).
import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { sourceOf } from '../source.ts';
import type { Source, SourceFile } from '../types.ts';

function diskFile(path: string, shown: string, size: number): SourceFile {
  return {
    path: shown, size,
    bytes: async () => new Uint8Array(await readFile(path)),
    chunks: () => createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>,
  };
}

/** A file, or every file below a folder (hidden ones left out), as a source. */
export async function diskSource(path: string): Promise<Source> {
  const s = await stat(path);
  if (!s.isDirectory()) return sourceOf(basename(path), [diskFile(path, basename(path), s.size)]);
  const files: SourceFile[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) files.push(diskFile(full, relative(path, full).split(sep).join('/'), (await stat(full)).size));
    }
  };
  await walk(path);
  return sourceOf(basename(path), files);
}
