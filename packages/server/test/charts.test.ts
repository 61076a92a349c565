// The manager's charts after a little real work by a careful and a careless annotator: throughput
// by stage, the backlog sampled once per ten minutes whatever the number of processes, people
// beside the median, classes, money per period; managers only; a bad window is a 400.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeRateCard } from '../src/services/pay/index.ts';
import { projectCharts, sampleBacklogs } from '../src/services/charts/index.ts';
import { confusionOf } from '../src/services/charts/classes.ts';
import { harness, httpApp, signIn, type Harness } from './harness.ts';
import { crew, decide, label, type Crew } from './workflow-harness.ts';

let h: Harness;
before(async () => { h = await harness(); });
after(async () => { await h.close(); });

const CARD = { currency: 'EUR', period: 'monthly', annotator: { perItem: 10 }, client: { perItem: 40 } };

/** Three items labelled well (all accepted), three by the second annotator (two rejected); one item not started. */
async function day(name: string, settings: Record<string, unknown> = {}): Promise<Crew> {
  const c = await crew(h, name, { stages: ['annotate', 'review'], backlogAlertAbove: 2, ...settings }, 7);
  await writeRateCard(h.deps.db, c.projectId, ['car', 'lane'], CARD, h.admin.userId, new Date(Date.now() - 60_000));
  for (let i = 0; i < 3; i++) await label(h, c.projectId, c.annotator);
  for (let i = 0; i < 3; i++) await decide(h, c.projectId, c.reviewer, 'review', 'accept');
  for (let i = 0; i < 3; i++) await label(h, c.projectId, c.second);
  await decide(h, c.projectId, c.reviewer, 'review', 'reject', { reasons: [{ code: 'wrong_class', objectId: 'car-1' }] });
  await decide(h, c.projectId, c.reviewer, 'review', 'reject', { reasons: [{ code: 'wrong_class', objectId: 'car-1' }] });
  await decide(h, c.projectId, c.reviewer, 'review', 'accept');
  return c;
}

test('throughput by stage this hour: six submits, six review decisions, four accepted, two rejected', async () => {
  const c = await day('Charts throughput');
  const d = await projectCharts(h.deps, h.admin, c.projectId);
  assert.equal(d.days, 1);
  assert.equal(d.throughput.hours.length, 24);
  const at = (name: string) => d.throughput.stages.find((s) => s.stage === name)!.done;
  assert.deepEqual(d.throughput.stages.map((s) => s.stage), ['annotate', 'review']);
  assert.equal(at('annotate').at(-1), 6);
  assert.equal(at('review').at(-1), 6);
  assert.equal(d.throughput.accepted.at(-1), 4);
  assert.equal(d.throughput.rejected.at(-1), 2);
  assert.equal(at('annotate').slice(0, -1).reduce((a, b) => a + b, 0), 0, 'nothing in the earlier hours');
  const week = await projectCharts(h.deps, h.admin, c.projectId, { days: 7 });
  assert.equal(week.throughput.hours.length, 7 * 24);
  assert.ok(week.people.days.length >= 7 && week.people.days.length <= 8);
});

test('the careless annotator stands out beside the team median', async () => {
  const c = await day('Charts people');
  const { people } = await projectCharts(h.deps, h.admin, c.projectId);
  const careful = people.rows.find((r) => r.userId === c.annotator.userId)!;
  const careless = people.rows.find((r) => r.userId === c.second.userId)!;
  assert.deepEqual([careful.items, careful.decided, careful.rejected, careful.rejectionRate], [3, 3, 0, 0]);
  assert.deepEqual([careless.items, careless.decided, careless.rejected, careless.rejectionRate], [3, 3, 2, 0.667]);
  assert.equal(people.median.rejectionRate, 0.333, 'the median of 0 and 0.667');
  const today = people.days.length - 1;
  assert.equal(people.series.find((s) => s.userId === c.second.userId)!.rejectionRate[today], 0.667);
  assert.equal(people.medianSeries.rejectionRate[today], 0.333);
  assert.ok(careful.objects >= 3 && careless.objects >= 3);
});

