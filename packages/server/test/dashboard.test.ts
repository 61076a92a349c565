// The three dashboards' figures after a little real work, who may open which, the client's payload
// holding nothing of pay or people, and the live stream.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { closePeriod, writeRateCard } from '../src/services/pay/index.ts';
import { projectService } from '../src/index.ts';
import { events } from './sse.ts';
import { harness, httpApp, signIn, type Harness } from './harness.ts';
import { crew, decide, label, type Crew } from './workflow-harness.ts';

let h: Harness;
before(async () => { h = await harness(); });
after(async () => { await h.close(); });

const CARD = { currency: 'CNY', period: 'monthly', annotator: { perItem: 10 }, client: { perItem: 40 } };
const SETTINGS = { stages: ['annotate', 'review'], dailyCap: 10, breakAfterMinutes: 30, backlogAlertAbove: 1 };

/** Three items labelled, two accepted, one rejected (wrong class); two items not started. */
async function work(name: string, settings: Record<string, unknown> = SETTINGS): Promise<Crew & { client: { userId: string; isAdmin: boolean } }> {
  const c = await crew(h, name, settings, 5);
  await writeRateCard(h.deps.db, c.projectId, ['car', 'lane'], CARD, h.admin.userId, new Date(Date.now() - 60_000));
  for (let i = 0; i < 3; i++) await label(h, c.projectId, c.annotator);
  await decide(h, c.projectId, c.reviewer, 'review', 'accept');
  await decide(h, c.projectId, c.reviewer, 'review', 'reject', { reasons: [{ code: 'wrong_class', objectId: 'car-1' }] });
  await decide(h, c.projectId, c.reviewer, 'review', 'accept');
  const client = await h.user(`${name.toLowerCase().replaceAll(' ', '-')}-client@test.local`);
  await h.member(c.projectId, client, 'client');
  return { ...c, client };
}

const slug = (name: string) => name.toLowerCase().replaceAll(' ', '-');

test('the annotator sees today\'s count, pace, cap, earnings and the reasons of their rejections', async () => {
  const c = await work('Dash me');
  const app = await httpApp(h);
  try {
    const cookie = await signIn(app, `${slug('Dash me')}-ann@test.local`, 'user-password');
    const me = (await app.inject({ method: 'GET', url: `/api/projects/${c.projectId}/dashboard/me`, headers: { cookie } })).json();
    assert.equal(me.view, 'me');
    assert.deepEqual([me.today.taken, me.today.submitted, me.today.objects], [3, 3, 3]);
    assert.deepEqual([me.cap.cap, me.cap.taken, me.cap.left, me.cap.reached], [10, 3, 7, false]);
    assert.equal(me.break.breakAfterMinutes, 30);
    assert.equal(me.break.due, false);
    assert.deepEqual(me.earnings, { currency: 'CNY', pendingMinor: 0, settledMinor: 20, todaySettledMinor: 20 });
    assert.deepEqual([me.quality.accepted, me.quality.rejected, me.quality.rejectionRate], [2, 1, 0.333]);
    assert.deepEqual(me.quality.reasons.map((r: { code: string; count: number }) => [r.code, r.count]), [['wrong_class', 1]]);
    const views = (await app.inject({ method: 'GET', url: `/api/projects/${c.projectId}/dashboard`, headers: { cookie } })).json();
    assert.deepEqual(views.views, ['me']);
    const admin = await app.inject({ method: 'GET', url: `/api/projects/${c.projectId}/dashboard/admin`, headers: { cookie } });
    assert.equal(admin.statusCode, 403, 'an annotator does not see the admin dashboard');
  } finally { await app.close(); }
});

test('the admin sees throughput, backlog alerts, productivity, quality, forecast and money', async () => {
  const c = await work('Dash admin');
  const a = await (await import('../src/services/dashboard/index.ts')).dashboard(h.deps, h.admin, c.projectId, 'admin');
  assert.equal(a.view, 'admin');
  if (a.view !== 'admin') return;
  assert.equal(a.throughput.hours.length, 24);
  assert.deepEqual([a.throughput.submitted, a.throughput.accepted], [3, 2]);
  assert.deepEqual([a.throughput.hours.at(-1)!.submitted, a.throughput.hours.at(-1)!.accepted], [3, 2], 'this hour');
  const annotate = a.stages.find((s) => s.stage === 'annotate')!;
  assert.equal(annotate.open, 3, 'two new items and one returned');
  assert.deepEqual(a.alerts.map((x) => [x.stage, x.kind]), [['annotate', 'above'], ['review', 'drained']]);
  const person = a.people.find((p) => p.userId === c.annotator.userId)!;
  assert.deepEqual([person.items, person.objects, person.cap.taken], [3, 3, 3]);
  assert.ok(person.itemsPerMinute === null || person.itemsPerMinute > 0);
  const reviewer = a.people.find((p) => p.userId === c.reviewer.userId)!;
  assert.equal(reviewer.reviews, 3);
  assert.equal(a.quality.rejectionRate, 0.333);
  assert.deepEqual([a.forecast.remaining, a.forecast.acceptedPerHour], [3, 0.08]);
  assert.ok(a.forecast.completesAt && new Date(a.forecast.completesAt).getTime() > Date.now() + 30 * 3_600_000, '3 left at 2 a day: about 36 hours');
  assert.deepEqual([a.money.revenueMinor, a.money.labourMinor, a.money.marginMinor], [80, 20, 60]);
});

