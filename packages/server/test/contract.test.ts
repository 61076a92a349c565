// The server, its OpenAPI document and its clients share one contract (@cadre/contract): every
// registered route is a contract route, documented with its schemas, and the typed client drives
// a real server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { CONLL_LABELS, routes, UPLOAD_LIMIT, type RouteDef } from '@cadre/contract';
import { ApiError, createClient } from '@cadre/contract/client';
import { registeredRoutes } from '../src/http/app.ts';
import { UPLOAD_LIMIT as SERVER_UPLOAD_LIMIT } from '../src/media/index.ts';
import { CONLL_LABELS as SERVER_CONLL_LABELS } from '../src/text/index.ts';
import { harness, httpApp, signIn, box, payload, SUBMIT_IS_FINAL, type Harness } from './harness.ts';

let h: Harness;
let app: FastifyInstance;
before(async () => { h = await harness(); app = await httpApp(h); });
after(async () => { await app.close(); await h.close(); });

const contract: RouteDef[] = Object.values(routes);
const keyOf = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
const openApiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, '{$1}');
const names = (schema: unknown) => Object.keys((schema as { properties?: object } | undefined)?.properties ?? {}).sort();

test('every API route the server registers is a contract route, and every contract route is registered', () => {
  const served = registeredRoutes(app).filter((r) => r.url.startsWith('/api/') && !r.hidden).map(keyOf);
  const written = contract.map(keyOf);
  assert.deepEqual([...new Set(served)].sort(), [...written].sort());
  assert.equal(served.length, written.length, 'no route is registered twice');
});

test('the limits and choices the contract states are the ones the server enforces', () => {
  assert.equal(UPLOAD_LIMIT, SERVER_UPLOAD_LIMIT);
  assert.deepEqual([...CONLL_LABELS], [...SERVER_CONLL_LABELS]);
});

test('the OpenAPI document lists every contract route with its params, query, body and responses', async () => {
  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  for (const r of contract) {
    const op = doc.paths[openApiPath(r.url)]?.[r.method.toLowerCase()];
    assert.ok(op, `${keyOf(r)} is documented`);
    assert.equal(op.summary, r.schema.summary, keyOf(r));
    assert.deepEqual(op.tags, r.schema.tags, keyOf(r));
    const parameters = (op.parameters ?? []) as { in: string; name: string }[];
    assert.deepEqual(parameters.filter((p) => p.in === 'path').map((p) => p.name).sort(), names(r.schema.params), `${keyOf(r)} path params`);
    assert.deepEqual(parameters.filter((p) => p.in === 'query').map((p) => p.name).sort(), names(r.schema.querystring), `${keyOf(r)} query`);
    assert.equal(op.requestBody !== undefined, r.schema.body !== undefined, `${keyOf(r)} body`);
    for (const [code, schema] of Object.entries(r.schema.response ?? {})) {
      const documented = op.responses?.[code];
      assert.ok(documented, `${keyOf(r)} documents ${code}`);
      if (schema.type === 'object' && code < '300') {
        const content = documented.content['application/json'].schema;
        assert.deepEqual(names(content), names(schema), `${keyOf(r)} ${code} fields`);
      }
    }
  }
});

test('the typed client drives a real server: sign-in cookie, claim, draft, submit, and errors with their code', async () => {
  const projectId = await h.project('Typed client', SUBMIT_IS_FINAL);
  await h.importText(projectId, h.imageRows(2), 'jsonl');
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const { call } = createClient({ baseUrl, headers: { cookie: await signIn(app, 'admin@test.local', 'admin-password') } });

  assert.equal((await call('GET /api/auth/me')).email, 'admin@test.local');
  const project = await call('GET /api/projects/:projectId', { params: { projectId } });
  assert.equal(project.settings.stages.join(), 'annotate');
  const { task } = await call('POST /api/projects/:projectId/tasks/next', { params: { projectId }, query: { stage: 'annotate' } });
  assert.ok(task);
  await call('PUT /api/tasks/:taskId/draft', { params: { taskId: task.task.id }, body: { annotation: payload(box('a')) } });
  assert.deepEqual((await call('GET /api/tasks/:taskId', { params: { taskId: task.task.id } })).draft, payload(box('a')));
  const submitted = await call('POST /api/tasks/:taskId/submit', { params: { taskId: task.task.id }, body: { submissionId: crypto.randomUUID(), annotation: payload(box('a')) } });
  assert.equal(submitted.version, 1);
  const page = await call('GET /api/projects/:projectId/tasks', { params: { projectId }, query: { status: 'done' } });
  assert.deepEqual(page.tasks.map((t) => t.id), [task.task.id]);

  await assert.rejects(call('GET /api/projects/:projectId', { params: { projectId: crypto.randomUUID() } }),
    (e: unknown) => e instanceof ApiError && e.status === 404 && e.code === 'not_found');
  const anonymous = createClient({ baseUrl });
  await assert.rejects(anonymous.call('GET /api/projects'), (e: unknown) => e instanceof ApiError && e.status === 401 && e.code === 'unauthenticated');
  assert.equal(await call('POST /api/auth/logout'), undefined);
});
