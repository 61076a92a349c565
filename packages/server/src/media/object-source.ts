import type { ByteSource } from './byte-source.ts';
import type { ObjectStore } from './object-store.ts';
import type { ObjectRef } from './object-url.ts';

/** A JPEG's header fits in the first block unless it carries a large ICC profile or thumbnail. */
const BLOCK = 32 * 1024;

/**
 * Random access to an object's first bytes through ranged GETs, a block at a time: a header walk's
 * many small reads cost one request per 32 KiB block, and the pixels are never fetched.
 */
export function objectSource(store: ObjectStore, ref: ObjectRef, counter?: { requests: number; bytes: number }): ByteSource {
  const blocks = new Map<number, Promise<Buffer>>();
  let size: number | null = null;
  const block = (n: number) => {
    let b = blocks.get(n);
    if (!b) {
      b = size !== null && n * BLOCK >= size
        ? Promise.resolve(Buffer.alloc(0))
        : store.readRange(ref, n * BLOCK, BLOCK).then((r) => {
          if (counter) { counter.requests++; counter.bytes += r.bytes.length; }
          if (r.size !== null) size = r.size;
          return r.bytes;
        });
      blocks.set(n, b);
    }
    return b;
  };
  return {
    async read(offset, length) {
      const parts: Buffer[] = [];
      for (let n = Math.floor(offset / BLOCK); n * BLOCK < offset + length; n++) {
        const bytes = await block(n);
        const from = Math.max(0, offset - n * BLOCK);
        const to = Math.min(bytes.length, offset + length - n * BLOCK);
        if (from < to) parts.push(bytes.subarray(from, to));
        if (bytes.length < BLOCK) break; // the end of the object
      }
      return Buffer.concat(parts);
    },
  };
}
