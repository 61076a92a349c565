// Red lines on the real database: an alert is raised once while the line is crossed and cleared when
// the figure is back under; two processes evaluating at once raise one alert; a failing webhook is
// recorded in the log and holds nothing up; the log is the managers' (annotators and clients get
// 403), as JSON and CSV; the admin dashboard carries the open alerts; bad red lines get a 400 naming
// the field; and work moving through the HTTP API is enough for the watcher to raise the alert.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { connect } from '@cadre/db';
import type { Alert } from '@cadre/contract';
import { buildApp, projectService } from '../src/index.ts';
import { evaluateProject } from '../src/services/alerts/index.ts';
import { harness, signIn, type Harness } from './harness.ts';
import { crew, decide, label } from './workflow-harness.ts';
import { slackServer, type SlackServer } from './slack-server.ts';

let h: Harness;
let slack: SlackServer;
before(async () => { h = await harness(); slack = await slackServer(); });
after(async () => { await slack.close(); await h.close(); });

const now = { gapMs: 0, webhook: { timeoutMs: 500, tries: 2, backoffMs: 20 } };
const openAlerts = async (projectId: string) => (await h.deps.db.selectFrom('alerts' as never).selectAll().where('project_id' as never, '=', projectId as never).execute()) as unknown as { kind: string; subject_id: string; cleared_at: Date | null; value: number; cleared_value: number | null; raised_delivery: string | null; cleared_delivery: string | null }[];

test('a backlog red line is raised once while crossed and cleared when the queue is back under', async () => {
  const c = await crew(h, 'Backlog line', { stages: ['annotate', 'review'], backlogAlertAbove: 2 }, 4);
  const first = await evaluateProject(h.deps, c.projectId, now);
  assert.deepEqual(first.raised.map((a) => [a.kind, a.subject_id, a.value, a.level]), [['backlog', 'annotate', 4, 2]]);
  const again = await evaluateProject(h.deps, c.projectId, now);
  assert.deepEqual([again.ran, again.raised.length, again.cleared.length], [true, 0, 0], 'no repeat while it stays crossed');
  await label(h, c.projectId, c.annotator);
  await label(h, c.projectId, c.annotator);
  const back = await evaluateProject(h.deps, c.projectId, now);
  assert.deepEqual(back.cleared.map((a) => [a.subject_id, a.cleared_value]), [['annotate', 2]]);
  const log = await openAlerts(c.projectId);
  assert.equal(log.length, 1, 'one row: raised, then cleared');
  assert.ok(log[0]!.cleared_at);
  // The per-stage level: review (2 queued now) above its own level of 1 while annotate's default stays 2.
  await projectService.updateProject(h.deps, h.admin, c.projectId, { settings: { backlogAlertByStage: { review: 1 } } });
  const review = await evaluateProject(h.deps, c.projectId, now);
  assert.deepEqual(review.raised.map((a) => [a.subject_id, a.value]), [['review', 2]]);
});

test('two processes evaluating one project at once raise one alert, not two', async () => {
  const c = await crew(h, 'Two processes', { stages: ['annotate', 'review'], backlogAlertAbove: 1 }, 3);
  const other = connect({ url: h.t.url, max: 4 });
  try {
    const a = { db: h.deps.db, pool: h.deps.pool };
    const b = { db: other.db, pool: other.pool };
    const runs = await Promise.all([evaluateProject(a, c.projectId), evaluateProject(b, c.projectId)]);
    assert.deepEqual(runs.map((r) => r.ran).sort(), [false, true], 'one of them had the project\'s turn');
    // Even forced past the shared debounce, the log holds one open alert per line and subject.
    const forced = await Promise.all([evaluateProject(a, c.projectId, now), evaluateProject(b, c.projectId, now), evaluateProject(a, c.projectId, now)]);
    assert.equal(forced.flatMap((r) => r.raised).length, 0);
    assert.equal((await openAlerts(c.projectId)).length, 1);
  } finally {
    await other.db.destroy();
  }
});

test('a rejection-rate line with a minimum decided; the webhook\'s answer is in the log, a failing one holds nothing up', async () => {
  const c = await crew(h, 'Rejections', { stages: ['annotate', 'review'], alertRejectionRateAbove: 0.4, alertRejectionMinDecided: 2, alertWebhookUrl: slack.url('ok') }, 4);
  await label(h, c.projectId, c.annotator);
  await decide(h, c.projectId, c.reviewer, 'review', 'reject', { reasons: [{ code: 'wrong_class', objectId: null }] });
  assert.equal((await evaluateProject(h.deps, c.projectId, now)).raised.length, 0, 'one rejection of one item does not fire');
  await label(h, c.projectId, c.annotator);
  await label(h, c.projectId, c.annotator);
  await decide(h, c.projectId, c.reviewer, 'review', 'accept');
  await decide(h, c.projectId, c.reviewer, 'review', 'reject', { reasons: [{ code: 'wrong_class', objectId: null }] });
  const e = await evaluateProject(h.deps, c.projectId, now);
  assert.deepEqual(e.raised.map((a) => [a.kind, a.subject_id, a.value]), [['rejection_rate', c.annotator.userId, 0.667]]);
  await e.delivered;
  assert.equal((await openAlerts(c.projectId))[0]!.raised_delivery, 'delivered: 200 ok (1 try)');
  const posted = slack.received.get('ok') as { text: string }[];
  assert.match(posted.at(-1)!.text, /Red line crossed · Rejections: .*66\.7% of decided work rejected \(2 of 3\), above the red line of 40%/);
  // The webhook goes away: clearing (the line turned off) is still written, the failure with it.
  await projectService.updateProject(h.deps, h.admin, c.projectId, { settings: { alertRejectionRateAbove: null, alertWebhookUrl: slack.url('missing') } });
  const off = await evaluateProject(h.deps, c.projectId, now);
  assert.equal(off.cleared.length, 1, 'cleared before the webhook answers');
  await off.delivered;
  assert.equal((await openAlerts(c.projectId))[0]!.cleared_delivery, 'failed: 404 no_service (1 try, not retried)');
});

