// Helpers shared by the import tests.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readTaskRows } from './read.ts';
import type { ImportFormat, RowResult } from './types.ts';

/**
 * Real data lives beside the repository in ../shared/data (CI lays it there); CADRE_SHARED_DATA
 * points elsewhere. A clone without it skips the real-data tests and says why in the report.
 */
const sharedDir = process.env.CADRE_SHARED_DATA
  ? resolve(process.env.CADRE_SHARED_DATA)
  : fileURLToPath(new URL('../../../../../shared/data/', import.meta.url));
export const SHARED_DATA = pathToFileURL(`${sharedDir}/`);
export const needsSharedData = existsSync(join(sharedDir, 'SOURCES.md'))
  ? {}
  : { skip: `real data not found at ${sharedDir} (set CADRE_SHARED_DATA)` };

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
