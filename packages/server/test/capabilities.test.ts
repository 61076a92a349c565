// What the web app shows a person comes from /capabilities; this holds it to what the server lets
// that person do, route by route, for every role (the stage queues by the tasks one holds there,
// which the same role lists gate as leasing).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { harness, httpApp, signIn, ontology, type Harness } from './harness.ts';

let h: Harness;
let app: FastifyInstance;
before(async () => { h = await harness(); app = await httpApp(h); });
after(async () => { await app.close(); await h.close(); });

const ROUTES: Record<string, (p: string) => ['GET', string]> = {
  annotate: (p) => ['GET', `/api/projects/${p}/tasks/mine?stage=annotate`],
  review: (p) => ['GET', `/api/projects/${p}/tasks/mine?stage=review`],
  qa: (p) => ['GET', `/api/projects/${p}/tasks/mine?stage=qa`],
  returned: (p) => ['GET', `/api/projects/${p}/returned`],
  manage: (p) => ['GET', `/api/projects/${p}/rate-cards`],
  export: (p) => ['GET', `/api/projects/${p}/export`],
  viewMembers: (p) => ['GET', `/api/projects/${p}/members`],
  viewTasks: (p) => ['GET', `/api/projects/${p}/tasks`],
  viewBacklog: (p) => ['GET', `/api/projects/${p}/stages`],
  viewBatches: (p) => ['GET', `/api/projects/${p}/batches`],
  viewQuality: (p) => ['GET', `/api/projects/${p}/quality`],
  viewDashboard: (p) => ['GET', `/api/projects/${p}/dashboard`],
};

test('each role\'s capabilities are exactly what the server then allows it', async () => {
  const projectId = await h.project('Capabilities', { stages: ['annotate', 'review', 'qa'] });
  const seen = new Set<string>();
  for (const role of ['manager', 'reviewer', 'annotator', 'client'] as const) {
    const actor = await h.user(`${role}@caps.test`);
    await h.member(projectId, actor, role);
    const cookie = await signIn(app, `${role}@caps.test`, 'user-password');
    const res = await app.inject({ method: 'GET', url: `/api/projects/${projectId}/capabilities`, headers: { cookie } });
    assert.equal(res.statusCode, 200, res.body);
    const { roles, can } = res.json() as { roles: string[]; can: Record<string, boolean> };
    assert.deepEqual(roles, [role]);
    assert.deepEqual(Object.keys(can).sort(), Object.keys(ROUTES).sort(), 'every capability is checked against a route');
    for (const [capability, route] of Object.entries(ROUTES)) {
      const [method, url] = route(projectId);
      const status = (await app.inject({ method, url, headers: { cookie } })).statusCode;
      assert.equal(status !== 403, can[capability], `${role}: ${capability} is ${can[capability]} but ${method} ${url} answered ${status}`);
      if (can[capability]) seen.add(capability);
    }
    const mine = (await app.inject({ method: 'GET', url: '/api/me/capabilities', headers: { cookie } })).json();
    const create = await app.inject({ method: 'POST', url: '/api/projects', headers: { cookie }, payload: { name: `By ${role}`, ontology } });
    assert.equal(create.statusCode === 201, mine.createProjects, `${role}: createProjects is ${mine.createProjects} but creating answered ${create.statusCode}`);
    assert.equal(mine.admin, false);
  }
  assert.equal(seen.size, Object.keys(ROUTES).length, 'some role may do each thing');
});

test('an outsider gets no capabilities in a project, only "not found"', async () => {
  const projectId = await h.project('Closed');
  await h.user('outsider@caps.test');
  const cookie = await signIn(app, 'outsider@caps.test', 'user-password');
  assert.equal((await app.inject({ method: 'GET', url: `/api/projects/${projectId}/capabilities`, headers: { cookie } })).statusCode, 404);
  const admin = await signIn(app, 'admin@test.local', 'admin-password');
  const all = (await app.inject({ method: 'GET', url: `/api/projects/${projectId}/capabilities`, headers: { cookie: admin } })).json();
  assert.ok(Object.values(all.can).every(Boolean), 'an administrator may do everything');
  assert.deepEqual((await app.inject({ method: 'GET', url: '/api/me/capabilities', headers: { cookie: admin } })).json(), { admin: true, createProjects: true });
});
