// Helpers shared by the import tests.
import { pathToFileURL } from 'node:url';
import { needsSharedData, SHARED_DATA as SHARED_DATA_DIR } from '@cadre/core/testing';
import { readTaskRows } from './read.ts';
import type { ImportFormat, RowResult } from './types.ts';

// Real data: one home for where it is and when its tests skip (`@cadre/core/testing`).
export const SHARED_DATA = pathToFileURL(`${SHARED_DATA_DIR}/`);
export { needsSharedData };

/** Yields `bytes` in pieces of `size` bytes, so rows, lines and characters straddle chunk boundaries. */
export async function* chunked(bytes: Buffer | string, size: number): AsyncGenerator<Buffer> {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

export async function collect(text: Buffer | string, format: ImportFormat, chunkSize = 1 << 16, maxRowBytes?: number): Promise<RowResult[]> {
  const out: RowResult[] = [];
  const opts = { format, file: `tasks.${format}`, ...(maxRowBytes ? { maxRowBytes } : {}) };
  for await (const r of readTaskRows(chunked(text, chunkSize), opts)) out.push(r);
  return out;
}

/** Reads until the reader throws; returns the error and the rows seen before it. */
export async function failure(text: Buffer | string, format: ImportFormat, chunkSize = 1 << 16): Promise<{ error: unknown; before: RowResult[] }> {
  const before: RowResult[] = [];
  try {
    for await (const r of readTaskRows(chunked(text, chunkSize), { format, file: `tasks.${format}` })) before.push(r);
  } catch (error) {
    return { error, before };
  }
  throw new Error(`expected ${format} reader to fail, it read ${before.length} rows`);
}
