// Archive, restore and delete projects; remove items and tasks (issue 13, point 2). Managers only,
// confirmed, logged, and the ledger with the money read from it never changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { harness, httpApp, signIn, type Harness } from './harness.ts';
import { crew, decide, label } from './workflow-harness.ts';

let h: Harness;
let app: FastifyInstance;
let admin: string;
before(async () => { h = await harness(); app = await httpApp(h); admin = await signIn(app, 'admin@test.local', 'admin-password'); });
after(async () => { await app.close(); await h.close(); });

const call = (method: 'GET' | 'POST' | 'DELETE', url: string, cookie: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const ledgerRows = async (projectId: string) => Number((await h.deps.db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('project_id', '=', projectId).executeTakeFirstOrThrow()).n);

test('removing a paid item keeps its ledger entries and the money figures, says so first, and takes it out of the queues, the task list and the export', async () => {
  const c = await crew(h, 'Removal pay', { stages: ['annotate', 'review'], reviewRate: 1 }, 3);
  const ann = await signIn(app, 'removal-pay-ann@test.local', 'user-password');
  const url = `/api/projects/${c.projectId}`;
  const put = await app.inject({ method: 'PUT', url: `${url}/rate-card`, headers: { cookie: admin }, payload: { currency: 'CNY', effectiveFrom: new Date(Date.now() - 60_000).toISOString(), annotator: { perItem: 20, perObject: 30 }, review: { perItem: 5 }, client: { perItem: 100 } } });
  assert.equal(put.statusCode, 200, put.body);
  const { view } = await label(h, c.projectId, c.annotator);
  await decide(h, c.projectId, c.reviewer, 'review', 'accept');
  const itemId = view.task.itemId;
  const moneyBefore = (await call('GET', `${url}/money`, admin)).json();
  assert.equal(moneyBefore.labourMinor, 55);
  const entriesBefore = await ledgerRows(c.projectId);
  assert.ok(entriesBefore > 0);

  assert.equal((await call('GET', `/api/items/${itemId}/removal`, ann)).statusCode, 403);
  const preview = await call('GET', `/api/items/${itemId}/removal`, admin);
  assert.equal(preview.statusCode, 200, preview.body);
  assert.equal(preview.json().accepted, 1);
  assert.match(preview.json().message, /ledger entries name it \(labour 0\.55 CNY\): they stay in the ledger, and pay and billing figures do not change/);

  assert.equal((await call('DELETE', `/api/items/${itemId}`, ann)).statusCode, 403, 'an annotator may not remove items');
  const removed = await call('DELETE', `/api/items/${itemId}`, admin);
  assert.equal(removed.statusCode, 200, removed.body);
  assert.equal((await call('DELETE', `/api/items/${itemId}`, admin)).statusCode, 404, 'gone');

  assert.deepEqual((await call('GET', `${url}/money`, admin)).json(), moneyBefore, 'the money figures do not change');
  assert.equal(await ledgerRows(c.projectId), entriesBefore, 'the ledger keeps its entries');
  const tasks = (await call('GET', `${url}/tasks?limit=50`, admin)).json().tasks as Array<{ itemId: string }>;
  assert.equal(tasks.length, 2);
  assert.ok(tasks.every((t) => t.itemId !== itemId));
  const exported = (await call('GET', `${url}/export?which=latest`, admin)).body.trim().split('\n');
  assert.equal(exported.length, 2);
  assert.ok(!exported.some((l) => l.includes(itemId)));
  // The work is not lost: the removed rows are kept, and the log says who removed what.
  const kept = await h.deps.db.selectFrom('removals').select('snapshot').where('entity_id', '=', itemId).executeTakeFirstOrThrow();
  assert.equal((kept.snapshot as { annotations: unknown[] }).annotations.length, 1);
  const log = await h.deps.db.selectFrom('events').select(['actor_id', 'data']).where('entity', '=', 'item').where('entity_id', '=', itemId).where('action', '=', 'removed').execute();
  assert.equal(log.length, 1);
  assert.equal(log[0]!.actor_id, h.admin.userId);
});

test('a removed task leaves the queue, and the person who held it is told it is gone', async () => {
  const c = await crew(h, 'Removal task', { stages: ['annotate'] }, 2);
  const ann = await signIn(app, 'removal-task-ann@test.local', 'user-password');
  const first = (await call('POST', `/api/projects/${c.projectId}/tasks/next`, ann)).json().task;
  const preview = (await call('GET', `/api/tasks/${first.task.id}/removal`, admin)).json();
  assert.match(preview.message, /Someone is working on it now and will lose the lease/);
  assert.equal((await call('DELETE', `/api/tasks/${first.task.id}`, ann)).statusCode, 403);
  assert.equal((await call('DELETE', `/api/tasks/${first.task.id}`, admin)).statusCode, 200);
  const submit = await call('POST', `/api/tasks/${first.task.id}/submit`, ann, { submissionId: randomUUID(), annotation: { schemaVersion: 1, objects: [] } });
  assert.equal(submit.statusCode, 404);
  const next = (await call('POST', `/api/projects/${c.projectId}/tasks/next`, ann)).json().task;
  assert.notEqual(next.task.id, first.task.id);
  assert.equal((await call('POST', `/api/projects/${c.projectId}/tasks/next`, ann)).json().task, null, 'the removed task is not handed out again');
  const log = await h.deps.db.selectFrom('events').select('actor_id').where('entity', '=', 'task').where('entity_id', '=', first.task.id).where('action', '=', 'removed').execute();
  assert.deepEqual(log.map((e) => e.actor_id), [h.admin.userId]);
});

test('an archived project is hidden from its annotators and hands out no task until restored; deleting it needs its name typed back', async () => {
  const c = await crew(h, 'Archive me', { stages: ['annotate'] }, 2);
  const ann = await signIn(app, 'archive-me-ann@test.local', 'user-password');
  const url = `/api/projects/${c.projectId}`;
  const listed = async (cookie: string) => ((await call('GET', '/api/projects', cookie)).json() as Array<{ id: string; archivedAt?: string | null }>).find((p) => p.id === c.projectId);

  assert.equal((await call('POST', `${url}/archive`, ann)).statusCode, 403);
  const archived = await call('POST', `${url}/archive`, admin);
  assert.equal(archived.statusCode, 200, archived.body);
  assert.ok(archived.json().archivedAt);
  assert.equal(await listed(ann), undefined, 'hidden from the annotator');
  assert.ok((await listed(admin))?.archivedAt, 'the administrator still sees it, marked archived');
  const refused = await call('POST', `${url}/tasks/next`, ann);
  assert.equal(refused.statusCode, 409);
  assert.match(refused.json().error.message, /archived: no new tasks/);

  assert.equal((await call('POST', `${url}/restore`, admin)).statusCode, 200);
  assert.equal((await listed(ann))?.archivedAt, null);
  assert.ok((await call('POST', `${url}/tasks/next`, ann)).json().task, 'work goes on after restoring');

  const wrong = await call('DELETE', url, admin, { name: 'archive me' });
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.json().error.message, /^name: type the project's name, "Archive me", to delete it/);
  assert.equal((await call('DELETE', url, ann, { name: 'Archive me' })).statusCode, 403);
  assert.equal((await call('DELETE', url, admin, { name: 'Archive me' })).statusCode, 204);
  assert.equal((await call('GET', url, admin)).statusCode, 404);
  assert.equal((await call('GET', url, ann)).statusCode, 404);
  assert.equal(await listed(admin), undefined);
  const log = await h.deps.db.selectFrom('events').select(['action', 'actor_id']).where('entity', '=', 'project').where('entity_id', '=', c.projectId)
    .where('action', 'in', ['archived', 'restored', 'deleted']).orderBy('id').execute();
  assert.deepEqual(log.map((e) => e.action), ['archived', 'restored', 'deleted']);
  assert.ok(log.every((e) => e.actor_id === h.admin.userId));
});
