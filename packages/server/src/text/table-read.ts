import { extname } from 'node:path';
import { checkedChunks, type ChunkSource } from '../import/chunks.ts';
import { readCsv } from '../import/csv-reader.ts';
import { DEFAULT_MAX_ROW_BYTES, ImportFileError, type RowResult } from '../import/types.ts';
import type { TextPayload } from './labels.ts';

export interface TableReadOptions {
  /** Named in every error; its extension picks the delimiter when none is given (.tsv, .tab: tab). */
  file: string;
  /** The column holding each row's class (text_class label): it becomes the label, not metadata. */
  labelColumn: string;
  /** The column holding the text (default `text`). */
  textColumn?: string;
  /** ',' or '\t'; default: from the file name. */
  delimiter?: ',' | '\t';
  /** Several labels in one cell, separated by this (e.g. '|' or ';'); absent: the cell is one label. */
  multiLabel?: string;
  /** Leave the labels out (the label column is still not metadata). */
  ignoreLabels?: boolean;
  /** Collects the class names, for the ontology. */
  classes?: Set<string>;
  /** More classes in one cell make the row invalid (a project that takes one class per item: 1). */
  maxLabels?: number;
  maxRowBytes?: number;
}

/** Kept on each item under `metadata.table`: the column names, so the export writes the same header. */
export interface TableMeta { textColumn: string; labelColumn: string; delimiter: ',' | '\t'; multiLabel?: string }

export const delimiterOf = (file: string): ',' | '\t' => (['.tsv', '.tab'].includes(extname(file).toLowerCase()) ? '\t' : ',');

/** The labels of one cell: trimmed, empty ones left out, each once. */
export function cellLabels(cell: string, multiLabel: string | undefined): string[] {
  const parts = multiLabel ? cell.split(multiLabel) : [cell];
  return [...new Set(parts.map((p) => p.trim()).filter((p) => p !== ''))];
}

/**
 * Streams a CSV or TSV file with a header (as the CSV task import reads it: quotes, CRLF, every
 * other column item metadata, `priority`) where one column holds the row's class: that column is
 * taken out of the data and becomes a Cadre payload with one text_class object a label in
 * `row.labels` (what it becomes is the import's `as`); a row with an empty label cell has none.
 * The text column is stored as the item's text whatever its name. A header without the label or
 * text column stops the import.
 */
export async function* readLabeledTable(input: ChunkSource, o: TableReadOptions): AsyncGenerator<RowResult> {
  const textColumn = o.textColumn ?? 'text';
  const delimiter = o.delimiter ?? delimiterOf(o.file);
  const table: TableMeta = { textColumn, labelColumn: o.labelColumn, delimiter, ...(o.multiLabel ? { multiLabel: o.multiLabel } : {}) };
  if (o.labelColumn === textColumn) throw new ImportFileError(o.file, 0, 'syntax', `the label column and the text column are both "${textColumn}"`);
  const onHeader = (names: string[], line: number) => {
    const have = `the header has ${names.map((n) => JSON.stringify(n)).join(', ')}${delimiter === '\t' ? ' (read as TSV)' : ' (read as CSV)'}`;
    if (!names.includes(o.labelColumn)) throw new ImportFileError(o.file, line, 'syntax', `no label column ${JSON.stringify(o.labelColumn)}: ${have}`);
    if (!names.includes(textColumn)) throw new ImportFileError(o.file, line, 'syntax', `no text column ${JSON.stringify(textColumn)}: ${have}`);
    if (textColumn !== 'text' && names.includes('text')) throw new ImportFileError(o.file, line, 'syntax', `the text column is ${JSON.stringify(textColumn)} but there is a column "text" too: rename one`);
    if (names.includes('table')) throw new ImportFileError(o.file, line, 'syntax', 'a column "table": the import keeps the column names under that name; rename it');
  };
  const rows = readCsv(checkedChunks(input, o.file), o.file, o.maxRowBytes ?? DEFAULT_MAX_ROW_BYTES, { delimiter, onHeader });
  for await (const r of rows) {
    if (!r.ok) { yield r; continue; }
    const { [o.labelColumn]: cell, [textColumn]: text, ...rest } = r.row.data;
    const data: Record<string, unknown> = { text, ...rest, table };
    const row = { ...r.row, data };
    if (!o.ignoreLabels) {
      const labels = cellLabels(String(cell ?? ''), o.multiLabel);
      if (o.maxLabels !== undefined && labels.length > o.maxLabels) {
        const message = `${labels.length} classes (${labels.map((l) => JSON.stringify(l)).join(', ')}) but the project takes ${o.maxLabels === 1 ? 'one class' : `${o.maxLabels} classes`} per item (turn on its multiLabel setting)`;
        yield { ok: false, error: { file: o.file, line: r.row.line, field: o.labelColumn, message } };
        continue;
      }
      for (const l of labels) o.classes?.add(l);
      if (labels.length > 0) {
        const payload: TextPayload = { schemaVersion: 1, objects: labels.map((label, k) => ({ id: `class-${k}`, label, kind: 'text_class', attributes: {}, geometry: null })) };
        row.labels = [{ payload }];
      }
    }
    yield { ok: true, row };
  }
}
