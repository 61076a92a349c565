import { readFile } from 'node:fs/promises';
import { parseCsv } from '@cadre/core';
import type { LabeledText } from '@cadre/textml';

export async function readText(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new Error(e.code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${e.message}`);
  });
}

/** Rows of a CSV (or TSV, by extension) with a header line, as objects by column name, with their line numbers. */
export async function readTable(file: string): Promise<{ columns: string[]; rows: Array<{ line: number; cells: Record<string, string> }> }> {
  let text = await readText(file);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const table = /\.tsv$/i.test(file) ? text.split(/\r?\n/).filter((l) => l !== '').map((l) => l.split('\t')) : parseCsv(text);
  if (table.length === 0) throw new Error(`${file}: the file is empty`);
  const columns = table[0]!;
  const rows = table.slice(1).map((cells, i) => ({ line: i + 2, cells: Object.fromEntries(columns.map((c, j) => [c, cells[j] ?? ''])) }));
  return { columns, rows };
}

function needColumn(file: string, columns: string[], name: string, option: string): void {
  if (!columns.includes(name)) throw new Error(`${file}: no column ${JSON.stringify(name)} (${option}); the columns are ${columns.map((c) => JSON.stringify(c)).join(', ')}`);
}

/** Labelled texts from a table: every row needs a non-empty text and label. */
export async function readLabeled(file: string, textColumn: string, labelColumn: string): Promise<LabeledText[]> {
  const { columns, rows } = await readTable(file);
  needColumn(file, columns, textColumn, '--text-column');
  needColumn(file, columns, labelColumn, '--label-column');
  if (rows.length === 0) throw new Error(`${file}: no rows after the header`);
  return rows.map(({ line, cells }) => {
    const text = cells[textColumn]!;
    const label = cells[labelColumn]!.trim();
    if (text.trim() === '') throw new Error(`${file}:${line}: column ${JSON.stringify(textColumn)} is empty`);
    if (label === '') throw new Error(`${file}:${line}: column ${JSON.stringify(labelColumn)} is empty`);
    return { text, label };
  });
}

/** Texts from a table's column, with their row numbers (1 = the first row after the header). */
export async function readTexts(file: string, textColumn: string): Promise<Array<{ row: number; text: string }>> {
  const { columns, rows } = await readTable(file);
  needColumn(file, columns, textColumn, '--text-column');
  return rows.map(({ line, cells }) => ({ row: line - 1, text: cells[textColumn]! }));
}

export function parseNumber(option: string, value: string, o: { min?: number; max?: number; integer?: boolean } = {}): number {
  const n = Number(value);
  const ok = value.trim() !== '' && Number.isFinite(n) && (o.min === undefined || n >= o.min) && (o.max === undefined || n <= o.max) && (!o.integer || Number.isInteger(n));
  if (!ok) {
    const range = o.min !== undefined && o.max !== undefined ? ` from ${o.min} to ${o.max}` : o.min !== undefined ? ` of at least ${o.min}` : '';
    throw new Error(`${option} must be ${o.integer ? 'a whole number' : 'a number'}${range}, got ${JSON.stringify(value)}`);
  }
  return n;
}
