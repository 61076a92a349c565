// Backups as files: gzip when the name ends in .gz (a restore knows gzip by its first bytes, whatever
// the name), and written under a temporary name first, so a backup that fails half way never lies
// where the finished one would.
import { createReadStream, createWriteStream, openSync, readSync, closeSync, renameSync, rmSync, statSync } from 'node:fs';
import { createGunzip, createGzip } from 'node:zlib';
import { PassThrough, type Readable, type Transform } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { dumpDatabase, type DumpOptions, type DumpSummary } from './dump.ts';
import { restoreDatabase, type RestoreOptions, type RestoreSummary } from './restore.ts';

export async function backupToFile(pool: pg.Pool, path: string, o: DumpOptions): Promise<DumpSummary & { bytes: number }> {
  const partial = `${path}.partial`;
  const file = createWriteStream(partial, { flags: 'wx' });
  await new Promise<void>((resolve, reject) => { file.once('open', () => resolve()).once('error', reject); }).catch((e: NodeJS.ErrnoException) => {
    throw new Error(e.code === 'EEXIST' ? `${partial} exists: another backup is being written to ${path}, or one failed (delete it)` : `cannot write ${partial}: ${e.message}`);
  });
  const out: Transform = path.endsWith('.gz') ? createGzip() : new PassThrough();
  const written = pipeline(out, file);
  written.catch(() => undefined); // awaited below; a disk error also fails the next write
  try {
    const summary = await dumpDatabase(pool, out, o);
    out.end();
    await written;
    renameSync(partial, path);
    return { ...summary, bytes: statSync(path).size };
  } catch (e) {
    out.destroy();
    await finished(file).catch(() => undefined);
    rmSync(partial, { force: true });
    throw e;
  }
}

export async function restoreFromFile(pool: pg.Pool, path: string, o: Omit<RestoreOptions, 'file'>): Promise<RestoreSummary & { bytes: number }> {
  let bytes: number;
  try {
    bytes = statSync(path).size;
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
  const input = isGzip(path) ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  const summary = await restoreDatabase(pool, gunzipErrors(input, path), { ...o, file: path });
  return { ...summary, bytes };
}

function isGzip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const magic = Buffer.alloc(2);
    return readSync(fd, magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/** A gzip stream cut short says "unexpected end of file"; the restore says which file and why it matters. */
async function* gunzipErrors(input: Readable, path: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of input) yield chunk as Buffer;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR') throw new Error(`${path}: the gzip data is cut short or damaged (${(e as Error).message}): the backup is truncated or corrupt`);
    throw e;
  }
}
