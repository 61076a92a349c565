import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { chunked, needsSharedData, SHARED_DATA } from '../import/testing.ts';
import type { RowResult, TaskRow } from '../import/types.ts';
import type { ConllMeta } from './conll-format.ts';
import { readConllRows, type ConllReadOptions } from './conll-read.ts';
import { conllSentence, emptyStats, type SpanLike } from './conll-write.ts';
import { OffsetMap } from '@cadre/core';

async function read(text: string | Buffer, o: Partial<ConllReadOptions> = {}, chunk = 1 << 16): Promise<RowResult[]> {
  const out: RowResult[] = [];
  for await (const r of readConllRows(chunked(text, chunk), { file: 'ner.tsv', ...o })) out.push(r);
  return out;
}
const rowsOf = (rs: RowResult[]): TaskRow[] => rs.map((r) => { if (!r.ok) throw new Error(`${r.error.line}: ${r.error.message}`); return r.row; });

/** Spans from a row's labels (a Cadre payload of text_span objects, code points). */
function predictedSpans(row: TaskRow): SpanLike[] {
  const objects = (row.labels?.[0]?.payload.objects ?? []) as Array<{ label: string; geometry: { start: number; end: number } }>;
  return objects.map((o) => ({ start: o.geometry.start, end: o.geometry.end, label: o.label }));
}



function write(rows: TaskRow[], spans: (row: TaskRow) => SpanLike[] | null): string {
  const stats = emptyStats();
  return rows.map((r) => conllSentence(r.data.text as string, r.data.conll as ConllMeta, spans(r), stats)).join('');
}

test('ncbi-disease train.tsv and devel.tsv: imported tags, and spans made from the predictions, write the file back byte for byte', needsSharedData, async () => {
  for (const name of ['train.tsv', 'devel.tsv']) {
    const bytes = await readFile(new URL(`text/ncbi-disease/${name}`, SHARED_DATA), 'utf8');
    const rows = rowsOf(await read(bytes, {}, 7919));
    assert.equal(rows.length, bytes.split('\n\n').length - 1, `${name}: one row a sentence`);
    assert.equal(write(rows, () => null), bytes, `${name}: imported tags`);
    assert.equal(write(rows, predictedSpans), bytes, `${name}: from the labels`);
  }
});

test('a sentence: text, code-point offsets, labels in code points, the line it starts on', async () => {
  const [row] = rowsOf(await read('The\tO\n😀\tB-X\nCafé\tI-X\n北京\tB-Y\n.\tO\n\n'));
  assert.equal(row!.data.text, 'The 😀 Café 北京 .');
  assert.equal(row!.line, 1);
  const meta = row!.data.conll as ConllMeta;
  assert.deepEqual(meta.offsets, [[0, 3], [4, 5], [6, 10], [11, 13], [14, 15]]);
  assert.deepEqual(meta.tags, ['O', 'B-X', 'I-X', 'B-Y', 'O']);
  assert.deepEqual([row!.predictions, row!.annotation, row!.labels!.length], [[], undefined, 1]);
  assert.deepEqual(predictedSpans(row!), [{ start: 4, end: 10, label: 'X' }, { start: 11, end: 13, label: 'Y' }]);
  const map = new OffsetMap(row!.data.text as string);
  assert.deepEqual(predictedSpans(row!).map((s) => map.slice(s.start, s.end)), ['😀 Café', '北京']);
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
    const rows = rowsOf(await read(f, {}, 3));
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
    'ner.tsv:4: tag: tag "E-X" at the start of the sentence: an entity starts with B- or S- (BIOES)',
    'ner.tsv:6: tag: tag "B-" has no entity type (expected e.g. B-Disease)',
    'ner.tsv:8: token: the token is empty (the line starts with a tab)',
  ]);
  const ok = rs.filter((r) => r.ok);
  assert.equal(ok.length, 1);
  assert.equal(ok[0]!.ok && ok[0]!.row.data.text, 'f g');
});

test('labels in code points, or nothing kept when the tags are ignored', async () => {
  const [a] = rowsOf(await read('😀\tB-X\nx\tI-X\n\n'));
  assert.deepEqual(a!.predictions, []);
  assert.deepEqual((a!.labels![0]!.payload.objects[0] as { geometry: unknown }).geometry, { start: 0, end: 3 });
  const [n] = rowsOf(await read('😀\tB-X\nx\tI-X\n\n', { ignoreTags: true }));
  assert.deepEqual([n!.predictions, n!.labels, (n!.data.conll as ConllMeta).tags], [[], undefined, undefined]);
  assert.equal(write([n!], () => null), '😀\tO\nx\tO\n\n');
});
