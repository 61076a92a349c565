// A working day on the manager's charts: 240 items go through annotate, review and QA by four
// annotators (one careless), two reviewers and an inspector, in eight rounds the test lays one hour
// apart (the rows each round wrote are moved back to their hour; the backlog is sampled after each).
// Then the charts page shows every chart, each with its table and CSV, readable without colour; the
// careless annotator stands out beside the team's median and the rejection-rate alert fires.
// With CADRE_SCREENSHOTS=DIR each chart is saved there as a PNG (the README's pictures).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { writeRateCard } from '../../server/src/services/pay/index.ts';
import { alertService, auth, dispenser, submissions, type Actor } from '../../server/src/index.ts';
import { review } from '../../server/src/services/workflow/review.service.ts';
import { box, payload } from '../../server/test/harness.ts';
import { signedInPage, useBrowserApp } from './setup.ts';

const env = useBrowserApp();
const CARD = { currency: 'EUR', period: 'monthly', annotator: { perItem: 12 }, client: { perItem: 50 } };
const ROUNDS = 8;
const ITEMS = 240;
const CHARTS = ['throughput', 'backlog', 'people-pace', 'people-rejection', 'people-days', 'class-rejection', 'cost-per-item', 'money-periods'];

async function workingDay() {
  const { h } = env;
  const projectId = await h.project('E2E working day', {
    stages: ['annotate', 'review', 'qa'], qaBatchBy: 'count', qaBatchSize: 10, qaSampleRate: 0.3, qaSecondSample: 0, qaThreshold: 0.6,
    backlogAlertAbove: 150, deadline: new Date(Date.now() + 36 * 3_600_000).toISOString(),
    alertRejectionRateAbove: 0.4, alertRejectionMinDecided: 10,
  });
  await h.importText(projectId, Array.from({ length: ITEMS }, (_, i) => `{"data":{"image":"/images/${i + 1}.jpg","width":640,"height":480}}\n`).join(''));
  await writeRateCard(h.deps.db, projectId, ['car', 'lane'], CARD, h.admin.userId, new Date(Date.now() - 12 * 3_600_000));
  const person = async (name: string, role: 'annotator' | 'reviewer') => {
    const u = await auth.createUser(h.deps, { email: `${name.toLowerCase()}@day.test`, name, password: 'user-password' });
    const a: Actor = { userId: u.id, isAdmin: false };
    await h.member(projectId, a, role);
    return a;
  };
  const careful = [await person('Ana', 'annotator'), await person('Bao', 'annotator'), await person('Chidi', 'annotator')];
  const careless = await person('Dmitri', 'annotator');
  const reviewers = [await person('Rosa', 'reviewer'), await person('Sven', 'reviewer')];
  const inspector = await person('Quinn', 'reviewer');
  let decisions = 0;

  const labelSome = async (who: Actor, n: number, sloppy: boolean) => {
    for (let i = 0; i < n; i++) {
      const t = await dispenser.claimNextView(h.deps, who, projectId);
      if (!t) return;
      await submissions.submit(h.deps, who, t.task.id, randomUUID(), payload(box(sloppy ? `sloppy-${i}` : `car-${i}`, sloppy ? 600 : 40)));
    }
  };
  const decideAll = async (who: Actor, stage: 'review' | 'qa') => {
    for (;;) {
      const t = await dispenser.claimNextView(h.deps, who, projectId, stage);
      if (!t) return;
      const sloppy = t.base?.authorId === careless.userId;
      const reject = sloppy ? decisions % 2 === 0 : decisions % 17 === 0;
      decisions++;
      await review(h.deps, who, t.task.id, reject
        ? { decisionId: randomUUID(), verdict: 'reject', reasons: [{ code: 'wrong_class', objectId: (t.base?.payload as { objects: { id: string }[] }).objects[0]!.id }] }
        : { decisionId: randomUUID(), verdict: 'accept' });
    }
  };
  for (let round = 0; round < ROUNDS; round++) {
    const { rows: [{ started }] } = await sql<{ started: Date }>`SELECT clock_timestamp() AS started`.execute(h.deps.db) as { rows: [{ started: Date }] };
    for (const a of careful) await labelSome(a, 7, false);
    await labelSome(careless, 9, true);
    await decideAll(reviewers[round % 2]!, 'review');
    await decideAll(inspector, 'qa');
    await spreadLabelling(projectId, started, new Map([...careful.map((a) => [a.userId, 7] as const), [careless.userId, 4]]));
    await backdate(projectId, started, ROUNDS - 1 - round);
  }
  return { projectId, careless, labelMore: () => labelSome(careful[0]!, 3, false) };
}