/** Every key anywhere in a JSON value. */
function keys(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const x of v) keys(x, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out.add(k); keys(x, out); }
  return out;
}

const CLIENT_KEYS = new Set([
  'view', 'at', 'project', 'id', 'name', 'progress', 'total', 'accepted', 'remaining', 'percent', 'acceptedPerHour', 'hour', 'stages', 'stage', 'queued',
  'forecast', 'completesAt', 'quality', 'rejectionRate', 'qaAccuracy', 'reasons', 'label', 'count', 'classes', 'objects', 'invoices', 'period',
  'currency', 'totalMinor', 'units', 'closedAt', 'people',
]);

test('the client sees progress, quality and invoices, and nothing of rates, labour or names', async () => {
  const c = await work('Dash client');
  const now = new Date();
  await closePeriod(h.deps.pool, c.projectId, now, h.admin.userId, new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 0, 0, 1)));
  const app = await httpApp(h);
  try {
    const cookie = await signIn(app, `${slug('Dash client')}-client@test.local`, 'user-password');
    const res = await app.inject({ method: 'GET', url: `/api/projects/${c.projectId}/dashboard/client`, headers: { cookie } });
    assert.equal(res.statusCode, 200);
    const d = res.json();
    assert.deepEqual(d.progress, { total: 5, accepted: 2, remaining: 3, percent: 40 });
    assert.equal(d.quality.rejectionRate, 0.333);
    assert.deepEqual(d.invoices.map((i: { currency: string; totalMinor: number; units: number }) => [i.currency, i.totalMinor, i.units]), [['CNY', 80, 2]]);
    assert.equal(d.people, null);
    const extra = [...keys(d)].filter((k) => !CLIENT_KEYS.has(k));
    assert.deepEqual(extra, [], 'only the client\'s fields');
    const people = await h.deps.db.selectFrom('users').select(['name', 'email']).where('id', 'in', [c.annotator.userId, c.reviewer.userId]).execute();
    for (const p of people) {
      assert.ok(!res.body.includes(p.name), `no name (${p.name})`);
      assert.ok(!res.body.includes(p.email), 'no e-mail');
    }
    assert.doesNotMatch(res.body, /labour|margin|revenue|perItem|earning|minorPer|userId/i);
    for (const view of ['me', 'admin']) {
      const refused = await app.inject({ method: 'GET', url: `/api/projects/${c.projectId}/dashboard/${view}`, headers: { cookie } });
      assert.equal(refused.statusCode, 403, `a client does not open ${view}`);
    }
    assert.deepEqual((await app.inject({ method: 'GET', url: `/api/projects/${c.projectId}/dashboard`, headers: { cookie } })).json().views, ['client']);

    await projectService.updateProject(h.deps, h.admin, c.projectId, { settings: { clientSeesNames: true } });
    const named = (await app.inject({ method: 'GET', url: `/api/projects/${c.projectId}/dashboard/client`, headers: { cookie } })).json();
    assert.deepEqual(named.people.map((p: { accepted: number }) => p.accepted), [2]);
  } finally { await app.close(); }
});


test('the stream sends a snapshot on connect and a new one after work is done', async () => {
  const c = await work('Dash live');
  const app = await httpApp(h);
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const cookie = await signIn(app, `${slug('Dash live')}-ann@test.local`, 'user-password');
    const ac = new AbortController();
    const res = await fetch(`${base}/api/projects/${c.projectId}/dashboard/me/stream`, { headers: { cookie }, signal: ac.signal });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/event-stream/);
    const next = events(res.body!);
    assert.equal((await next()).today.taken, 3);
    await label(h, c.projectId, c.annotator);
    const later = await next();
    // The next task was their returned one (rework goes first): submitted again, not a new item.
    assert.deepEqual([later.today.submitted, later.today.taken], [4, 3], 'the next snapshot counts the new submit');
    ac.abort();
    const refused = await fetch(`${base}/api/projects/${c.projectId}/dashboard/admin/stream`, { headers: { cookie } });
    assert.equal(refused.status, 403, 'the stream checks the role before it opens');
  } finally { await app.close(); }
});
