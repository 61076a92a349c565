// The workflow over HTTP: verdicts with whole-item reasons, the queues' routes, and Dawid–Skene on
// a consensus project where one careful annotator is outvoted by two careless ones.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { annotations } from '@cadre/db';
import { buildApp, dispenser, projectService, submissions, type Actor } from '../src/index.ts';
import { harness, signIn, type Harness } from './harness.ts';
import { checks, crew, label } from './workflow-harness.ts';

let h: Harness;
let app: FastifyInstance;
let admin: string;
before(async () => {
  h = await harness();
  app = await buildApp(h.deps, { machineWorker: false });
  admin = await signIn(app, 'admin@test.local', 'admin-password');
});
after(async () => { await app.close(); await h.close(); });

test('a reviewer rejects over HTTP with a whole-item reason (objectId null) and the annotator sees it', async () => {
  const c = await crew(h, 'HTTP review', { stages: ['annotate', 'check', 'review'] });
  await label(h, c.projectId, c.annotator);
  await checks(h);
  const reviewer = await signIn(app, 'http-review-rev@test.local', 'user-password');
  const next = await app.inject({ method: 'POST', url: `/api/projects/${c.projectId}/tasks/next?stage=review`, headers: { cookie: reviewer } });
  assert.equal(next.statusCode, 200, next.body);
  const view = next.json().task;
  assert.equal(view.task.stage, 'review');
  assert.deepEqual(view.base.payload.objects.map((o: { id: string }) => o.id), ['car-1']);
  assert.ok(view.rejectReasons.some((r: { code: string }) => r.code === 'missed_object'));
  const verdict = await app.inject({
    method: 'POST', url: `/api/tasks/${view.task.id}/review`, headers: { cookie: reviewer },
    payload: { decisionId: randomUUID(), verdict: 'reject', reasons: [{ code: 'missed_object', objectId: null, note: 'the cyclist on the left' }] },
  });
  assert.equal(verdict.statusCode, 200, verdict.body);
  assert.deepEqual(verdict.json(), { verdict: 'reject', stage: 'annotate', replayed: false });
  const annotator = await signIn(app, 'http-review-ann@test.local', 'user-password');
  const returned = await app.inject({ method: 'GET', url: `/api/projects/${c.projectId}/returned`, headers: { cookie: annotator } });
  assert.equal(returned.json()[0].reasons[0].note, 'the cyclist on the left');
  assert.equal(returned.json()[0].reasons[0].objectId, null);
  const stages = await app.inject({ method: 'GET', url: `/api/projects/${c.projectId}/stages`, headers: { cookie: admin } });
  assert.deepEqual(stages.json().map((s: { stage: string; open: number }) => [s.stage, s.open]), [['annotate', 1]]);
  const quality = await app.inject({ method: 'GET', url: `/api/projects/${c.projectId}/quality`, headers: { cookie: admin } });
  assert.deepEqual(quality.json().reasons, [{ code: 'missed_object', label: 'Object missed', count: 1 }]);
  const refused = await app.inject({ method: 'GET', url: `/api/projects/${c.projectId}/quality`, headers: { cookie: annotator } });
  assert.equal(refused.statusCode, 403);
});

test('bad workflow settings are refused with what is wrong', async () => {
  const c = await crew(h, 'HTTP settings', {});
  const bad = await app.inject({ method: 'PATCH', url: `/api/projects/${c.projectId}`, headers: { cookie: admin }, payload: { settings: { stages: ['review', 'annotate'], qaThreshold: 1.5, checks: { minBoxSize: -1 } } } });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /settings\.stages.*must start with \\"annotate\\"/);
  assert.match(bad.body, /settings\.qaThreshold.*from 0 to 1/);
  assert.match(bad.body, /minBoxSize/);
});

const CLASSES = ['cough', 'fever', 'rash', 'headache'];

test('Dawid–Skene over a consensus project trusts the careful annotator more than majority vote does', async () => {
  const projectId = (await projectService.createProject(h.deps, h.admin, {
    name: 'Intents DS', ontology: { classes: CLASSES.map((name) => ({ name, kind: 'text_class' })) },
    settings: { stages: ['annotate', 'review'], reviewRate: 0, overlap: 3 },
  })).id;
  const n = 40;
  await h.importText(projectId, Array.from({ length: n }, (_, i) => `{"data":{"text":"phrase ${i}"}}\n`).join(''));
  const truth = (i: number) => CLASSES[i % 4]!;
  // Two careless annotators each slip now and then (one every third item, to the next class; one
  // every fifth, to the class after that); a careful one never does and labels last. Where both slip
  // the three labels differ and majority vote breaks the tie by who came first: a careless one.
  // Dawid–Skene has seen on every other item who is reliable.
  const shift = (t: string, k: number) => CLASSES[(CLASSES.indexOf(t) + k) % CLASSES.length]!;
  const people: [Actor, (t: string, i: number) => string][] = [
    [await h.user('ds-careless1@test.local'), (t, i) => (i % 3 === 0 ? shift(t, 1) : t)],
    [await h.user('ds-careless2@test.local'), (t, i) => (i % 5 === 0 ? shift(t, 2) : t)],
    [await h.user('ds-careful@test.local'), (t) => t],
  ];
  for (const [who] of people) await h.member(projectId, who, 'annotator');
  for (const [who, says] of people) {
    for (;;) {
      const view = await dispenser.claimNextView(h.deps, who, projectId);
      if (!view) break;
      const i = Number(view.item.text!.split(' ')[1]);
      await submissions.submit(h.deps, who, view.task.id, randomUUID(), { schemaVersion: 1, objects: [{ id: 'c', kind: 'text_class', label: says(truth(i), i), geometry: null, attributes: {} }] });
    }
  }
  const items = await h.deps.db.selectFrom('items').select(['id', 'content']).where('project_id', '=', projectId).execute();
  const correct = async () => {
    let k = 0;
    for (const it of items) {
      const a = (await annotations.latestAnnotation(h.deps.db, it.id))!;
      const label = (a.payload as { objects: { label: string }[] }).objects[0]!.label;
      if (label === truth(Number(it.content!.split(' ')[1]))) k++;
    }
    return k;
  };
  const majority = await correct();
  assert.equal(majority, n - 3, 'majority vote loses items 0, 15 and 30, where both careless ones slipped');
  // Items where all three agreed are accepted; the rest wait in review, so their merge may still change.
  const report = await app.inject({ method: 'POST', url: `/api/projects/${projectId}/consensus/dawid-skene`, headers: { cookie: admin }, payload: { apply: true } });
  assert.equal(report.statusCode, 200, report.body);
  const body = report.json() as { items: number; changed: number; annotators: { userId: string; accuracy: number }[] };
  assert.equal(body.items, n);
  assert.equal(body.changed, 3);
  assert.equal(await correct(), n, 'Dawid–Skene gets every item right');
  const careful = body.annotators.find((a) => a.userId === people[2]![0].userId)!;
  const careless = body.annotators.find((a) => a.userId === people[0]![0].userId)!;
  assert.ok(careful.accuracy > careless.accuracy, `careful ${careful.accuracy} should beat careless ${careless.accuracy}`);
});
