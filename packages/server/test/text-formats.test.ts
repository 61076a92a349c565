// Text label formats through the services: NCBI disease converted to BIOES and to space-separated
// CoNLL-2003 columns round trips; banking77 with a label column becomes text_class labels and
// exports back as the same (text, category) pairs. (text-conll.test.ts covers the BIO file itself.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { dispenser, exporter, projectService, submissions, textExporter, textImporter } from '../src/index.ts';
import { needsSharedData, SHARED_DATA } from '../src/import/testing.ts';
import { readCsv } from '../src/import/csv-reader.ts';
import { convertTags } from '../src/text/index.ts';
import { harness, type Harness, SUBMIT_IS_FINAL } from './harness.ts';

let h: Harness;
before(async () => { h = await harness(); });
after(async () => { await h.close(); });

const shared = (path: string) => readFile(new URL(path, SHARED_DATA), 'utf8');
const source = (body: string) => Readable.from([Buffer.from(body)]);

async function textProject(name: string, settings: Record<string, unknown> = {}): Promise<string> {
  return (await projectService.createProject(h.deps, h.admin, { name, ontology: { classes: [] }, settings: { ...SUBMIT_IS_FINAL, ...settings } })).id;
}
async function drain<T>(pieces: AsyncGenerator<string, T>): Promise<{ text: string; stats: T }> {
  let text = '';
  for (let step = await pieces.next(); ; step = await pieces.next()) {
    if (step.done) return { text, stats: step.value };
    text += step.value;
  }
}
async function jsonl(projectId: string): Promise<Array<{ data: { text: string }; metadata: Record<string, unknown>; annotation: { state: string; objects: Array<{ kind: string; label: string }> } | null }>> {
  let out = '';
  for await (const c of exporter.exportJsonl(h.deps, h.admin, projectId)) out += c;
  return out.trim().split('\n').map((l) => JSON.parse(l));
}

/** Each sentence's tag column rewritten by `line(token, tag)`; separators and blank lines kept. */
function rewrite(file: string, line: (token: string, tag: string) => string, scheme?: 'bioes'): string {
  return file.split('\n\n').map((block) => {
    if (block.trim() === '') return block;
    const rows = block.split('\n').map((l) => l.split('\t') as [string, string]);
    const tags = scheme ? convertTags(rows.map((r) => r[1]), scheme) : rows.map((r) => r[1]);
    return rows.map((r, i) => line(r[0], tags[i]!)).join('\n');
  }).join('\n\n');
}

test('ncbi-disease devel.tsv in BIOES: imported as labels or drafts, exported byte-identical; an added span is written B-/E-, S-', needsSharedData, async () => {
  const bio = await shared('text/ncbi-disease/devel.tsv');
  const bioes = rewrite(bio, (t, tag) => `${t}\t${tag}`, 'bioes');
  assert.ok(bioes.includes('\tE-Disease\n') && bioes.includes('\tS-Disease\n') && bioes !== bio);
  const p = await textProject('NCBI BIOES');
  const report = await textImporter.importConll(h.deps, h.admin, source(bioes), { projectId: p, file: 'devel.bioes', as: 'labels', skipInvalid: false });
  const sentences = bio.split('\n\n').length - 1;
  assert.deepEqual([report.imported, report.labels, report.addedClasses], [sentences, sentences, ['Disease']]);
  assert.ok((await drain(textExporter.exportConll(h.deps, h.admin, p))).text === bioes, 'the export equals the BIOES file byte for byte (tagged from the accepted annotations)');
  // Asked for BIO, the same project gives back the original file.
  assert.ok((await drain(textExporter.exportConll(h.deps, h.admin, p, { scheme: 'iob2' }))).text === bio, 'the export in iob2 equals devel.tsv');

  // As drafts: submitted annotations on open tasks; the export of the latest gives the file too.
  const d = await textProject('NCBI BIOES drafts');
  const drafts = await textImporter.importConll(h.deps, h.admin, source(bioes), { projectId: d, file: 'devel.bioes', as: 'drafts', skipInvalid: false });
  assert.deepEqual([drafts.drafts, drafts.labels, drafts.predictions], [sentences, undefined, 0]);
  assert.ok((await drain(textExporter.exportConll(h.deps, h.admin, d, { which: 'latest' }))).text === bioes);
  // The first sentence gets two spans: "BRCA1" (one token) and "a granin" (two).
  const view = await dispenser.claimNextView(h.deps, h.admin, d);
  const text = view!.item.text!;
  assert.equal(text, 'BRCA1 is secreted and exhibits properties of a granin .');
  const span = (s: string) => ({ id: randomUUID(), label: 'Disease', kind: 'text_span', attributes: {}, geometry: { start: text.indexOf(s), end: text.indexOf(s) + s.length } });
  await submissions.submit(h.deps, h.admin, view!.task.id, randomUUID(), { schemaVersion: 1, objects: [span('BRCA1'), span('a granin')] });
  const got = (await drain(textExporter.exportConll(h.deps, h.admin, d, { which: 'latest' }))).text.split('\n');
  const want = bioes.split('\n');
  const changed = want.flatMap((l, i) => (l === got[i] ? [] : [`${l} -> ${got[i]}`]));
  assert.deepEqual(changed, ['BRCA1\tO -> BRCA1\tS-Disease', 'a\tO -> a\tB-Disease', 'granin\tO -> granin\tE-Disease']);
});

