// The pay API over HTTP: managers run the books; a client sees invoices but never pay rates or
// statements; a person sees only their own statements; CSV comes as UTF-8 text/csv with a BOM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { harness, httpApp, signIn, type Harness } from './harness.ts';
import { crew, decide, label } from './workflow-harness.ts';

let h: Harness;
let app: FastifyInstance;
before(async () => { h = await harness(); app = await httpApp(h); });
after(async () => { await app.close(); await h.close(); });

test('rate cards, period close, statements, invoices and money over HTTP, by role', async () => {
  const c = await crew(h, 'Pay http', { stages: ['annotate', 'review'], reviewRate: 1 });
  const client = await h.user('pay-http-client@test.local');
  await h.member(c.projectId, client, 'client');
  const admin = await signIn(app, 'admin@test.local', 'admin-password');
  const ann = await signIn(app, 'pay-http-ann@test.local', 'user-password');
  const cli = await signIn(app, 'pay-http-client@test.local', 'user-password');
  const url = `/api/projects/${c.projectId}`;

  const bad = await app.inject({ method: 'PUT', url: `${url}/rate-card`, headers: { cookie: admin }, payload: { currency: 'CNY', annotator: { perObject: -3, objects: [{ class: 'bus', minor: 1 }] } } });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /must not be negative/);
  assert.match(bad.body, /no class \\"bus\\"/);
  const effectiveFrom = new Date(Date.now() - 60_000).toISOString();
  const put = await app.inject({ method: 'PUT', url: `${url}/rate-card`, headers: { cookie: admin }, payload: { currency: 'CNY', effectiveFrom, annotator: { perItem: 20, perObject: 30 }, review: { perItem: 5 }, client: { perItem: 100 } } });
  assert.equal(put.statusCode, 200, put.body);
  const other = await app.inject({ method: 'PUT', url: `${url}/rate-card`, headers: { cookie: admin }, payload: { currency: 'USD', client: {} } });
  assert.match(other.body, /keeps its books in CNY/);
  assert.equal((await app.inject({ method: 'GET', url: `${url}/rate-cards`, headers: { cookie: cli } })).statusCode, 403, 'a client never sees pay rates');
  assert.equal((await app.inject({ method: 'GET', url: `${url}/money`, headers: { cookie: cli } })).statusCode, 403);
  assert.equal((await app.inject({ method: 'GET', url: `${url}/statements`, headers: { cookie: cli } })).statusCode, 403);

  await label(h, c.projectId, c.annotator);
  await decide(h, c.projectId, c.reviewer, 'review', 'accept');
  const money = (await app.inject({ method: 'GET', url: `${url}/money`, headers: { cookie: admin } })).json();
  // Annotator 20 + one car 30, review 5: labour 55; the client pays 1.00.
  assert.deepEqual([money.revenueMinor, money.labourMinor, money.marginMinor], [100, 55, 45]);

  const running = await app.inject({ method: 'POST', url: `${url}/pay-periods/close`, headers: { cookie: admin }, payload: { at: new Date().toISOString() } });
  assert.equal(running.statusCode, 409, 'a running period does not close');
  const none = await app.inject({ method: 'POST', url: `${url}/pay-periods/close`, headers: { cookie: ann }, payload: {} });
  assert.equal(none.statusCode, 403);

  const inv = await app.inject({ method: 'GET', url: `${url}/invoices`, headers: { cookie: cli } });
  assert.equal(inv.statusCode, 200);
  assert.deepEqual(inv.json(), []);
  const mine = await app.inject({ method: 'GET', url: `${url}/statements`, headers: { cookie: ann } });
  assert.equal(mine.statusCode, 200);
});
