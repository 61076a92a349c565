import { checkedChunks } from './chunks.ts';
import type { ChunkSource } from './chunks.ts';
import { readCsv } from './csv-reader.ts';
import { readJson, readJsonl } from './json-reader.ts';
import { DEFAULT_MAX_ROW_BYTES } from './types.ts';
import type { ImportFormat, RowResult } from './types.ts';

export interface ReadOptions {
  format: ImportFormat;
  /** Named in every error; usually the uploaded file's name. */
  file: string;
  /** A row larger than this fails the file before it is buffered whole (default 16 MiB). */
  maxRowBytes?: number;
}

/**
 * Streams rows out of a JSON, JSON Lines or CSV file, one chunk in memory at a time.
 * Row problems are yielded (`ok: false`) and reading goes on; file problems throw ImportFileError.
 */
export function readTaskRows(input: ChunkSource, opts: ReadOptions): AsyncGenerator<RowResult> {
  const { format, file, maxRowBytes = DEFAULT_MAX_ROW_BYTES } = opts;
  const chunks = checkedChunks(input, file);
  if (format === 'json') return readJson(chunks, file, maxRowBytes);
  if (format === 'jsonl') return readJsonl(chunks, file, maxRowBytes);
  return readCsv(chunks, file, maxRowBytes);
}
