// Issue 5, the server side of text: CoNLL/BIO import and export through the services and HTTP, on
// the real NCBI disease files, and code-point offsets through JSONL import and export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { dispenser, exporter, projectService, submissions, textExporter, textImporter } from '../src/index.ts';
import { needsSharedData, SHARED_DATA } from '../src/import/testing.ts';
import type { ConllLabels } from '../src/text/index.ts';
import { harness, type Harness, SUBMIT_IS_FINAL } from './harness.ts';

let h: Harness;
before(async () => { h = await harness(); });
after(async () => { await h.close(); });

const NCBI = (name: string) => readFile(new URL(`text/ncbi-disease/${name}`, SHARED_DATA), 'utf8');
const TEXT_ONTOLOGY = { classes: [{ name: 'relevant', kind: 'text_class', hotkey: 'r' }] };

async function textProject(name: string): Promise<string> {
  return (await projectService.createProject(h.deps, h.admin, { name, ontology: TEXT_ONTOLOGY, settings: SUBMIT_IS_FINAL })).id;
}
const conll = (projectId: string, body: string, labels: ConllLabels = 'as-predictions', skipInvalid = false) =>
  textImporter.importConll(h.deps, h.admin, Readable.from([Buffer.from(body)]), { projectId, file: 'ner.tsv', labels, skipInvalid });

async function exportConll(projectId: string) {
  const pieces = textExporter.exportConll(h.deps, h.admin, projectId);
  let text = '';
  for (let step = await pieces.next(); ; step = await pieces.next()) {
    if (step.done) return { text, stats: step.value };
    text += step.value;
  }
}

test('ncbi-disease train.tsv: import then export is byte-identical; Disease is added to the ontology', needsSharedData, async () => {
  const input = await NCBI('train.tsv');
  const projectId = await textProject('NCBI train');
  const report = await conll(projectId, input);
  const sentences = input.split('\n\n').length - 1;
  assert.deepEqual([report.imported, report.skipped, report.addedClasses], [sentences, 0, ['Disease']]);
  assert.ok(report.predictions > 2000 && report.predictions < sentences, `one prediction per sentence with entities, got ${report.predictions}`);
  const ontology = (await projectService.getProject(h.deps, h.admin, projectId)).ontology;
  assert.deepEqual(ontology.classes.map((c) => [c.name, c.kind]), [['relevant', 'text_class'], ['Disease', 'text_span']]);
  const { text, stats } = await exportConll(projectId);
  assert.equal(stats.sentences, sentences);
  assert.ok(text === input, 'the export equals train.tsv byte for byte');
});

test('ncbi-disease devel.tsv: an annotator adds one Disease span and accepts the next sentence as predicted; the export differs on that line only', needsSharedData, async () => {
  const input = await NCBI('devel.tsv');
  const projectId = await textProject('NCBI devel');
  await conll(projectId, input);
  const worker = await h.user('ner-annotator@test.local');
  await h.member(projectId, worker, 'annotator');

  const first = await dispenser.claimNextView(h.deps, worker, projectId);
  assert.equal(first!.item.text, 'BRCA1 is secreted and exhibits properties of a granin .');
  assert.deepEqual(first!.predictions, [], 'the first sentence has no Disease tag');
  const granin = first!.item.text!.indexOf('granin'); // ASCII: UTF-16 index = code point
  const added = { id: randomUUID(), label: 'Disease', kind: 'text_span', geometry: { start: granin, end: granin + 6 }, attributes: {}, origin: 'human' };
  await submissions.submit(h.deps, worker, first!.task.id, randomUUID(), { schemaVersion: 1, objects: [added] });

  const second = await dispenser.claimNextView(h.deps, worker, projectId);
  const proposed = second!.predictions.flatMap((p) => p.objects) as Array<{ id: string; label: string; kind: string; geometry: { start: number; end: number }; predictionId: string }>;
  assert.ok(proposed.length > 0 && proposed.every((o) => o.kind === 'text_span' && o.label === 'Disease'));
  const accepted = proposed.map((p) => ({ ...p, id: randomUUID(), origin: 'prediction_accepted', predictionId: p.predictionId }));
  await submissions.submit(h.deps, worker, second!.task.id, randomUUID(), { schemaVersion: 1, objects: accepted });

  const { text, stats } = await exportConll(projectId);
  const want = input.split('\n');
  const got = text.split('\n');
  assert.equal(got.length, want.length);
  const changed = want.flatMap((line, i) => (line === got[i] ? [] : [`${i + 1}: ${line} -> ${got[i]}`]));
  assert.deepEqual(changed, ['9: granin\tO -> granin\tB-Disease']);
  assert.equal(stats.misaligned, 0);
});