/**
 * Gives each annotator's round the minutes it would take: their k-th lease and submit since `since`
 * are laid one after another, `minutes` per item, ending at `since` (a person's pace, read from leases to submits).
 */
async function spreadLabelling(projectId: string, since: Date, minutes: Map<string, number>) {
  await env.h.deps.db.transaction().execute(async (tx) => {
    for (const [userId, m] of minutes) {
      await sql`ALTER TABLE events DISABLE TRIGGER events_no_update`.execute(tx);
      await sql`
        UPDATE events e SET at = ${since}::timestamptz - make_interval(mins => (${m} * (r.total - r.n + 1))::int)
        FROM (SELECT id, row_number() OVER (ORDER BY at) AS n, count(*) OVER () AS total FROM events
              WHERE project_id = ${projectId} AND actor_id = ${userId} AND entity = 'task' AND action = 'leased' AND at >= ${since}) r
        WHERE e.id = r.id`.execute(tx);
      await sql`ALTER TABLE events ENABLE TRIGGER events_no_update`.execute(tx);
      await sql`
        UPDATE work_attempts w SET created_at = ${since}::timestamptz - make_interval(mins => (${m} * (r.total - r.n))::int, secs => 30)
        FROM (SELECT id, row_number() OVER (ORDER BY created_at) AS n, count(*) OVER () AS total FROM work_attempts
              WHERE project_id = ${projectId} AND user_id = ${userId} AND stage = 'annotate' AND created_at >= ${since}) r
        WHERE w.id = r.id`.execute(tx);
    }
  });
}

/** Moves what the project wrote since `since` back by `hours` (events and the ledger are append-only: their guards are lifted for the move), and samples the backlog there. */
async function backdate(projectId: string, since: Date, hours: number) {
  const shift = `${hours} hours`;
  // The round's labelling was laid out over the hour before it began (spreadLabelling).
  const from = new Date(since.getTime() - 3_600_000);
  await env.h.deps.db.transaction().execute(async (tx) => {
    await sql`ALTER TABLE events DISABLE TRIGGER events_no_update`.execute(tx);
    await sql`UPDATE events SET at = at - ${shift}::interval WHERE project_id = ${projectId} AND at >= ${from}`.execute(tx);
    await sql`ALTER TABLE events ENABLE TRIGGER events_no_update`.execute(tx);
    await sql`UPDATE work_attempts SET created_at = created_at - ${shift}::interval, decided_at = decided_at - ${shift}::interval WHERE project_id = ${projectId} AND created_at >= ${from}`.execute(tx);
    await sql`UPDATE reviews SET created_at = created_at - ${shift}::interval WHERE project_id = ${projectId} AND created_at >= ${from}`.execute(tx);
    await sql`UPDATE annotations SET created_at = created_at - ${shift}::interval WHERE project_id = ${projectId} AND created_at >= ${from}`.execute(tx);
    await sql`ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only`.execute(tx);
    await sql`UPDATE ledger_entries SET created_at = created_at - ${shift}::interval WHERE project_id = ${projectId} AND created_at >= ${from}`.execute(tx);
    await sql`ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_append_only`.execute(tx);
    await sql`
      INSERT INTO backlog_samples (project_id, at, stage, queued)
      SELECT ${projectId}::uuid, date_bin('10 minutes', now() - ${shift}::interval, timestamptz '2000-01-01 00:00:00+00'), stage, count(*)::int
      FROM tasks WHERE project_id = ${projectId} AND status IN ('open', 'leased', 'waiting') GROUP BY stage
      ON CONFLICT DO NOTHING`.execute(tx);
  });
}

