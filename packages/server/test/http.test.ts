import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { harness, httpApp, signIn, box, payload, type Harness } from './harness.ts';

let h: Harness;
let app: FastifyInstance;
let admin: string;
before(async () => {
  h = await harness();
  app = await httpApp(h);
  admin = await signIn(app, 'admin@test.local', 'admin-password');
});
after(async () => { await app.close(); await h.close(); });

const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, cookie?: string, body?: unknown) =>
  app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(body === undefined ? {} : { payload: body as object }) });

test('health answers without signing in; the OpenAPI document lists the routes', async () => {
  const health = await call('GET', '/api/health');
  assert.equal(health.statusCode, 200);
  assert.deepEqual(health.json(), { status: 'ok', database: 'ok' });
  const doc = (await call('GET', '/api/openapi.json')).json();
  for (const path of ['/api/projects/{projectId}/tasks/next', '/api/tasks/{taskId}/submit', '/api/projects/{projectId}/import', '/api/auth/login']) {
    assert.ok(doc.paths[path], `${path} is documented`);
  }
  assert.equal((await call('GET', '/api/docs/')).statusCode, 200);
});

test('unauthenticated calls are refused with 401 and the error shape', async () => {
  for (const [method, url] of [['GET', '/api/projects'], ['POST', `/api/projects/${randomUUID()}/tasks/next`], ['GET', '/api/users'], ['GET', `/api/projects/${randomUUID()}/export`]] as const) {
    const res = await call(method, url);
    assert.equal(res.statusCode, 401, `${method} ${url}`);
    assert.equal(res.json().error.code, 'unauthenticated');
    assert.equal(typeof res.json().error.message, 'string');
  }
  const wrong = await call('POST', '/api/auth/login', undefined, { email: 'admin@test.local', password: 'nope' });
  assert.equal(wrong.statusCode, 401);
  const forged = await call('GET', '/api/projects', 'cadre_session=forged');
  assert.equal(forged.statusCode, 401);
});

test('an annotator sees only their projects and is refused another project\'s tasks', async () => {
  const mine = await h.project('Mine');
  const theirs = await h.project('Theirs');
  await h.importText(mine, h.imageRows(2));
  await h.importText(theirs, h.imageRows(2));
  const ann = await h.user('ann@test.local');
  await h.member(mine, ann, 'annotator');
  const cookie = await signIn(app, 'ann@test.local', 'user-password');

  const list = (await call('GET', '/api/projects', cookie)).json() as { name: string }[];
  assert.deepEqual(list.map((p) => p.name), ['Mine']);
  assert.equal((await call('GET', `/api/projects/${theirs}`, cookie)).statusCode, 404);
  assert.equal((await call('POST', `/api/projects/${theirs}/tasks/next`, cookie)).statusCode, 404);
  assert.equal((await call('GET', `/api/projects/${theirs}/tasks`, cookie)).statusCode, 404);
  assert.equal((await call('GET', `/api/projects/${theirs}/export`, cookie)).statusCode, 404);

  // Inside their own project an annotator works tasks but cannot manage or read others' work.
  assert.equal((await call('GET', `/api/projects/${mine}/tasks`, cookie)).statusCode, 403);
  assert.equal((await call('PATCH', `/api/projects/${mine}`, cookie, { name: 'x' })).statusCode, 403);
  const other = (await call('POST', `/api/projects/${theirs}/tasks/next`, admin)).json().task.task.id;
  assert.equal((await call('GET', `/api/tasks/${other}`, cookie)).statusCode, 404);
  assert.equal((await call('POST', `/api/tasks/${other}/submit`, cookie, { submissionId: randomUUID(), annotation: payload(box('a')) })).statusCode, 404);
});

test('the whole loop over HTTP: next, draft, submit twice, export', async () => {
  const projectId = await h.project('Loop');
  const imported = await app.inject({ method: 'POST', url: `/api/projects/${projectId}/import?file=batch.jsonl`, headers: { cookie: admin, 'content-type': 'application/x-ndjson' }, payload: h.imageRows(3) });
  assert.equal(imported.statusCode, 200, imported.body);
  assert.equal(imported.json().imported, 3);
  const ann = await h.user('loop@test.local');
  await h.member(projectId, ann, 'annotator');
  const cookie = await signIn(app, 'loop@test.local', 'user-password');

  const next = (await call('POST', `/api/projects/${projectId}/tasks/next`, cookie)).json().task;
  assert.equal(next.item.kind, 'image');
  const taskId = next.task.id;
  assert.equal((await call('PUT', `/api/tasks/${taskId}/draft`, cookie, { annotation: payload(box('d')) })).statusCode, 200);
  assert.deepEqual((await call('GET', `/api/tasks/${taskId}`, cookie)).json().draft, payload(box('d')));

  const body = { submissionId: randomUUID(), annotation: payload(box('a', 7)) };
  const first = await call('POST', `/api/tasks/${taskId}/submit`, cookie, body);
  const retry = await call('POST', `/api/tasks/${taskId}/submit`, cookie, body);
  assert.equal(first.statusCode, 200);
  assert.equal(retry.statusCode, 200);
  assert.equal(retry.json().annotationId, first.json().annotationId);
  assert.equal(retry.json().replayed, true);

  const exported = await call('GET', `/api/projects/${projectId}/export?onlyAnnotated=true`, admin);
  assert.equal(exported.statusCode, 200);
  const rows = exported.body.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(rows.length, 1);
  assert.equal(rows[0].annotation.objects[0].geometry.x, 7);
});

