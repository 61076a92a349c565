// An export's files as one zip, streamed: text files deflated, images stored as they are (they
// are compressed already). Pieces come out as the files are written, so memory stays flat.
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { OutFile } from '@cadre/formats';

const STORED = /\.(jpe?g|png|webp|gif|bmp|bin|pcd|zip)$/i;
const encoder = new TextEncoder();

export async function* zipFiles(files: AsyncIterable<OutFile>): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  let done = false;
  const zip = new Zip((err, chunk, final) => {
    if (err) failure = err;
    else out.push(chunk);
    if (final) done = true;
  });
  const drain = function* () {
    if (failure) throw failure;
    while (out.length > 0) yield out.shift()!;
  };
  for await (const f of files) {
    const entry = STORED.test(f.path) ? new ZipPassThrough(f.path) : new ZipDeflate(f.path, { level: 6 });
    zip.add(entry);
    let pending: Uint8Array[] = [];
    let size = 0;
    for await (const piece of f.content) {
      const bytes = typeof piece === 'string' ? encoder.encode(piece) : piece;
      pending.push(bytes);
      size += bytes.length;
      // Hand fflate pieces of about a megabyte: fewer calls, still flat memory.
      if (size >= 1 << 20) {
        entry.push(concat(pending, size));
        pending = [];
        size = 0;
        yield* drain();
      }
    }
    entry.push(concat(pending, size), true);
    yield* drain();
  }
  zip.end();
  yield* drain();
  if (!done) throw new Error('zip: the archive did not end');
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const all = new Uint8Array(size);
  let at = 0;
  for (const p of parts) { all.set(p, at); at += p.length; }
  return all;
}
