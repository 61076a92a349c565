// The audit log: every privileged route of the contract is logged or deliberately not (a new route
// without a decision fails here), and what administrators read back names who did what, where, with
// what — never a password — and nothing for a refused request.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { routes, type AuditEntry } from '@cadre/contract';
import { projectService } from '../src/index.ts';
import { AUDITED, NOT_AUDITED_WRITES } from '../src/http/audit.ts';
import { harness, ontology, signIn, type Harness } from './harness.ts';

let h: Harness;
let app: FastifyInstance;
let admin: string;
before(async () => {
  h = await harness();
  const { buildApp } = await import('../src/index.ts');
  app = await buildApp(h.deps);
  admin = await signIn(app, 'admin@test.local', 'admin-password');
});
after(async () => { await app.close(); await h.close(); });

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, cookie: string, payload?: unknown) =>
  app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });

test('every route that changes something is audited or deliberately not: a new one needs a decision', () => {
  const table = routes as Record<string, { method: string; url: string }>;
  const undecided = Object.entries(table).filter(([k, r]) => r.method !== 'GET' && !(k in AUDITED) && !NOT_AUDITED_WRITES.has(k as never)).map(([k]) => k);
  assert.deepEqual(undecided, [], 'routes that write with no audit decision');
  const unknown = [...Object.keys(AUDITED), ...NOT_AUDITED_WRITES].filter((k) => !(k in table));
  assert.deepEqual(unknown, [], 'decisions about routes that do not exist');
  for (const k of ['exportProject', 'statementCsv', 'invoiceCsv', 'auditCsv'] as const) assert.ok(AUDITED[k], `${k}: exports are privileged`);
});

test('administrators read who changed roles, rates and pay, exported or deleted what; never a password; refused requests leave no entry', async () => {
  const projectId = (await projectService.createProject(h.deps, h.admin, { name: 'Audited', ontology })).id;
  await h.importText(projectId, '{"data":{"image":"a.jpg"}}\n{"data":{"image":"b.jpg"}}\n');
  const manager = await h.user('boss@test.local');
  await h.member(projectId, manager, 'manager');
  const boss = await signIn(app, 'boss@test.local', 'user-password');
  const person = await h.user('ann@test.local');

  assert.equal((await call('PUT', `/api/projects/${projectId}/members`, boss, { userId: person.userId, role: 'annotator' })).statusCode, 204);
  const card = { currency: 'CNY', annotator: { perItem: 10, perObject: 20 }, review: { perItem: 4 }, client: { perItem: 40 } };
  assert.equal((await call('PUT', `/api/projects/${projectId}/rate-card`, boss, card)).statusCode, 200);
  assert.equal((await call('PUT', `/api/projects/${projectId}/rate-card`, boss, { currency: 'nope' })).statusCode, 422, 'a refused change');
  assert.equal((await call('PUT', `/api/users/${person.userId}/password`, admin, { password: 'a brand new secret' })).statusCode, 204);
  assert.equal((await call('GET', `/api/projects/${projectId}/export?format=jsonl`, boss)).statusCode, 200);
  const item = (await h.deps.db.selectFrom('items').select('id').where('project_id', '=', projectId).executeTakeFirstOrThrow()).id;
  assert.equal((await call('DELETE', `/api/items/${item}`, boss)).statusCode, 200);

  // An upload's body is a stream: the import is logged by its query, and answers as usual.
  const upload = await app.inject({ method: 'POST', url: `/api/projects/${projectId}/import?file=more.jsonl`, headers: { cookie: boss, 'content-type': 'application/x-ndjson' }, payload: '{"data":{"image":"c.jpg"}}\n' });
  assert.equal(upload.statusCode, 200, upload.body);
  assert.equal((await call('GET', '/api/audit', boss)).statusCode, 403, 'a manager does not read the audit log');
  const page = await call('GET', `/api/audit?projectId=${projectId}`, admin);
  assert.equal(page.statusCode, 200, page.body);
  const entries = (page.json() as { entries: AuditEntry[] }).entries;
  assert.deepEqual(entries.map((e) => e.action), ['import.file', 'delete.item', 'export.labels', 'pay.rate_card', 'role.set'], 'newest first; the refused rate card is not there');
  assert.equal((entries[0]!.detail as { query: { file: string } }).query.file, 'more.jsonl');
  const role = entries.find((e) => e.action === 'role.set')!;
  assert.equal(role.actorEmail, 'boss@test.local');
  assert.deepEqual((role.detail as { body: unknown }).body, { userId: person.userId, role: 'annotator' });
  assert.deepEqual((entries.find((e) => e.action === 'export.labels')!.detail as { query: { format: string } }).query.format, 'jsonl');

  const all = (await call('GET', '/api/audit?action=user', admin)).json() as { entries: AuditEntry[] };
  const reset = all.entries.find((e) => e.action === 'user.set_password')!;
  assert.ok(reset, 'the password reset is logged');
  assert.ok(!JSON.stringify(reset).includes('brand new secret'), 'but not the password');

  const csv = await call('GET', `/api/audit/csv?projectId=${projectId}`, admin);
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /^text\/csv/);
  const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0], 'id,at,actor_email,actor_id,action,project_id,method,path,status,detail');
  assert.equal(lines.length, 6);
  const after = (await call('GET', '/api/audit?action=export', admin)).json() as { entries: AuditEntry[] };
  assert.ok(after.entries.some((e) => e.action === 'export.audit'), 'reading the log out is itself logged');
  // Paging: one at a time, each page older than the last.
  const first = (await call('GET', `/api/audit?projectId=${projectId}&limit=1`, admin)).json() as { entries: AuditEntry[]; next: string };
  const second = (await call('GET', `/api/audit?projectId=${projectId}&limit=1&before=${first.next}`, admin)).json() as { entries: AuditEntry[] };
  assert.deepEqual([first.entries[0]!.action, second.entries[0]!.action], ['import.file', 'delete.item']);
});