test('bad input gets a clear 4xx error, never a 500', async () => {
  const notUuid = await call('GET', '/api/projects/not-a-uuid', admin);
  assert.equal(notUuid.statusCode, 400);
  assert.match(notUuid.json().error.message, /projectId/);
  const badOntology = await call('POST', '/api/projects', admin, { name: 'Bad', ontology: { classes: [{ name: 'car', kind: 'hexagon' }] } });
  assert.equal(badOntology.statusCode, 422);
  assert.match(JSON.stringify(badOntology.json().error.details), /classes\[0\]\.kind/);
  const notJson = await app.inject({ method: 'POST', url: '/api/projects', headers: { cookie: admin, 'content-type': 'application/json' }, payload: '{"name": ' });
  assert.equal(notJson.statusCode, 400);
  assert.equal(notJson.json().error.code, 'bad_request');
  const projectId = await h.project('Bad input');
  const badImport = await app.inject({ method: 'POST', url: `/api/projects/${projectId}/import?file=rows.jsonl`, headers: { cookie: admin, 'content-type': 'application/x-ndjson' }, payload: '{"data":{"image":"a.jpg"}}\n{"data":{"image":"b.jpg"},"priority":1.5}\n' });
  assert.equal(badImport.statusCode, 422);
  assert.match(badImport.json().error.message, /rows\.jsonl line 2: priority/);
  const unknownFormat = await app.inject({ method: 'POST', url: `/api/projects/${projectId}/import?file=rows.bin`, headers: { cookie: admin, 'content-type': 'application/octet-stream' }, payload: 'abc' });
  assert.equal(unknownFormat.statusCode, 422);
  assert.match(unknownFormat.json().error.message, /cannot tell the format/);
  const noSubmissionId = await call('POST', `/api/tasks/${randomUUID()}/submit`, admin, { annotation: {} });
  assert.equal(noSubmissionId.statusCode, 400);
});

test('API tokens work as Bearer credentials and stop working when revoked', async () => {
  const created = (await call('POST', '/api/tokens', admin, { name: 'script' })).json();
  const res = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${created.token}` } });
  assert.equal(res.statusCode, 200);
  assert.equal(res.json().email, 'admin@test.local');
  assert.equal((await call('DELETE', `/api/tokens/${created.id}`, admin)).statusCode, 204);
  const after = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${created.token}` } });
  assert.equal(after.statusCode, 401);
});

test('logging out ends the session', async () => {
  const cookie = await signIn(app, 'admin@test.local', 'admin-password');
  assert.equal((await call('POST', '/api/auth/logout', cookie)).statusCode, 204);
  assert.equal((await call('GET', '/api/auth/me', cookie)).statusCode, 401);
});

test('my work counts what I submitted today and lists it, and only mine', async () => {
  const projectId = await h.project('My work');
  await h.importText(projectId, h.imageRows(3));
  const me = await h.user('worker-me@test.local');
  await h.member(projectId, me, 'annotator');
  const cookie = await signIn(app, 'worker-me@test.local', 'user-password');
  const next = (await call('POST', `/api/projects/${projectId}/tasks/next`, cookie)).json().task;
  await call('POST', `/api/tasks/${next.task.id}/submit`, cookie, { submissionId: randomUUID(), annotation: payload(box('a'), box('b', 50)) });
  await call('POST', `/api/projects/${projectId}/tasks/next`, cookie);
  const work = (await call('GET', '/api/me/work', cookie)).json();
  assert.equal(work.doneToday, 1);
  assert.deepEqual(work.byState, { accepted: 1 });
  assert.equal(work.held.length, 1);
  assert.deepEqual(work.recent.map((r: { projectName: string; objects: number }) => [r.projectName, r.objects]), [['My work', 2]]);
  const adminWork = (await call('GET', '/api/me/work', admin)).json();
  assert.ok(adminWork.recent.every((r: { projectName: string }) => r.projectName !== 'My work'));
});

test('the task table pages newest first as well as oldest first, each task once', async () => {
  const projectId = await h.project('Paging order');
  await h.importText(projectId, h.imageRows(5));
  const read = async (order: string) => {
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const res = (await call('GET', `/api/projects/${projectId}/tasks?limit=2&order=${order}${after ? `&after=${after}` : ''}`, admin)).json() as { tasks: { id: string }[]; next: string | null };
      ids.push(...res.tasks.map((t) => t.id));
      after = res.next;
    } while (after);
    return ids;
  };
  const oldest = await read('oldest');
  const newest = await read('newest');
  assert.equal(oldest.length, 5);
  assert.deepEqual(newest, [...oldest].reverse());
});
