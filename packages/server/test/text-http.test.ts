// CoNLL over HTTP (?format=conll both ways) and the text settings the workspace reads from the project.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { buildApp, dispenser, projectService, submissions } from '../src/index.ts';
import { needsSharedData, SHARED_DATA } from '../src/import/testing.ts';
import { harness, signIn, type Harness, SUBMIT_IS_FINAL } from './harness.ts';

let h: Harness;
let app: FastifyInstance;
let cookie: string;
before(async () => {
  h = await harness();
  app = await buildApp(h.deps);
  cookie = await signIn(app, 'admin@test.local', 'admin-password');
});
after(async () => { await app.close(); await h.close(); });

const ontology = { classes: [{ name: 'relevant', kind: 'text_class' }] };

test('text settings: granularity, allowOverlap and multiLabel are part of the project, validated on change', async () => {
  const created = await app.inject({ method: 'POST', url: '/api/projects', headers: { cookie }, payload: { name: 'Spans', ontology, settings: { granularity: 'char' } } });
  assert.equal(created.statusCode, 201, created.body);
  const project = created.json() as { id: string; settings: Record<string, unknown> };
  assert.deepEqual([project.settings.granularity, project.settings.allowOverlap, project.settings.multiLabel], ['char', false, false]);
  const patched = await app.inject({ method: 'PATCH', url: `/api/projects/${project.id}`, headers: { cookie }, payload: { settings: { allowOverlap: true, multiLabel: true } } });
  const { granularity, allowOverlap, multiLabel } = patched.json().settings;
  assert.deepEqual({ granularity, allowOverlap, multiLabel }, { granularity: 'char', allowOverlap: true, multiLabel: true });
  const bad = await app.inject({ method: 'PATCH', url: `/api/projects/${project.id}`, headers: { cookie }, payload: { settings: { granularity: 'sentence' } } });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /settings\.granularity.*must be \\"token\\" or \\"char\\", got \\"sentence\\"/);
});

test('POST import?format=conll then GET export?format=conll gives devel.tsv back; a span off the tokens is counted in a header', needsSharedData, async () => {
  const input = await readFile(new URL('text/ncbi-disease/devel.tsv', SHARED_DATA), 'utf8');
  const projectId = (await projectService.createProject(h.deps, h.admin, { name: 'Devel over HTTP', ontology, settings: SUBMIT_IS_FINAL })).id;
  const imported = await app.inject({
    method: 'POST', url: `/api/projects/${projectId}/import?file=devel.tsv`, headers: { cookie, 'content-type': 'text/tab-separated-values' }, payload: input,
  });
  assert.equal(imported.statusCode, 200, imported.body);
  const report = imported.json() as { imported: number; addedClasses: string[] };
  assert.deepEqual([report.imported, report.addedClasses], [input.split('\n\n').length - 1, ['Disease']]);

  const exported = await app.inject({ method: 'GET', url: `/api/projects/${projectId}/export?format=conll`, headers: { cookie } });
  assert.equal(exported.statusCode, 200);
  assert.match(String(exported.headers['content-type']), /^text\/tab-separated-values/);
  assert.ok(exported.body === input, 'the export equals devel.tsv');
  assert.equal(exported.headers['x-cadre-export-warnings'], 'misaligned=0, overlapping=0, dropped=0, retokenized=0, skipped=0');

  // A character-precise span "ecreted" inside "secreted": the whole token is tagged, and the header says so.
  const view = (await dispenser.claimNextView(h.deps, h.admin, projectId))!;
  const at = view.item.text!.indexOf('secreted') + 1;
  await submissions.submit(h.deps, h.admin, view.task.id, randomUUID(), {
    schemaVersion: 1, objects: [{ id: randomUUID(), label: 'Disease', kind: 'text_span', geometry: { start: at, end: at + 7 }, attributes: {} }],
  });
  const again = await app.inject({ method: 'GET', url: `/api/projects/${projectId}/export?format=conll`, headers: { cookie } });
  assert.equal(again.headers['x-cadre-export-warnings'], 'misaligned=1, overlapping=0, dropped=0, retokenized=0, skipped=0');
  assert.equal(again.body.split('\n')[2], 'secreted\tB-Disease');

  const wrongLabels = await app.inject({ method: 'POST', url: `/api/projects/${projectId}/import?file=x.conll&conllLabels=maybe`, headers: { cookie }, payload: 'a\tO\n' });
  assert.equal(wrongLabels.statusCode, 400);
  assert.match(wrongLabels.body, /conllLabels/);
});

test('a span that cuts a Hangul syllable, a Devanagari conjunct or an emoji in two is refused with a 422 naming the end', async () => {
  const ner = { classes: [{ name: 'PER', kind: 'text_span' }] };
  const projectId = (await projectService.createProject(h.deps, h.admin, { name: 'Graphemes', ontology: ner, settings: { ...SUBMIT_IS_FINAL, granularity: 'char' } })).id;
  const text = 'ok \u1112\u1161\u11ab 👩‍💻 क्षि';
  await h.importText(projectId, `${JSON.stringify({ data: { text } })}\n`);
  const view = (await dispenser.claimNextView(h.deps, h.admin, projectId))!;
  const submit = (start: number, end: number) => app.inject({
    method: 'POST', url: `/api/tasks/${view.task.id}/submit`, headers: { cookie },
    payload: { submissionId: randomUUID(), annotation: { schemaVersion: 1, objects: [{ id: randomUUID(), label: 'PER', kind: 'text_span', geometry: { start, end }, attributes: {} }] } },
  });
  // Code points: o k ␠ ᄒ ᅡ ᆫ ␠ 👩 ZWJ 💻 ␠ क ् ष ि
  for (const [start, end, path, char] of [[3, 5, 'end', '\u1112\u1161\u11ab'], [8, 10, 'start', '👩‍💻'], [11, 13, 'end', 'क्षि']] as const) {
    const refused = await submit(start, end);
    assert.equal(refused.statusCode, 422, refused.body);
    assert.match(refused.body, new RegExp(`objects\\[0\\]\\.geometry\\.${path}`));
    assert.ok(refused.body.includes(`cuts the character \\"${char}\\" in two`), refused.body);
  }
  const whole = await submit(11, 15);
  assert.equal(whole.statusCode, 200, whole.body);
});