test('ncbi-disease devel.tsv as CoNLL-2003 (token POS chunk NER, spaces, -DOCSTART-): pre-labels, export byte-identical', needsSharedData, async () => {
  const bio = await shared('text/ncbi-disease/devel.tsv');
  const conll03 = `-DOCSTART- -X- -X- O\n\n${rewrite(bio, (t, tag) => `${t} NN ${tag === 'O' ? 'O' : 'I-NP'} ${tag}`)}`;
  const p = await textProject('NCBI CoNLL-2003');
  const report = await textImporter.importConll(h.deps, h.admin, source(conll03), { projectId: p, file: 'devel.conll', skipInvalid: false });
  assert.ok(report.predictions > 100 && report.labels === undefined, `pre-labels by default, got ${report.predictions}`);
  const out = await drain(textExporter.exportConll(h.deps, h.admin, p));
  assert.ok(out.text === conll03, 'the export equals the CoNLL-2003 file byte for byte');
  const [first] = await jsonl(p);
  assert.deepEqual((first!.metadata.conll as { layout: unknown }).layout, { separator: 'space', columns: 4, tagColumn: 3 });
  // The same file with --conll-labels as-annotations (the alias of as: labels) exports the same.
  const q = await textProject('NCBI CoNLL-2003 labels');
  const r2 = await textImporter.importConll(h.deps, h.admin, source(conll03), { projectId: q, file: 'devel.conll', labels: 'as-annotations', skipInvalid: false });
  assert.equal(r2.predictions, 0);
  assert.ok((await drain(textExporter.exportConll(h.deps, h.admin, q))).text === conll03);
});

