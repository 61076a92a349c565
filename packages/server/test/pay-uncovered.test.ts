// Work accepted while a project had no rate card: the admin dashboard warns that it is unpaid, and
// setting a card pays it, once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { harness, httpApp, signIn, type Harness } from './harness.ts';
import { crew, decide, label } from './workflow-harness.ts';

let h: Harness;
let app: FastifyInstance;
before(async () => { h = await harness(); app = await httpApp(h); });
after(async () => { await app.close(); await h.close(); });

test('acceptances made before any rate card are flagged unpaid, then paid once when a card is set', async () => {
  const c = await crew(h, 'Pay uncovered', { stages: ['annotate', 'review'], reviewRate: 1 }, 2);
  const admin = await signIn(app, 'admin@test.local', 'admin-password');
  const ann = await signIn(app, 'pay-uncovered-ann@test.local', 'user-password');
  const url = `/api/projects/${c.projectId}`;
  for (let i = 0; i < 2; i++) {
    await label(h, c.projectId, c.annotator);
    await decide(h, c.projectId, c.reviewer, 'review', 'accept');
  }
  const dashboard = async () => (await app.inject({ method: 'GET', url: `${url}/dashboard/admin`, headers: { cookie: admin } })).json();
  const settled = async () => (await app.inject({ method: 'GET', url: `${url}/dashboard/me`, headers: { cookie: ann } })).json().earnings.settledMinor;

  const before = await dashboard();
  assert.equal(before.money.unpaidAcceptedItems, 2, 'both accepted items are flagged as unpaid');
  assert.equal(await settled(), 0, 'nothing is paid without a card');

  const card = { currency: 'CNY', annotator: { perItem: 20, perObject: 30 }, review: { perItem: 5 }, client: { perItem: 100 } };
  const put = await app.inject({ method: 'PUT', url: `${url}/rate-card`, headers: { cookie: admin }, payload: card });
  assert.equal(put.statusCode, 200, put.body);
  const after = await dashboard();
  assert.equal(after.money.unpaidAcceptedItems, 0, 'the warning is gone once the card covers the work');
  // Per item: the annotator 20 + one car 30, review 5; the client 100.
  assert.equal(await settled(), 2 * 50);
  assert.deepEqual([after.money.revenueMinor, after.money.labourMinor], [200, 110]);

  const again = await app.inject({ method: 'PUT', url: `${url}/rate-card`, headers: { cookie: admin }, payload: { ...card, annotator: { perItem: 999 } } });
  assert.equal(again.statusCode, 200, again.body);
  assert.equal(await settled(), 2 * 50, 'a second card pays nothing twice');
  assert.deepEqual([(await dashboard()).money.revenueMinor, (await dashboard()).money.unpaidAcceptedItems], [200, 0]);

  // Work accepted under a card is settled at acceptance, as before, and never flagged.
  await h.importText(c.projectId, '{"data":{"image":"/images/9.jpg","width":640,"height":480}}\n');
  await label(h, c.projectId, c.annotator);
  await decide(h, c.projectId, c.reviewer, 'review', 'accept');
  assert.equal((await dashboard()).money.unpaidAcceptedItems, 0);
  assert.equal(await settled(), 2 * 50 + 999 + 0, 'the new card pays the annotator 9.99 an item, no per-object price');
});
