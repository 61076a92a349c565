import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/index.ts';
import { harness, signIn, type Harness } from './harness.ts';

let h: Harness;
let app: FastifyInstance;
let cookie: string;
let projectId: string;
const logLines: string[] = [];
before(async () => {
  h = await harness();
  // Request logging is off (the default): only what must always be logged comes through.
  const logStream = new Writable({ write(chunk, _enc, done) { logLines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
  app = await buildApp(h.deps, { logger: false, logStream, machineWorker: false });
  cookie = await signIn(app, 'admin@test.local', 'admin-password');
  projectId = await h.project('Strings');
});
after(async () => { await app.close(); await h.close(); });

// JSON text, as a client sends it: such an object cannot even be serialised again in JavaScript.
const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const errorOf = (res: { statusCode: number; json(): { error: { code: string; message: string } } }) => ({ status: res.statusCode, ...res.json().error });

test('a NUL or a lone surrogate in the sign-in form is a 400 naming the field, not a server error', async () => {
  for (const [body, field] of [
    [{ email: 'admin\u0000@test.local', password: 'admin-password' }, 'body.email'],
    [{ email: 'admin@test.local', password: 'admin-\ud800password' }, 'body.password'],
    [{ email: '\udc00', password: 'x' }, 'body.email'],
  ] as const) {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: body });
    const e = errorOf(res);
    assert.equal(e.status, 400, res.body);
    assert.equal(e.code, 'bad_request');
    assert.ok(e.message.startsWith(`${field}: contains`), e.message);
  }
});

test('bad strings anywhere in a JSON body, keys included, and JSON nested thousands deep are 400s with the path', async () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ name: 'ok', ontology: { classes: [{ name: 'car\u0000', kind: 'bbox2d' }] } }, /^body\.ontology\.classes\.0\.name: contains a NUL/],
    [{ name: 'ok', ontology: { classes: [{ name: 'car', kind: 'bbox2d', attributes: [{ name: 'x', type: 'enum', options: ['\ud83d'] }] }] } }, /^body\.ontology\.classes\.0\.attributes\.0\.options\.0: contains a lone UTF-16 surrogate/],
    [{ name: 'ok', description: 'fine', ontology: { classes: [] }, settings: { 'bad\u0000key': 1 } }, /^body\.settings\."bad\\u0000key": has a key that contains a NUL/],
    [`{"name":"deep","ontology":${deep(5000)}}`, /^body\.ontology(\.a)+: nested more than 64 levels deep/],
  ];
  for (const [payload, message] of cases) {
    const json = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const res = await app.inject({ method: 'POST', url: '/api/projects', headers: { cookie, 'content-type': 'application/json' }, payload: json });
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.json().error.message, message);
  }
  const draft = await app.inject({ method: 'PUT', url: `/api/tasks/${crypto.randomUUID()}/draft`, headers: { cookie, 'content-type': 'application/json' }, payload: `{"payload":${deep(3000)}}` });
  assert.equal(draft.statusCode, 400, draft.body);
  assert.match(draft.json().error.message, /^body\.payload(\.a)+: nested more than 64 levels deep/);
});

test('a NUL in a query string is a 400 naming the parameter', async () => {
  const res = await app.inject({ method: 'POST', url: `/api/projects/${projectId}/import?file=rows%00.jsonl`, headers: { cookie, 'content-type': 'application/x-ndjson' }, payload: '{"data":{"image":"a.jpg"}}\n' });
  assert.equal(res.statusCode, 400, res.body);
  assert.match(res.json().error.message, /^querystring\.file: contains a NUL/);
});

test('import rows with a NUL or a lone surrogate are row errors naming line and field; with skipInvalid the rest go in', async () => {
  const jsonl = '{"data":{"image":"a.jpg"}}\n{"data":{"image":"b\\u0000.jpg"}}\n{"data":{"text":"half \\ud800 a face"}}\n{"data":{"image":"c.jpg"}}\n';
  const refused = await app.inject({ method: 'POST', url: `/api/projects/${projectId}/import?file=rows.jsonl`, headers: { cookie, 'content-type': 'application/x-ndjson' }, payload: jsonl });
  assert.equal(refused.statusCode, 422, refused.body);
  assert.match(refused.json().error.message, /rows\.jsonl line 2: data\.image: contains a NUL/);
  const skipped = await app.inject({ method: 'POST', url: `/api/projects/${projectId}/import?file=rows.jsonl&skipInvalid=true`, headers: { cookie, 'content-type': 'application/x-ndjson' }, payload: jsonl });
  assert.equal(skipped.statusCode, 200, skipped.body);
  const report = skipped.json();
  assert.equal(report.imported, 2);
  assert.deepEqual(report.errors.map((e: { line: number; field: string }) => [e.line, e.field]), [[2, 'data.image'], [3, 'data.text']]);

  const csv = 'image,caption\na.jpg,fine\nb.jpg,"bad\u0000caption"\n';
  const csvRes = await app.inject({ method: 'POST', url: `/api/projects/${projectId}/import?file=rows.csv&skipInvalid=true`, headers: { cookie, 'content-type': 'text/csv' }, payload: csv });
  assert.equal(csvRes.statusCode, 200, csvRes.body);
  assert.deepEqual(csvRes.json().errors.map((e: { line: number; field: string }) => [e.line, e.field]), [[3, 'data.caption']]);
  assert.equal(csvRes.json().imported, 1);
});

test('a NUL in a CoNLL token is refused naming line and field, not stored altered', async () => {
  const conll = 'Fever\tB-Disease\nand\tO\n\nco\u0000ugh\tB-Disease\n';
  const res = await app.inject({ method: 'POST', url: `/api/projects/${projectId}/import?file=x.conll`, headers: { cookie, 'content-type': 'text/tab-separated-values' }, payload: conll });
  assert.equal(res.statusCode, 422, res.body);
  assert.match(res.json().error.message, /x\.conll line 4: token: contains a NUL/);
});

test('a server error is logged as a JSON line with a request id, which the answer carries too, with request logging off', async () => {
  logLines.length = 0;
  await sql`ALTER TABLE projects RENAME TO projects_away`.execute(h.deps.db); // a real failure inside the server
  try {
    const res = await app.inject({ method: 'GET', url: '/api/projects', headers: { cookie } });
    assert.equal(res.statusCode, 500);
    const requestId = res.headers['x-request-id'];
    assert.match(String(requestId), /^[0-9a-f-]{36}$/);
    assert.equal(res.json().error.details.requestId, requestId);
    assert.match(res.json().error.message, new RegExp(`logged with request id ${requestId}`));
    const logged = logLines.map((l) => JSON.parse(l)).filter((l) => l.reqId === requestId);
    assert.equal(logged.length, 1, logLines.join('\n'));
    assert.equal(logged[0].level, 50);
    assert.equal(logged[0].url, '/api/projects');
    assert.match(logged[0].err.message, /projects/);
    assert.ok(logged[0].err.stack);
  } finally {
    await sql`ALTER TABLE projects_away RENAME TO projects`.execute(h.deps.db);
  }
  const ok = await app.inject({ method: 'GET', url: '/api/projects', headers: { cookie } });
  assert.equal(ok.statusCode, 200);
  assert.ok(ok.headers['x-request-id'], 'every answer names its request');
  assert.equal(logLines.length, 1, 'a request that went well is not logged while request logging is off');
});