let app: FastifyInstance;
test('the log is for managers (JSON and CSV), the admin dashboard carries the open alerts, bad red lines are refused naming the field', async () => {
  app = await buildApp(h.deps, { machineWorker: false, alertWatch: false });
  try {
    const c = await crew(h, 'Alert routes', { stages: ['annotate', 'review'], backlogAlertAbove: 1, alertQaBatchFailed: true }, 3);
    const client = await h.user('alert-routes-client@test.local');
    await h.member(c.projectId, client, 'client');
    await evaluateProject(h.deps, c.projectId, now);
    const manager = await signIn(app, 'admin@test.local', 'admin-password');
    const list = await app.inject({ url: `/api/projects/${c.projectId}/alerts?open=true`, headers: { cookie: manager } });
    assert.equal(list.statusCode, 200, list.body);
    const alerts = (list.json() as { alerts: Alert[] }).alerts;
    assert.deepEqual(alerts.map((a) => [a.kind, a.stage, a.subject.kind, a.value, a.level, a.clearedAt]), [['backlog', 'annotate', 'stage', 3, 1, null]]);
    const csv = await app.inject({ url: `/api/projects/${c.projectId}/alerts/csv`, headers: { cookie: manager } });
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /text\/csv/);
    assert.match(csv.body, /annotate: 3 tasks queued, above the alert level of 1/);
    for (const who of ['alert-routes-ann@test.local', 'alert-routes-client@test.local']) {
      const cookie = await signIn(app, who, 'user-password');
      for (const url of [`/api/projects/${c.projectId}/alerts`, `/api/projects/${c.projectId}/alerts/csv`]) {
        assert.equal((await app.inject({ url, headers: { cookie } })).statusCode, 403, `${who} ${url}`);
      }
    }
    const admin = (await app.inject({ url: `/api/projects/${c.projectId}/dashboard/admin`, headers: { cookie: manager } })).json() as { alerts: { kind: string; stage: string; queued: number; level: number; alertId: string | null; raisedAt: string | null }[] };
    const above = admin.alerts.find((a) => a.kind === 'above')!;
    assert.deepEqual([above.stage, above.queued, above.level, above.alertId, above.raisedAt], ['annotate', 3, 1, alerts[0]!.id, alerts[0]!.raisedAt]);

    const patch = (settings: unknown) => app.inject({ method: 'PATCH', url: `/api/projects/${c.projectId}`, headers: { cookie: manager }, payload: { settings } });
    for (const [settings, field] of [
      [{ alertDailyCapPeople: -1 }, 'settings.alertDailyCapPeople'], [{ alertRejectionRateAbove: 1.5 }, 'settings.alertRejectionRateAbove'],
      [{ alertWebhookUrl: 'javascript:alert(1)' }, 'settings.alertWebhookUrl'], [{ backlogAlertByStage: { review: -5 } }, 'settings.backlogAlertByStage'],
      [{ deadline: 'soon' }, 'settings.deadline'], [{ alertRejectionRateAbove: 'NaN' }, 'alertRejectionRateAbove'],
    ] as const) {
      const res = await patch(settings);
      // The wire refuses a wrong type (400); core refuses a value out of range (422). Either names the field.
      assert.ok([400, 422].includes(res.statusCode), `${JSON.stringify(settings)}: ${res.statusCode} ${res.body}`);
      assert.ok(res.body.includes(field), `${JSON.stringify(settings)} names ${field}: ${res.body}`);
    }
    const project = (await app.inject({ url: `/api/projects/${c.projectId}`, headers: { cookie: manager } })).json() as { settings: Record<string, unknown> };
    assert.deepEqual([project.settings.alertDailyCapPeople, project.settings.alertWebhookUrl], [0, null], 'nothing half-written');
  } finally {
    await app.close();
  }
});

test('work moving through the API is enough: the watcher raises the alert a few seconds later', async () => {
  const watching = await buildApp(h.deps, { machineWorker: false });
  try {
    const c = await crew(h, 'Watched', { stages: ['annotate', 'review'], backlogAlertByStage: { review: 1 } }, 3);
    const cookie = await signIn(watching, 'watched-ann@test.local', 'user-password');
    for (let i = 0; i < 2; i++) {
      const next = await watching.inject({ method: 'POST', url: `/api/projects/${c.projectId}/tasks/next`, headers: { cookie } });
      assert.equal(next.statusCode, 200, next.body);
      const taskId = (next.json() as { task: { task: { id: string } } }).task.task.id;
      const submit = await watching.inject({ method: 'POST', url: `/api/tasks/${taskId}/submit`, headers: { cookie }, payload: { submissionId: crypto.randomUUID(), annotation: { schemaVersion: 1, objects: [] } } });
      assert.equal(submit.statusCode, 200, submit.body);
    }
    const until = Date.now() + 20_000;
    let rows = await openAlerts(c.projectId);
    while (rows.length === 0 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 250));
      rows = await openAlerts(c.projectId);
    }
    assert.deepEqual(rows.map((r) => [r.kind, r.subject_id, r.value]), [['backlog', 'review', 2]]);
  } finally {
    await watching.close();
  }
});
