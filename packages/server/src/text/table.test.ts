// CSV/TSV with a label column, pure: the label becomes a text_class payload and not metadata; the
// writer quotes so the reader gets the same cells back.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { chunked, needsSharedData, SHARED_DATA } from '../import/testing.ts';
import { readCsv } from '../import/csv-reader.ts';
import type { RowResult, TaskRow } from '../import/types.ts';
import type { TextPayload } from './labels.ts';
import { readLabeledTable, type TableReadOptions } from './table-read.ts';
import { tableLine } from './table-write.ts';

async function read(text: string | Buffer, o: Partial<TableReadOptions> & { labelColumn: string }, chunk = 7): Promise<RowResult[]> {
  const out: RowResult[] = [];
  for await (const r of readLabeledTable(chunked(text, chunk), { file: 'intents.csv', ...o })) out.push(r);
  return out;
}
const rowsOf = (rs: RowResult[]): TaskRow[] => rs.map((r) => { if (!r.ok) throw new Error(`${r.error.line}: ${r.error.message}`); return r.row; });
const labels = (row: TaskRow) => ((row.labels?.[0]?.payload as TextPayload | undefined)?.objects ?? []).map((o) => [o.kind, o.label, o.geometry]);

test('the label column becomes one text_class object and not metadata; other columns stay metadata', async () => {
  const classes = new Set<string>();
  const rows = rowsOf(await read('id,text,category\n1,"Hi, there",greeting\n2,bye, farewell \n3,no label,\n', { labelColumn: 'category', classes }));
  assert.deepEqual(rows.map((r) => r.data), [
    { text: 'Hi, there', id: '1', table: { textColumn: 'text', labelColumn: 'category', delimiter: ',' } },
    { text: 'bye', id: '2', table: { textColumn: 'text', labelColumn: 'category', delimiter: ',' } },
    { text: 'no label', id: '3', table: { textColumn: 'text', labelColumn: 'category', delimiter: ',' } },
  ]);
  assert.deepEqual(rows.map(labels), [[['text_class', 'greeting', null]], [['text_class', 'farewell', null]], []]);
  assert.deepEqual([...classes], ['greeting', 'farewell']);
});

test('TSV by name or by option, another text column, several labels a cell', async () => {
  const tsv = 'phrase\tprompt\nmy knee hurts\tKnee pain | Joint pain\nI feel dizzy\tDizziness\n';
  const rows = rowsOf(await read(tsv, { file: 'x.tsv', textColumn: 'phrase', labelColumn: 'prompt', multiLabel: '|' }));
  assert.deepEqual(rows.map((r) => r.data.text), ['my knee hurts', 'I feel dizzy']);
  assert.deepEqual(rows.map((r) => labels(r).map((l) => l[1])), [['Knee pain', 'Joint pain'], ['Dizziness']]);
  assert.deepEqual(rows[0]!.data.table, { textColumn: 'phrase', labelColumn: 'prompt', delimiter: '\t', multiLabel: '|' });
  await assert.rejects(read('text;label\na;x\n', { delimiter: '\t', labelColumn: 'label' }), /no label column "label": the header has "text;label" \(read as TSV\)/);
});

test('a header without the label or text column stops the import, naming the columns; a short row is a row error', async () => {
  await assert.rejects(read('text,category\n', { labelColumn: 'label' }), /intents\.csv:1: no label column "label": the header has "text", "category" \(read as CSV\)/);
  await assert.rejects(read('phrase,label\n', { labelColumn: 'label' }), /no text column "text"/);
  await assert.rejects(read('phrase,text,label\n', { labelColumn: 'label', textColumn: 'phrase' }), /there is a column "text" too/);
  const rs = await read('text,label\na,b\nc\n', { labelColumn: 'label' });
  assert.deepEqual(rs.map((r) => (r.ok ? 'ok' : `${r.error.line}: ${r.error.field}: ${r.error.message}`)), ['ok', '3: row: expected 2 columns as in the header, got 1']);
});

test('the writer quotes what needs it, and the CSV reader reads the same cells back (CSV and TSV)', async () => {
  const cells = [['text', 'label'], ['plain', 'a'], ['with, comma', 'b'], ['with "quotes"', 'c|d'], ['two\nlines', ''], ['tab\there', 'e']];
  for (const delimiter of [',', '\t'] as const) {
    const file = cells.map((c) => tableLine(c, delimiter)).join('');
    const back: string[][] = [];
    for await (const r of readCsv(chunked(file, 3), 'x', 1 << 20, { delimiter })) if (r.ok) back.push([r.row.data.text as string, r.row.data.label as string]);
    assert.deepEqual(back, cells.slice(1), JSON.stringify(delimiter));
  }
});

test('banking77 train.csv with labelColumn category: one text_class each, its category, no category metadata', needsSharedData, async () => {
  const bytes = await readFile(new URL('text/banking77/train.csv', SHARED_DATA));
  const categories = JSON.parse(await readFile(new URL('text/banking77/categories.json', SHARED_DATA), 'utf8')) as string[];
  const classes = new Set<string>();
  const rows = rowsOf(await read(bytes, { file: 'train.csv', labelColumn: 'category', classes }, 65536));
  assert.equal(rows.length, 10003);
  assert.ok(rows.every((r) => labels(r).length === 1 && !('category' in r.data) && typeof r.data.text === 'string'));
  assert.deepEqual([...classes].sort(), [...categories].sort());
});

test('medical-intents: phrase as the text, prompt as the label; the other columns stay metadata', needsSharedData, async () => {
  const bytes = await readFile(new URL('text/medical-intents/overview-of-recordings.csv', SHARED_DATA));
  const rows = rowsOf(await read(bytes, { file: 'overview.csv', textColumn: 'phrase', labelColumn: 'prompt' }, 65536));
  assert.ok(rows.length > 6000, `${rows.length} rows`);
  const r = rows[0]!;
  assert.equal(r.data.text, 'When I remember her I feel down');
  assert.deepEqual(labels(r), [['text_class', 'Emotional pain', null]]);
  assert.ok(!('phrase' in r.data) && !('prompt' in r.data) && r.data.speaker_id === '43453425');
});
