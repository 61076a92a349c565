import { parse } from 'csv-parse';
import type { CsvError, Info, Options } from 'csv-parse';
import { readPriority } from './task-row.ts';
import { findUnstorable } from '../storable.ts';
import { ImportFileError } from './types.ts';
import type { RowResult } from './types.ts';

interface CsvRecord {
  record: string[];
  info: Info;
}

/** csv-parse's push parser behind its stream (what its sync API uses too). */
interface CsvApi {
  parse(buf: Buffer | undefined, end: boolean, push: (r: CsvRecord) => void, close: () => void): Error | undefined;
}

/**
 * Driving the parser by hand keeps each record next to the chunk that produced it: through the stream
 * interface, records still buffered are lost when an error arrives, and so is the line it is on.
 */
function csvApi(options: Options): CsvApi {
  const api = (parse(options) as unknown as { api?: CsvApi }).api;
  if (typeof api?.parse !== 'function') throw new Error('csv-parse no longer exposes its push parser (Parser.api); pin csv-parse@5');
  return api;
}

/** `delimiter`: ',' (default) or '\t' for TSV; `onHeader`: told the column names once the header is read. */
export interface CsvReadOptions { delimiter?: ',' | '\t'; onHeader?: (names: string[], line: number) => void }

/**
 * CSV with a header row: every column is a data field (values stay strings) except `priority`.
 * csv-parse reports the line a record ends on; we derive the line it starts on from the previous one.
 */
export async function* readCsv(chunks: AsyncIterable<Buffer>, file: string, maxRowBytes: number, opts: CsvReadOptions = {}): AsyncGenerator<RowResult> {
  const api = csvApi({
    ...(opts.delimiter ? { delimiter: opts.delimiter } : {}),
    info: true,
    relax_column_count: true, // a short or long row is a row error, not the end of the import
    skip_empty_lines: true,
    record_delimiter: ['\r\n', '\n'],
    max_record_size: maxRowBytes,
  });
  let header: string[] | null = null;
  let lastEnd = 0;
  let lastEmpty = 0;
  let records: CsvRecord[] = [];
  const push = (r: CsvRecord) => records.push(r);
  for await (const chunk of thenEnd(chunks)) {
    records = [];
    const err = api.parse(chunk, chunk === undefined, push, () => {});
    for (const { record, info } of records) {
      const line = lastEnd + 1 + (info.empty_lines - lastEmpty);
      lastEnd = info.lines;
      lastEmpty = info.empty_lines;
      if (header) yield toRow(header, record, file, line);
      else {
        header = checkHeader(record, file, line);
        opts.onHeader?.(header, line);
      }
    }
    if (err) throw toFileError(err, file, lastEnd + 1, maxRowBytes);
  }
}

async function* thenEnd(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer | undefined> {
  yield* chunks;
  yield undefined;
}

function toRow(header: string[], record: string[], file: string, line: number): RowResult {
  if (record.length !== header.length) {
    const message = `expected ${header.length} columns as in the header, got ${record.length}`;
    return { ok: false, error: { file, line, field: 'row', message } };
  }
  const data: { [k: string]: unknown } = {};
  let priority: unknown;
  for (let i = 0; i < header.length; i++) {
    if (header[i] === 'priority') priority = record[i];
    else data[header[i]!] = record[i];
  }
  const p = readPriority(priority);
  if (typeof p !== 'number') return { ok: false, error: { file, line, ...p } };
  const unstorable = findUnstorable(data, 'data');
  if (unstorable) return { ok: false, error: { file, line, field: unstorable.path, message: unstorable.problem } };
  return { ok: true, row: { line, data, predictions: [], priority: p } };
}

function checkHeader(names: string[], file: string, line: number): string[] {
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (name.trim() === '') throw new ImportFileError(file, line, 'syntax', `CSV header: column ${i + 1} has no name`);
    if (seen.has(name)) throw new ImportFileError(file, line, 'syntax', `CSV header: column "${name}" appears twice`);
    seen.add(name);
  });
  return names;
}

function toFileError(e: unknown, file: string, nextLine: number, maxRowBytes: number): unknown {
  if (e instanceof ImportFileError || !(e instanceof Error) || !('code' in e)) return e;
  const err = e as CsvError & { lines?: number };
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
    return new ImportFileError(file, nextLine, 'truncated', 'a quoted field opened on or after this line is never closed (unbalanced quotes or truncated file)');
  }
  if (err.code === 'CSV_MAX_RECORD_SIZE') {
    return new ImportFileError(file, nextLine, 'row_too_large', `row is larger than the limit of ${maxRowBytes} characters`);
  }
  return new ImportFileError(file, err.lines ?? nextLine, 'syntax', `CSV syntax error: ${err.message}`);
}
