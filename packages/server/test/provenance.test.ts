// Who changed what, over HTTP: a machine box whose class a person changed is paid as edited
// whatever the client called it, and a reviewer's accept keeps the reviewer's screen as a version
// of their own (only where it differs), named in the item's version history.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { harness, httpApp, signIn, type Harness } from './harness.ts';

let h: Harness;
let app: FastifyInstance;
let admin: string;
before(async () => { h = await harness(); app = await httpApp(h); admin = await signIn(app, 'admin@test.local', 'admin-password'); });
after(async () => { await app.close(); await h.close(); });

const ontology = { classes: [{ name: 'car', kind: 'bbox2d' }, { name: 'truck', kind: 'bbox2d' }] };
const rect = (id: string, x: number, label: string) => ({
  id, type: 'rectanglelabels', from_name: 'label', to_name: 'image', original_width: 640, original_height: 480,
  value: { x, y: 10, width: 10, height: 10, rectanglelabels: [label] },
});
type Obj = { id: string; label: string; kind: string; geometry: Record<string, number>; attributes: Record<string, unknown>; origin?: string; predictionId?: string };

async function call(method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: unknown) {
  return app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
}

async function project(name: string, stages: string[]) {
  const created = await call('POST', '/api/projects', admin, { name, ontology, settings: { stages, reviewRate: 1 } });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  const row = { data: { image: '/images/1.jpg', width: 640, height: 480 }, predictions: [{ model_version: 'det-1', result: [rect('a', 10, 'car'), rect('b', 50, 'car')] }] };
  const imported = await app.inject({ method: 'POST', url: `/api/projects/${id}/import?file=rows.jsonl`, headers: { cookie: admin, 'content-type': 'application/x-ndjson' }, payload: `${JSON.stringify(row)}\n` });
  assert.equal(imported.statusCode, 200, imported.body);
  const slug = name.toLowerCase().replaceAll(' ', '-');
  for (const [who, role] of [['ann', 'annotator'], ['rev', 'reviewer']] as const) {
    await h.member(id, await h.user(`${slug}-${who}@test.local`), role);
  }
  return { id, ann: await signIn(app, `${slug}-ann@test.local`, 'user-password'), rev: await signIn(app, `${slug}-rev@test.local`, 'user-password'), slug };
}

/** The annotator takes both machine boxes as the old canvas did: both called "accepted", one with its class changed. */
async function submitTakenProposals(projectId: string, ann: string) {
  const view = (await call('POST', `/api/projects/${projectId}/tasks/next`, ann)).json().task;
  const proposals = view.predictions[0].objects as Obj[];
  assert.equal(proposals.length, 2);
  const objects = proposals.map((p, i) => ({ ...p, id: `mine-${i}`, origin: 'prediction_accepted', predictionId: p.id, label: i === 1 ? 'truck' : p.label }));
  const body = { submissionId: randomUUID(), annotation: { schemaVersion: 1, objects } };
  const res = await call('POST', `/api/tasks/${view.task.id}/submit`, ann, body);
  assert.equal(res.statusCode, 200, res.body);
  // The stored origins are the server's; a retry of the very same request is still the same submit.
  const retry = await call('POST', `/api/tasks/${view.task.id}/submit`, ann, body);
  assert.equal(retry.statusCode, 200, retry.body);
  assert.equal(retry.json().replayed, true);
  return { view, objects };
}

const exported = async (projectId: string) => (await call('GET', `/api/projects/${projectId}/export?onlyAnnotated=true`, admin)).body.trim().split('\n').map((l) => JSON.parse(l));

test('a machine box whose class was changed is stored and paid as edited, not accepted', async () => {
  const p = await project('Provenance pay', ['annotate']);
  const card = { currency: 'CNY', effectiveFrom: new Date(Date.now() - 60_000).toISOString(), annotator: { perObject: 100, originBps: { human: 10000, prediction_edited: 6000, prediction_accepted: 2500 } }, client: { perItem: 1000 } };
  const put = await call('PUT', `/api/projects/${p.id}/rate-card`, admin, card);
  assert.equal(put.statusCode, 200, put.body);

  await submitTakenProposals(p.id, p.ann);
  const [row] = await exported(p.id);
  assert.deepEqual(row.annotation.objects.map((o: Obj) => [o.label, o.origin]), [['car', 'prediction_accepted'], ['truck', 'prediction_edited']]);
  const money = (await call('GET', `/api/projects/${p.id}/money`, admin)).json();
  // The unchanged car earns 25% of 100, the class-changed box the edited 60%.
  assert.equal(money.labourMinor, 25 + 60);
});

test('a reviewer\'s accept with edits stores the reviewer\'s version; an unchanged accept stores none', async () => {
  const p = await project('Provenance review', ['annotate', 'review']);
  const { objects } = await submitTakenProposals(p.id, p.ann);
  const next = await call('POST', `/api/projects/${p.id}/tasks/next?stage=review`, p.rev);
  const view = next.json().task;
  const itemId = view.item.id as string;
  const moved = objects.map((o, i) => (i === 0 ? { ...o, geometry: { ...o.geometry, x: o.geometry.x! + 40 } } : o));
  const decision = { decisionId: randomUUID(), verdict: 'accept', annotation: { schemaVersion: 1, objects: moved } };
  const first = await call('POST', `/api/tasks/${view.task.id}/review`, p.rev, decision);
  assert.equal(first.statusCode, 200, first.body);
  const retry = await call('POST', `/api/tasks/${view.task.id}/review`, p.rev, decision);
  assert.equal(retry.json().replayed, true, 'a retried decision changes nothing');

  const versions = (await call('GET', `/api/items/${itemId}/annotations`, admin)).json() as { version: number; authorName: string; payload: { objects: Obj[] } }[];
  assert.deepEqual(versions.map((v) => [v.version, v.authorName]), [[1, `${p.slug}-ann`], [2, `${p.slug}-rev`]]);
  const [row] = await exported(p.id);
  assert.equal(row.annotation.objects[0].geometry.x, objects[0]!.geometry.x! + 40, 'the export carries the reviewer\'s move');
  assert.equal(row.annotation.objects[0].origin, 'prediction_edited', 'a moved machine box is edited');

  // The same screen as the annotator's work (within tolerance) is an accept, not a new version.
  const q = await project('Provenance same', ['annotate', 'review']);
  const taken = await submitTakenProposals(q.id, q.ann);
  const rv = (await call('POST', `/api/projects/${q.id}/tasks/next?stage=review`, q.rev)).json().task;
  const noisy = taken.objects.map((o) => ({ ...o, origin: o.label === 'truck' ? 'prediction_edited' : o.origin, geometry: { ...o.geometry, y: o.geometry.y! + 0.2 } }));
  const same = await call('POST', `/api/tasks/${rv.task.id}/review`, q.rev, { decisionId: randomUUID(), verdict: 'accept', annotation: { schemaVersion: 1, objects: noisy } });
  assert.equal(same.statusCode, 200, same.body);
  const kept = (await call('GET', `/api/items/${rv.item.id}/annotations`, admin)).json() as unknown[];
  assert.equal(kept.length, 1);
});