test('the backlog is sampled once per ten minutes, however many processes ask, and ends with now', async () => {
  const c = await day('Charts backlog', { deadline: '2020-01-31T18:00:00Z', backlogAlertByStage: { review: 5 } });
  const first = await sampleBacklogs(h.deps);
  const again = await Promise.all([sampleBacklogs(h.deps), sampleBacklogs(h.deps)]);
  assert.ok(first > 0 || again.some((n) => n > 0) || (await projectCharts(h.deps, h.admin, c.projectId)).backlog.stages[0]!.points.length > 1, 'the slot is written');
  assert.deepEqual(again, [0, 0], 'a slot already written is not written again');
  const { backlog } = await projectCharts(h.deps, h.admin, c.projectId);
  const annotate = backlog.stages.find((s) => s.stage === 'annotate')!;
  assert.equal(annotate.level, 2, 'the alert level is the project\'s backlogAlertAbove');
  assert.equal(annotate.points.at(-1)!.queued, 3, 'now: one not started and two returned');
  assert.ok(annotate.points.length >= 2, 'a sample before now');
  assert.equal(backlog.forecast.remaining, 3);
  assert.equal(backlog.stages.find((s) => s.stage === 'review')!.level, 5, 'a stage\'s own red line');
  assert.equal(backlog.deadline, '2020-01-31T18:00:00.000Z');
  assert.equal(backlog.forecast.pastDeadline, true, 'four accepted today: done in about a day, long after the deadline');
});

test('money per pay period and cost per accepted item by method', async () => {
  const c = await day('Charts money');
  const { money } = await projectCharts(h.deps, h.admin, c.projectId);
  assert.equal(money.currency, 'EUR');
  assert.equal(money.periods.length, 1);
  assert.deepEqual(money.periods[0], { period: 'open (not yet closed)', revenueMinor: 160, labourMinor: 40, machineMinor: 0, marginMinor: 120 });
  const manual = money.costPerItem.find((m) => m.method === 'manual')!;
  assert.equal(manual.items.at(-1), 4);
  assert.equal(manual.perItemMinor.at(-1), 10);
});

test('rejection by class, and the confusion between classes from consensus votes', () => {
  const vote = (label: string) => ({ objects: [{ id: 'c', kind: 'text_class', label, geometry: null, attributes: {} }] });
  const m = confusionOf([
    { method: 'majority', merged: vote('sports'), given: vote('sports') },
    { method: 'majority', merged: vote('sports'), given: vote('politics') },
    { method: 'majority', merged: vote('politics'), given: vote('politics') },
    { method: 'majority', merged: vote('politics'), given: { objects: [] } },
  ])!;
  assert.deepEqual(m.classes, ['politics', 'sports']);
  assert.deepEqual(m.counts, [[1, 0], [1, 1]], 'rows merged, columns given; a vote without a class is left out');
  assert.equal(confusionOf([]), null);
});

test('only managers read the charts, and a bad window is a 400 that names it', async () => {
  const c = await day('Charts access');
  const app = await httpApp(h);
  try {
    const annotator = await signIn(app, 'charts-access-ann@test.local', 'user-password');
    const denied = await app.inject({ method: 'GET', url: `/api/projects/${c.projectId}/charts`, headers: { cookie: annotator } });
    assert.equal(denied.statusCode, 403);
    const admin = await signIn(app, 'admin@test.local', 'admin-password');
    const ok = await app.inject({ method: 'GET', url: `/api/projects/${c.projectId}/charts?days=7`, headers: { cookie: admin } });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().days, 7);
    assert.equal(ok.json().classes.rejection[0].name, 'car');
    for (const bad of ['0', '91', 'abc', '1.5']) {
      const r = await app.inject({ method: 'GET', url: `/api/projects/${c.projectId}/charts?days=${bad}`, headers: { cookie: admin } });
      assert.equal(r.statusCode, 400, `days=${bad}`);
      assert.match(r.body, /days/);
    }
  } finally { await app.close(); }
});
