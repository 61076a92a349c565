// CoNLL variants, pure: tab or space columns, CoNLL-2003's four columns, a chosen tag column, the
// BIO / IOB1 / BIOES / BILOU tag schemes both ways, and what malformed lines are told.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chunked } from '../import/testing.ts';
import type { RowResult, TaskRow } from '../import/types.ts';
import { convertTags, decodeTags, parseTag, type ConllMeta, type ParsedTag } from './conll-format.ts';
import { readConllRows, type ConllReadOptions } from './conll-read.ts';
import { conllSentence, emptyStats, whitespaceMeta, type ConllWriteOptions, type SpanLike } from './conll-write.ts';
import { looksLikeConll } from './detect.ts';
import { conllLabelsAs, type TextPayload } from './labels.ts';

async function read(text: string, o: Partial<ConllReadOptions> = {}, chunk = 5): Promise<RowResult[]> {
  const out: RowResult[] = [];
  for await (const r of readConllRows(chunked(text, chunk), { file: 'ner.conll', ...o })) out.push(r);
  return out;
}
const rowsOf = (rs: RowResult[]): TaskRow[] => rs.map((r) => { if (!r.ok) throw new Error(`${r.error.line}: ${r.error.field}: ${r.error.message}`); return r.row; });
const errorsOf = (rs: RowResult[]) => rs.flatMap((r) => (r.ok ? [] : [`${r.error.line}: ${r.error.field}: ${r.error.message}`]));
const spans = (row: TaskRow): SpanLike[] =>
  ((row.labels?.[0]?.payload as TextPayload | undefined)?.objects ?? []).map((o) => ({ start: o.geometry!.start, end: o.geometry!.end, label: o.label }));
const meta = (row: TaskRow) => row.data.conll as ConllMeta;

function write(rows: TaskRow[], from: 'tags' | 'spans', o: ConllWriteOptions = {}): string {
  const stats = emptyStats();
  return rows.map((r) => conllSentence(r.data.text as string, meta(r), from === 'tags' ? null : spans(r), stats, o)).join('');
}
async function roundTrips(file: string, o: Partial<ConllReadOptions> = {}): Promise<TaskRow[]> {
  const rows = rowsOf(await read(file, o));
  assert.equal(write(rows, 'tags'), file, `${JSON.stringify(file)}: from the kept tags`);
  assert.equal(write(rows, 'spans'), file, `${JSON.stringify(file)}: from the spans`);
  return rows;
}

const CONLL2003 = [
  '-DOCSTART- -X- -X- O', '',
  'EU NNP B-NP B-ORG', 'rejects VBZ B-VP O', 'German JJ B-NP B-MISC', 'call NN I-NP O', 'to TO B-VP O', 'boycott VB I-VP O',
  'British JJ B-NP B-MISC', 'lamb NN I-NP O', '. . O O', '',
  'Peter NNP B-NP B-PER', 'Blackburn NNP I-NP I-PER', '',
].join('\n');

test('CoNLL-2003: four space-separated columns, the NER tag last, -DOCSTART-; the layout is kept and the file written back', async () => {
  const rows = await roundTrips(CONLL2003);
  assert.equal(rows.length, 2);
  assert.equal(rows[0]!.data.text, 'EU rejects German call to boycott British lamb .');
  assert.deepEqual(meta(rows[0]!).layout, { separator: 'space', columns: 4, tagColumn: 3 });
  assert.deepEqual(spans(rows[1]!), [{ start: 0, end: 15, label: 'PER' }]);
  // Tabs instead of spaces, and runs of spaces, read the same.
  const tabbed = CONLL2003.replaceAll(' ', '\t');
  assert.deepEqual(rowsOf(await read(tabbed)).map(spans), rows.map(spans));
  await roundTrips(tabbed);
  await roundTrips('EU  NNP   B-ORG\nsays VBZ  O\n\n');
});