test('malformed CoNLL stops the import naming file, line and field', async () => {
  const p = await textProject('bad conll');
  const run = (body: string) => textImporter.importConll(h.deps, h.admin, source(body), { projectId: p, file: 'x.conll', skipInvalid: false });
  await assert.rejects(run('a\tB-X\nb\tE-X\n\nc\tO\nd\tI-X\n\n'), /x\.conll line 5: tag: tag "I-X" after "O": an entity starts with B- or S- \(BIOES\); the file's tags are BIOES from line 1 \(nothing was imported/);
  await assert.rejects(run('a NN O\nb O\n\n'), /x\.conll line 2: columns: expected 3 columns as on line 1, got 2/);
  await assert.rejects(run('a\tX-PER\n\n'), /x\.conll line 1: tag: unknown tag "X-PER"/);
});

test('banking77 train.csv with labelColumn category as labels: one text_class each, no category metadata; the CSV export gives the same pairs', needsSharedData, async () => {
  const csv = await shared('text/banking77/train.csv');
  const categories = JSON.parse(await shared('text/banking77/categories.json')) as string[];
  const p = await textProject('banking77');
  const report = await textImporter.importLabeledTable(h.deps, h.admin, source(csv), { projectId: p, file: 'train.csv', labelColumn: 'category', as: 'labels', skipInvalid: false });
  assert.deepEqual([report.imported, report.labels, report.skipped], [10003, 10003, 0]);
  assert.deepEqual([...report.addedClasses!].sort(), [...categories].sort());
  const ontology = (await projectService.getProject(h.deps, h.admin, p)).ontology;
  assert.ok(ontology.classes.length === 77 && ontology.classes.every((c) => c.kind === 'text_class'));

  const pairs: Array<[string, string]> = [];
  for await (const r of readCsv(source(csv), 'train.csv', 1 << 20)) if (r.ok) pairs.push([r.row.data.text as string, r.row.data.category as string]);
  const items = await jsonl(p);
  assert.equal(items.length, pairs.length);
  items.forEach((it, i) => {
    assert.equal(it.annotation?.state, 'accepted');
    assert.deepEqual(it.annotation!.objects.map((o) => [o.kind, o.label]), [['text_class', pairs[i]![1]]], `item ${i}`);
    assert.equal(it.data.text, pairs[i]![0]);
    assert.ok(!('category' in it.metadata), `item ${i} has no category metadata`);
  });

  const { text, stats } = await drain(textExporter.exportTextTable(h.deps, h.admin, p));
  assert.deepEqual(stats, { rows: 10003, unlabeled: 0, multiLabel: 0, skipped: 0 });
  assert.ok(text.startsWith('text,category\n'));
  const back: Array<[string, string]> = [];
  for await (const r of readCsv(source(text), 'export.csv', 1 << 20)) if (r.ok) back.push([r.row.data.text as string, r.row.data.category as string]);
  assert.deepEqual(back, pairs);
  assert.ok(text === csv.replaceAll('\r\n', '\n'), 'quoted as the file was: equal but for its CRLF line ends');
});

test('a TSV with several labels a cell, as pre-labels: the classes are proposed; export as TSV with the imported names', async () => {
  const tsv = 'phrase\tprompt\tspeaker\nmy knee hurts\tKnee pain;Joint pain\t7\nI feel dizzy\tDizziness\t8\nhello\t\t9\n';
  const single = await textProject('one intent');
  await assert.rejects(
    textImporter.importLabeledTable(h.deps, h.admin, source(tsv), { projectId: single, file: 'intents.tsv', textColumn: 'phrase', labelColumn: 'prompt', multiLabel: ';', skipInvalid: false }),
    /intents\.tsv line 2: prompt: 2 classes \("Knee pain", "Joint pain"\) but the project takes one class per item \(turn on its multiLabel setting\)/,
  );
  const p = await textProject('intents', { multiLabel: true });
  const report = await textImporter.importLabeledTable(h.deps, h.admin, source(tsv), { projectId: p, file: 'intents.tsv', textColumn: 'phrase', labelColumn: 'prompt', multiLabel: ';', skipInvalid: false });
  assert.deepEqual([report.imported, report.predictions, report.addedClasses], [3, 2, ['Knee pain', 'Joint pain', 'Dizziness']]);
  const view = await dispenser.claimNextView(h.deps, h.admin, p);
  assert.equal(view!.item.text, 'my knee hurts');
  assert.deepEqual(view!.predictions.flatMap((x) => x.objects).map((o) => [(o as { kind: string }).kind, (o as { label: string }).label]), [['text_class', 'Knee pain'], ['text_class', 'Joint pain']]);
  // Nothing accepted yet: the export writes every text with an empty label; once accepted, the labels.
  assert.equal((await drain(textExporter.exportTextTable(h.deps, h.admin, p))).text, 'phrase\tprompt\nmy knee hurts\t\nI feel dizzy\t\nhello\t\n');
  const objects = view!.predictions.flatMap((x) => x.objects).map((o) => ({ ...(o as object), id: randomUUID(), origin: 'prediction_accepted' }));
  await submissions.submit(h.deps, h.admin, view!.task.id, randomUUID(), { schemaVersion: 1, objects });
  const { text, stats } = await drain(textExporter.exportTextTable(h.deps, h.admin, p));
  assert.equal(text, 'phrase\tprompt\nmy knee hurts\tKnee pain;Joint pain\nI feel dizzy\t\nhello\t\n');
  assert.deepEqual(stats, { rows: 3, unlabeled: 2, multiLabel: 1, skipped: 0 });
  const items = await jsonl(p);
  assert.deepEqual(items.map((i) => Object.keys(i.metadata).sort()), [['speaker', 'table'], ['speaker', 'table'], ['speaker', 'table']]);
  // Asked for CSV with other names.
  assert.equal((await drain(textExporter.exportTextTable(h.deps, h.admin, p, { delimiter: ',', textColumn: 'text', labelColumn: 'label', multiLabel: '|' }))).text.split('\n')[1], 'my knee hurts,Knee pain|Joint pain');
});