test('tags as annotations are accepted version 1 and export unchanged; ignored tags export as O; a class of another kind stops the import', async () => {
  const file = 'Familial\tB-Disease\ncancer\tI-Disease\nis\tO\nrare\tO\n\n-DOCSTART-\tO\n\nNo\tO\n\n';
  const a = await textProject('as annotations');
  const report = await conll(a, file, 'as-annotations');
  assert.deepEqual([report.imported, report.predictions, report.labels], [2, 0, 2]);
  assert.equal((await exportConll(a)).text, file);
  assert.equal(await dispenser.claimNextView(h.deps, h.admin, a), null, 'accepted labels finish their tasks');
  let jsonl = '';
  for await (const chunk of exporter.exportJsonl(h.deps, h.admin, a)) jsonl += chunk;
  const first = JSON.parse(jsonl.split('\n')[0]!) as { annotation: { state: string; version: number; objects: Array<{ geometry: unknown }> } };
  assert.deepEqual([first.annotation.state, first.annotation.version, first.annotation.objects[0]!.geometry], ['accepted', 1, { start: 0, end: 15 }]);

  const n = await textProject('ignored');
  assert.deepEqual([(await conll(n, file, 'ignore')).addedClasses], [undefined]);
  assert.equal((await exportConll(n)).text, file.replaceAll('B-Disease', 'O').replace('I-Disease', 'O'));

  const boxes = await h.project('boxes');
  await assert.rejects(conll(boxes, 'a\tB-car\n\n'), /ner\.tsv: its labels need a text_span class "car", but the ontology's "car" is bbox2d \(nothing was imported\)/);
});

test('malformed lines: the import stops naming file, line and field, or skips the sentence with skip-invalid', async () => {
  const p = await textProject('malformed');
  const bad = 'ok\tO\n\nno tab here\n\nx\tX-Disease\n\nfine\tB-Disease\n\n';
  await assert.rejects(conll(p, bad), /ner\.tsv line 3: token: no tab: expected "token<TAB>tag", got "no tab here" \(nothing was imported/);
  const report = await conll(p, bad, 'as-predictions', true);
  assert.deepEqual([report.imported, report.skipped], [2, 2]);
  assert.deepEqual(report.errors.map((e) => [e.line, e.field]), [[3, 'token'], [5, 'tag']]);
});

test('JSONL text with emoji, CJK and combining marks: UTF-16 pre-labels shown in code points, exported in code points with their text', async () => {
  const text = 'Kopfweh 🤕 頭痛 since Montag, nai\u0308ve 👍🏽';
  const u16 = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
  const cp = (s: string) => ({ start: [...text.slice(0, text.indexOf(s))].length, end: [...text.slice(0, text.indexOf(s))].length + [...s].length });
  const p = await textProject('unicode');
  await projectService.updateProject(h.deps, h.admin, p, { ontology: { classes: [...TEXT_ONTOLOGY.classes, { name: 'Symptom', kind: 'text_span' }] } });
  const result = [
    { id: 'a', type: 'labels', from_name: 'l', to_name: 't', value: { ...u16('頭痛'), text: '頭痛', labels: ['Symptom'] } },
    { id: 'b', type: 'labels', from_name: 'l', to_name: 't', value: { ...u16('🤕 頭痛'), labels: ['Symptom'] } },
    { id: 'c', type: 'choices', from_name: 'c', to_name: 't', value: { choices: ['relevant'] } },
  ];
  await h.importText(p, `${JSON.stringify({ data: { text }, predictions: [{ model_version: 'm', result }] })}\n`);
  const view = await dispenser.claimNextView(h.deps, h.admin, p);
  const objects = view!.predictions[0]!.objects as Array<{ kind: string; label: string; geometry: unknown }>;
  assert.deepEqual(objects.map((o) => [o.kind, o.label, o.geometry]), [['text_span', 'Symptom', cp('頭痛')], ['text_span', 'Symptom', cp('🤕 頭痛')], ['text_class', 'relevant', null]]);
  const spans = ['頭痛', 'nai\u0308ve', '👍🏽'].map((s) => ({ id: randomUUID(), label: 'Symptom', kind: 'text_span', geometry: cp(s), attributes: {} }));
  const overlapping = [spans[0], { ...spans[0], id: randomUUID(), geometry: cp('🤕 頭痛') }];
  await assert.rejects(submissions.submit(h.deps, h.admin, view!.task.id, randomUUID(), { schemaVersion: 1, objects: overlapping }), /text settings/);
  await submissions.submit(h.deps, h.admin, view!.task.id, randomUUID(), { schemaVersion: 1, objects: spans });

  let jsonl = '';
  for await (const chunk of exporter.exportJsonl(h.deps, h.admin, p)) jsonl += chunk;
  const row = JSON.parse(jsonl) as { data: { text: string }; annotation: { objects: Array<{ geometry: { start: number; end: number }; text: string }> } };
  assert.equal(row.data.text, text);
  assert.deepEqual(row.annotation.objects.map((o) => [o.geometry, o.text]), [[cp('頭痛'), '頭痛'], [cp('nai\u0308ve'), 'nai\u0308ve'], [cp('👍🏽'), '👍🏽']]);
  assert.deepEqual(cp('👍🏽'), { start: 34, end: 36 }, 'thumbs up + skin tone: 2 code points (4 UTF-16 units)');
  const { text: tsv, stats } = await exportConll(p);
  assert.equal(tsv, 'Kopfweh\tO\n🤕\tO\n頭痛\tB-Symptom\nsince\tO\nMontag,\tO\nnai\u0308ve\tB-Symptom\n👍🏽\tB-Symptom\n\n');
  assert.equal(stats.retokenized, 1);
});
