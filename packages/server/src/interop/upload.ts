// An uploaded label file, or a .zip of a dataset folder, put in a temporary folder so a reader can
// take it as a source. Archive entries that would land outside the folder (`../`, absolute names)
// are refused.
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, sep } from 'node:path';
import { once } from 'node:events';
import { Unzip, UnzipInflate } from 'fflate';
import { AppError } from '../errors.ts';

export interface Received { dir: string; path: string; archive: boolean; cleanup(): Promise<void> }

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
/** The end-of-central-directory record sits in the last 22 bytes plus a comment of up to 64 KiB. */
const TAIL = 22 + 0xffff;

/** Writes the body to a temporary folder; a zip (by its name or first bytes) is unpacked there. */
export async function receive(body: AsyncIterable<Buffer>, name: string): Promise<Received> {
  const dir = await mkdtemp(join(tmpdir(), 'cadre-import-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    const iterator = body[Symbol.asyncIterator]();
    const first = await iterator.next();
    const head: Buffer = first.done ? Buffer.alloc(0) : first.value;
    const rest = async function* () { if (!first.done) yield head; for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield r.value as Buffer; };
    const zip = /\.zip$/i.test(name) || ZIP_MAGIC.every((b, i) => head[i] === b);
    if (!zip) {
      const path = join(dir, safeName(name.slice(name.lastIndexOf('/') + 1)) || 'upload');
      const out = createWriteStream(path);
      for await (const chunk of rest()) if (!out.write(chunk)) await once(out, 'drain');
      out.end();
      await once(out, 'close');
      return { dir, path, archive: false, cleanup };
    }
    const root = join(dir, (name.replace(/\.zip$/i, '').split('/').pop() ?? 'upload') || 'upload');
    await unzipInto(rest(), root, name);
    return { dir, path: root, archive: true, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

function safeName(entry: string): string | null {
  const clean = normalize(entry.replace(/\\/g, '/'));
  if (clean.startsWith('..') || clean.startsWith('/') || clean.split(sep).includes('..')) return null;
  return clean;
}

async function unzipInto(chunks: AsyncIterable<Buffer>, root: string, name: string): Promise<void> {
  await mkdir(root, { recursive: true });
  let writes: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  const unzip = new Unzip((file) => {
    if (file.name.endsWith('/')) return;
    const rel = safeName(file.name);
    if (rel === null) { failure = new AppError('import_failed', `${name}: the archive's entry ${JSON.stringify(file.name)} would land outside its folder`); return; }
    // Hidden files and macOS resource forks are not data.
    if (rel.split(sep).some((p) => p.startsWith('.') || p === '__MACOSX')) return;
    const target = join(root, rel);
    const parts: Uint8Array[] = [];
    file.ondata = (err, data, final) => {
      if (err) { failure = new AppError('import_failed', `${name}: ${file.name}: ${err.message}`); return; }
      parts.push(data);
      if (final) writes = writes.then(async () => {
        await mkdir(dirname(target), { recursive: true });
        const out = createWriteStream(target);
        for (const p of parts) if (!out.write(p)) await once(out, 'drain');
        out.end();
        await once(out, 'close');
      });
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  let last: Buffer | null = null;
  let tail = Buffer.alloc(0);
  // Writes still landing must end before any failure is thrown: the caller then removes the folder.
  const fail = async (e: unknown): Promise<never> => {
    await writes.catch(() => undefined);
    throw e;
  };
  for await (const chunk of chunks) {
    tail = Buffer.concat([tail, chunk]);
    if (tail.length > TAIL) tail = tail.subarray(tail.length - TAIL);
    try {
      if (last) unzip.push(last);
    } catch (e) {
      return fail(new AppError('import_failed', `${name}: not a readable zip archive (${(e as Error).message})`));
    }
    last = chunk;
    if (failure) return fail(failure);
  }
  try {
    unzip.push(last ?? new Uint8Array(0), true);
  } catch (e) {
    return fail(new AppError('import_failed', `${name}: not a readable zip archive (${(e as Error).message})`));
  }
  await writes;
  if (failure) throw failure;
  // A zip ends with its central directory; without it the upload was cut short, and files may be missing.
  if (tail.lastIndexOf(EOCD) === -1) throw new AppError('import_failed', `${name}: the zip archive is cut short (no end of its central directory); nothing was imported`);
}