test('a chosen tag column: the chunk tags of CoNLL-2003 (column 2) instead of NER; other columns kept', async () => {
  const rows = await roundTrips(CONLL2003, { tagColumn: 2 });
  assert.deepEqual(meta(rows[0]!).layout, { separator: 'space', columns: 4, tagColumn: 2 });
  assert.deepEqual(spans(rows[1]!), [{ start: 0, end: 15, label: 'NP' }]);
  // A new span over "rejects German" is written into column 2 and only there.
  const out = conllSentence(rows[0]!.data.text as string, meta(rows[0]!), [{ start: 3, end: 17, label: 'VP' }], emptyStats());
  assert.match(out, /^-DOCSTART- -X- -X- O\n\nEU NNP O B-ORG\nrejects VBZ B-VP O\nGerman JJ I-VP B-MISC\ncall NN O O\n/);
  await assert.rejects(read(CONLL2003, { tagColumn: 4 }), /ner\.conll:3: the tag column is 4 \(0-based\) but line 3 has 4 columns/);
});

test('BIOES and BILOU: read strictly, entities kept, written back in the same scheme', async () => {
  const bioes = 'Acute\tB-Disease\nrenal\tI-Disease\nfailure\tE-Disease\nand\tO\nasthma\tS-Disease\n\n';
  const [row] = await roundTrips(bioes);
  assert.equal(meta(row!).scheme, 'bioes');
  assert.deepEqual(spans(row!).map((s) => [s.start, s.end, s.label]), [[0, 19, 'Disease'], [24, 30, 'Disease']]);
  const bilou = bioes.replace('E-', 'L-').replace('S-', 'U-');
  const [lu] = await roundTrips(bilou);
  assert.equal(meta(lu!).scheme, 'bilou');
  assert.deepEqual(spans(lu!), spans(row!));
});

test('sentences without entities take the file scheme, also when they come first (held back until a sentence shows it)', async () => {
  const file = 'No\tO\nentity\tO\n\nAsthma\tS-D\n\nnone\tO\n\n';
  const rows = await roundTrips(file);
  assert.deepEqual(rows.map((r) => meta(r).scheme), ['bioes', 'bioes', 'bioes']);
  assert.deepEqual(rows.map((r) => r.line), [1, 4, 6], 'in file order');
  // A span added to the first sentence is written as BIOES.
  const stats = emptyStats();
  assert.equal(conllSentence('No entity', meta(rows[0]!), [{ start: 0, end: 9, label: 'D' }], stats), 'No\tB-D\nentity\tE-D\n\n');
  assert.equal(conllSentence('No entity', meta(rows[0]!), [{ start: 3, end: 9, label: 'D' }], stats), 'No\tO\nentity\tS-D\n\n');
  // BIO and IOB1 files: as before.
  assert.deepEqual(rowsOf(await read('a\tO\n\nb\tB-X\n\n')).map((r) => meta(r).scheme), [undefined, undefined]);
  assert.deepEqual(rowsOf(await read('a\tO\n\nb\tI-X\n\nc\tO\n\n')).map((r) => meta(r).scheme), ['iob1', 'iob1', 'iob1']);
});

test('malformed: unknown tag, I- after O in BIOES, an unended entity, BIOES in a BIO file, wrong column count, stray tab: file, line, field', async () => {
  const bad = [
    'a\tB-X\nb\tE-X\n', // 1-2: fine, makes the file BIOES
    'c\tX-PER\n', // 4
    'd\tO\ne\tI-X\nf\tE-X\n', // 6-8: I- after O
    'g\tB-X\nh\tO\n', // 10-11: B- not ended
    'i\tB-X\tx\n', // 13: three columns
    'j\t\tO\n', // 15: an empty column (stray tab)
    'k\tB-X\nl\tI-X\n', // 17-18: BIO in a BIOES file
  ].join('\n');
  assert.deepEqual(errorsOf(await read(bad)), [
    '4: tag: unknown tag "X-PER": expected O, or B-, I- (BIO), E-, S- (BIOES), L-, U- (BILOU) and the entity type, e.g. B-Disease',
    '7: tag: tag "I-X" after "O": an entity starts with B- or S- (BIOES); the file\'s tags are BIOES from line 1',
    '10: tag: the entity "X" that starts on "B-X" does not end with E-X before "O" (BIOES); the file\'s tags are BIOES from line 1',
    '13: columns: expected 2 columns as on line 1, got 3: "i\\tB-X\\tx"',
    '15: column 1: expected 2 columns as on line 1, got 3 (column 1, 0-based, is empty: a stray tab?): "j\\t\\tO"',
    '18: tag: the entity "X" that starts on "B-X" does not end with E-X at the end of the sentence (BIOES); the file\'s tags are BIOES from line 1',
  ]);
  assert.deepEqual(errorsOf(await read('a B-X\nb I-X\n\nc\tO\n\nd O\ne S-X\n\n')), [
    '4: column 1: a tab in a space-separated file (line 1 has columns separated by spaces): "c\\tO"',
    '7: tag: tag "S-X" is BIOES, not BIO (IOB2); the file\'s tags are BIO (IOB2) from line 1',
  ]);
  // A scheme given is enforced: an I- opening an entity is not IOB2.
  assert.deepEqual(errorsOf(await read('a\tO\nb\tI-X\n\n', { scheme: 'iob2' })), ['2: tag: tag "I-X" after "O": in BIO (IOB2) an entity starts with B-']);
  assert.deepEqual(errorsOf(await read('a\tB-X\n\n', { scheme: 'bioes' })), ['1: tag: the entity "X" that starts on "B-X" does not end with E-X at the end of the sentence (BIOES)']);
});

