import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { chunked, needsSharedData, SHARED_DATA } from '../import/testing.ts';
import type { RowResult, TaskRow } from '../import/types.ts';
import type { ConllLabels, ConllMeta } from './conll-format.ts';
import { readConllRows } from './conll-read.ts';
import { conllSentence, emptyStats, type SpanLike } from './conll-write.ts';
import { OffsetMap } from './offsets.ts';

async function read(text: string | Buffer, labels: ConllLabels = 'as-predictions', chunk = 1 << 16): Promise<RowResult[]> {
  const out: RowResult[] = [];
  for await (const r of readConllRows(chunked(text, chunk), { file: 'ner.tsv', labels })) out.push(r);
  return out;
}
const rowsOf = (rs: RowResult[]): TaskRow[] => rs.map((r) => { if (!r.ok) throw new Error(`${r.error.line}: ${r.error.message}`); return r.row; });

/** Spans from a row's prediction, converted from Label Studio's UTF-16 offsets to code points. */
function predictedSpans(row: TaskRow): SpanLike[] {
  const map = new OffsetMap(row.data.text as string);
  return (row.predictions[0]?.result ?? []).map((r) => {
    const v = (r as { value: { start: number; end: number; labels: string[] } }).value;
    return { start: map.toCodePoint(v.start)!, end: map.toCodePoint(v.end)!, label: v.labels[0]! };
  });
}

function write(rows: TaskRow[], spans: (row: TaskRow) => SpanLike[] | null): string {
  const stats = emptyStats();
  return rows.map((r) => conllSentence(r.data.text as string, r.data.conll as ConllMeta, spans(r), stats)).join('');
}

test('ncbi-disease train.tsv and devel.tsv: imported tags, and spans made from the predictions, write the file back byte for byte', needsSharedData, async () => {
  for (const name of ['train.tsv', 'devel.tsv']) {
    const bytes = await readFile(new URL(`text/ncbi-disease/${name}`, SHARED_DATA), 'utf8');
    const rows = rowsOf(await read(bytes, 'as-predictions', 7919));
    assert.equal(rows.length, bytes.split('\n\n').length - 1, `${name}: one row a sentence`);
    assert.equal(write(rows, () => null), bytes, `${name}: imported tags`);
    assert.equal(write(rows, predictedSpans), bytes, `${name}: from the predictions`);
  }
});

test('a sentence: text, code-point offsets, Label Studio results in UTF-16, the line it starts on', async () => {
  const [row] = rowsOf(await read('The\tO\n😀\tB-X\nCafé\tI-X\n北京\tB-Y\n.\tO\n\n'));
  assert.equal(row!.data.text, 'The 😀 Café 北京 .');
  assert.equal(row!.line, 1);
  const meta = row!.data.conll as ConllMeta;
  assert.deepEqual(meta.offsets, [[0, 3], [4, 5], [6, 10], [11, 13], [14, 15]]);
  assert.deepEqual(meta.tags, ['O', 'B-X', 'I-X', 'B-Y', 'O']);
  const values = row!.predictions[0]!.result.map((r) => (r as { value: unknown }).value);
  assert.deepEqual(values, [{ start: 4, end: 11, text: '😀 Café', labels: ['X'] }, { start: 12, end: 14, text: '北京', labels: ['Y'] }]);
  assert.deepEqual(predictedSpans(row!), [{ start: 4, end: 10, label: 'X' }, { start: 11, end: 13, label: 'Y' }]);
});

test('quirks survive the round trip: CRLF, trailing whitespace, -DOCSTART-, extra columns, several blank lines, no final newline', async () => {
  const files = [
    'A\tO\r\nb\tB-D\r\n\r\nC\tO\r\n\r\n',
    'A\tO \nb\tB-D\t\n\n',
    '-DOCSTART-\tO\n\nA\tO\nb\tB-D\n\n-DOCSTART-\tO\n\nC\tI-D\n\n',
    'EU\tNNP\tB-NP\tB-ORG\nrejects\tVBZ\tB-VP\tO\n\n',
    'A\tO\n\n\n\nb\tB-D',
    '\n\nA\tO\r\nb\tB-D\n',
  ];
  for (const f of files) {
    const rows = rowsOf(await read(f, 'as-predictions', 3));
    assert.equal(write(rows, () => null), f, JSON.stringify(f));
    assert.equal(write(rows, predictedSpans), f, `${JSON.stringify(f)} from spans`);
  }
});

test('IOB1 (I- after O starts an entity) is read and written back as IOB1', async () => {
  const f = 'a\tI-X\nb\tI-X\nc\tB-X\nd\tO\ne\tI-Y\n\n';
  const [row] = rowsOf(await read(f));
  assert.equal((row!.data.conll as ConllMeta).scheme, 'iob1');
  assert.deepEqual(predictedSpans(row!).map((s) => [s.start, s.end, s.label]), [[0, 3, 'X'], [4, 5, 'X'], [8, 9, 'Y']]);
  assert.equal(write([row!], predictedSpans), f);
});

test('spans that do not meet token boundaries tag every token they overlap, and are counted', async () => {
  const [row] = rowsOf(await read('acute\tO\nrenal\tO\nfailure\tO\nhere\tO\n\n'));
  const stats = emptyStats();
  const out = conllSentence(row!.data.text as string, row!.data.conll as ConllMeta, [{ start: 8, end: 13, label: 'D' }, { start: 5, end: 6, label: 'D' }, { start: 12, end: 19, label: 'E' }], stats);
  assert.equal(out, 'acute\tO\nrenal\tB-D\nfailure\tI-D\nhere\tO\n\n');
  assert.deepEqual([stats.misaligned, stats.dropped, stats.overlapping], [1, 1, 1]);
});

test('bad lines make their sentence invalid with file, line and field; the next sentence is still read', async () => {
  const rs = await read('a\tO\nb O\n\nc\tE-X\n\nd\tB-\n\n\te\tO\n\nf\tB-X\ng\tI-X\n\n');
  const errors = rs.flatMap((r) => (r.ok ? [] : [`${r.error.file}:${r.error.line}: ${r.error.field}: ${r.error.message}`]));
  assert.deepEqual(errors, [
    'ner.tsv:2: token: no tab: expected "token<TAB>tag", got "b O"',
    'ner.tsv:4: tag: tag "E-X" is BIOES/BILOU; only BIO (IOB2) and IOB1 tags are read: O, B-<type>, I-<type>',
    'ner.tsv:6: tag: tag "B-" has no entity type (expected e.g. B-Disease)',
    'ner.tsv:8: token: the token is empty (the line starts with a tab)',
  ]);
  const ok = rs.filter((r) => r.ok);
  assert.equal(ok.length, 1);
  assert.equal(ok[0]!.ok && ok[0]!.row.data.text, 'f g');
});

test('--conll-labels: annotations in code points, or nothing kept', async () => {
  const [a] = rowsOf(await read('😀\tB-X\nx\tI-X\n\n', 'as-annotations'));
  assert.deepEqual(a!.predictions, []);
  assert.deepEqual((a!.annotation as { objects: Array<{ geometry: unknown }> }).objects[0]!.geometry, { start: 0, end: 3 });
  const [n] = rowsOf(await read('😀\tB-X\nx\tI-X\n\n', 'ignore'));
  assert.deepEqual([n!.predictions, n!.annotation, (n!.data.conll as ConllMeta).tags], [[], undefined, undefined]);
  assert.equal(write([n!], () => null), '😀\tO\nx\tO\n\n');
});