test('a working day: every chart with its table and CSV, the careless annotator stands out, and the alert fires', async () => {
  const { projectId, careless, labelMore } = await workingDay();
  // The red lines are looked at: the server does it a few seconds after work moves; here, once more
  // after the backdating, by whichever process has the project's turn.
  const open = async () => (await alertService.listAlerts(env.h.deps, env.h.admin, projectId, { open: true })).alerts;
  for (let i = 0; i < 10 && !(await open()).length; i++) {
    await alertService.evaluateProject(env.h.deps, projectId, new Date());
    await new Promise((r) => setTimeout(r, alertService.MIN_GAP_MS / 2));
  }
  // A failed QA batch returns everyone's items in it, so the careful are rejected too, but far less.
  const rejectionAlerts = (await open()).filter((a) => a.kind === 'rejection_rate');
  assert.deepEqual(rejectionAlerts.map((a) => a.subject.id), [careless.userId], 'only the careless annotator crossed the rejection line');
  const shots = process.env['CADRE_SCREENSHOTS'] ?? mkdtempSync(join(tmpdir(), 'cadre-charts-'));
  mkdirSync(shots, { recursive: true });
  const page = await signedInPage(env, { width: 1100, height: 900 });
  await page.goto(`${env.base}/projects/${projectId}/charts`);
  for (const id of CHARTS) await page.locator(`[data-chart="${id}"] svg`).first().waitFor();

  // The careless annotator stands out: first on the rejection chart, well above the team's median.
  const rejection = page.locator('[data-chart="people-rejection"]');
  assert.match(await rejection.locator('svg').textContent() ?? '', /Dmitri[\s\S]*team median/);
  await rejection.getByRole('button', { name: 'Table' }).click();
  const rows = rejection.locator('tbody tr');
  assert.equal(await rows.count(), 4);
  const [name, rate, median] = await rows.first().locator('td').allTextContents();
  assert.equal(name, 'Dmitri');
  assert.ok(Number(rate) >= 2 * Number(median) && Number(rate) > 30, `Dmitri ${rate}% against a median of ${median}%`);
  await rejection.getByRole('button', { name: 'Chart' }).click();

  // And the fastest: four minutes an item against the others' seven.
  const pace = page.locator('[data-chart="people-pace"]');
  await pace.getByRole('button', { name: 'Table' }).click();
  const paceRows = await pace.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent ?? '')));
  assert.equal(paceRows.length, 4);
  assert.equal(paceRows[0]![0], 'Dmitri');
  assert.ok(Number(paceRows[0]![1]) > 1.4 * Number(paceRows[0]![2]), `Dmitri ${paceRows[0]![1]} items/hour against a median of ${paceRows[0]![2]}`);
  await pace.getByRole('button', { name: 'Chart' }).click();

  // The rejection-rate red line fired for him: the banner every project page shows managers.
  await page.locator('[role=alert]', { hasText: 'Dmitri' }).first().waitFor();

  // Throughput spread over the day, the backlog burning down against its red line and the deadline.
  const throughput = page.locator('[data-chart="throughput"]');
  await throughput.getByRole('button', { name: 'Table' }).click();
  const busyHours = await throughput.locator('tbody tr').evaluateAll((trs) => trs.filter((tr) => Number(tr.children[1]?.textContent) > 0).length);
  assert.ok(busyHours >= ROUNDS - 1, `labelling in ${busyHours} hours`);
  // Live: work submitted now shows without a reload (the page follows the dashboard's stream). Counted
  // over the whole table, not this hour's row: a run at the top of an hour opens a new row meanwhile.
  const labelled = async () => (await throughput.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.children[1]?.textContent))))
    .reduce((a, b) => a + b, 0);
  const before = await labelled();
  await labelMore();
  for (let i = 0; i < 60 && (await labelled()) === before; i++) await page.waitForTimeout(1000);
  assert.equal(await labelled(), before + 3, 'three more labelled, shown without a reload');
  await throughput.getByRole('button', { name: 'Chart' }).click();
  assert.match(await page.locator('[data-chart="backlog"] svg').textContent() ?? '', /alert level 150: annotate, review, qa[\s\S]*deadline/);

  // Every chart: a CSV of the same numbers as its table, and no colour needed to read it.
  for (const id of CHARTS) {
    const card = page.locator(`[data-chart="${id}"]`);
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    assert.ok(csv.startsWith('\uFEFF') && csv.split('\r\n').length > 2, `${id}.csv has a header and rows`);
    assert.equal(download.suggestedFilename(), `${id}.csv`);
    const described = await card.locator('[aria-label]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? '').join(' '));
    assert.match(described, /chart/i, `${id} is described for screen readers`);
    if (await card.locator('svg').count()) await card.locator('.chart-drawing').screenshot({ path: join(shots, `${id}.png`) });
  }
  const patterns = await page.locator('[data-chart="throughput"] svg pattern, [data-chart="money-periods"] svg pattern').count();
  assert.ok(patterns > 0, 'bars carry patterns as well as colours');
  await page.close();
});