test('converting schemes: BIO <-> BIOES <-> BILOU <-> IOB1 keep the entities', () => {
  const bio = ['B-D', 'I-D', 'O', 'B-D', 'B-D', 'I-D', 'I-D', 'O', 'B-E'];
  const bioes = convertTags(bio, 'bioes');
  assert.deepEqual(bioes, ['B-D', 'E-D', 'O', 'S-D', 'B-D', 'I-D', 'E-D', 'O', 'S-E']);
  assert.deepEqual(convertTags(bio, 'bilou'), ['B-D', 'L-D', 'O', 'U-D', 'B-D', 'I-D', 'L-D', 'O', 'U-E']);
  assert.deepEqual(convertTags(bio, 'iob1'), ['I-D', 'I-D', 'O', 'I-D', 'B-D', 'I-D', 'I-D', 'O', 'I-E']);
  assert.deepEqual(convertTags(bioes, 'iob2'), bio);
  assert.deepEqual(convertTags(convertTags(bio, 'iob1'), 'iob2', 'iob1'), bio);
  const entities = (tags: string[]) => decodeTags(tags.map((t) => parseTag(t) as ParsedTag)).entities;
  assert.deepEqual(entities(bioes), entities(bio));
});

test('the export can ask for a scheme; a text not imported from CoNLL is token<TAB>tag IOB2, or token<space>tag', async () => {
  const rows = rowsOf(await read('Acute\tB-D\nfailure\tI-D\nand\tO\nasthma\tB-D\n\n'));
  assert.equal(write(rows, 'tags', { scheme: 'bioes' }), 'Acute\tB-D\nfailure\tE-D\nand\tO\nasthma\tS-D\n\n');
  assert.equal(write(rows, 'spans', { scheme: 'bilou' }), 'Acute\tB-D\nfailure\tL-D\nand\tO\nasthma\tU-D\n\n');
  const fresh = [{ start: 0, end: 13, label: 'D' }];
  assert.equal(conllSentence('Acute failure here', whitespaceMeta('Acute failure here', 0), fresh, emptyStats()), 'Acute\tB-D\nfailure\tI-D\nhere\tO\n\n');
  assert.equal(conllSentence('Acute failure here', whitespaceMeta('Acute failure here', 0, 'space'), fresh, emptyStats(), { scheme: 'bioes' }), 'Acute B-D\nfailure E-D\nhere O\n\n');
});

test('detection: space-separated CoNLL-2003 in a .txt, BIOES tags in a .tsv', () => {
  assert.equal(looksLikeConll('a.txt', CONLL2003), true);
  assert.equal(looksLikeConll('a.tsv', 'Asthma\tS-Disease\n'), true);
  assert.equal(looksLikeConll('a.tsv', 'text\tcategory\nhello\tgreeting\n'), false);
  assert.equal(looksLikeConll('a.bioes'), true);
});

test('--conll-labels as the import\'s `as`', () => {
  assert.deepEqual([conllLabelsAs('as-annotations'), conllLabelsAs('as-predictions'), conllLabelsAs(undefined), conllLabelsAs('ignore')], ['labels', 'prelabels', 'prelabels', null]);
});
