import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { AppError, dispenser, submissions } from '../src/index.ts';
import { breakState, capState, capStates } from '../src/services/limits/index.ts';
import { settingsOf } from '@cadre/core';
import { projectService } from '../src/index.ts';
import { box, harness, payload, signIn, httpApp, type Harness } from './harness.ts';
import { checks, crew, decide, label } from './workflow-harness.ts';

let h: Harness;
before(async () => { h = await harness(); });
after(async () => { await h.close(); });

/** Moves a person's day of work back by one day, as if the clock had passed midnight. */
async function yesterday(projectId: string) {
  await sql`UPDATE work_attempts SET created_at = created_at - interval '1 day' WHERE project_id = ${projectId}`.execute(h.deps.db);
  await sql`UPDATE gold_results SET created_at = created_at - interval '1 day' WHERE project_id = ${projectId}`.execute(h.deps.db);
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try { await p; } catch (e) { if (e instanceof AppError) return e; throw e; }
  assert.fail('expected the claim to be refused');
}

test('the daily cap: the cap-th claim works, the next is refused with daily_cap, the next day works', async () => {
  const c = await crew(h, 'Capped', { stages: ['annotate', 'review'], dailyCap: 3 }, 6);
  for (let i = 1; i <= 3; i++) await label(h, c.projectId, c.annotator);
  const e = await refusal(dispenser.claimNext(h.deps, c.annotator, c.projectId));
  assert.equal(e.code, 'daily_cap');
  assert.deepEqual({ taken: (e.details as { taken: number }).taken, cap: (e.details as { cap: number }).cap }, { taken: 3, cap: 3 });
  assert.ok(await dispenser.claimNext(h.deps, c.second, c.projectId), 'the cap is per person');
  await yesterday(c.projectId);
  assert.ok(await dispenser.claimNext(h.deps, c.annotator, c.projectId), 'a new day, new work');
});

test('held work counts against the cap: two held at a cap of two, the third claim is refused', async () => {
  const c = await crew(h, 'Capped held', { stages: ['annotate', 'review'], dailyCap: 2, maxHeldTasks: 3 }, 5);
  assert.ok(await dispenser.claimNext(h.deps, c.annotator, c.projectId));
  assert.ok(await dispenser.claimNext(h.deps, c.annotator, c.projectId));
  assert.equal((await refusal(dispenser.claimNext(h.deps, c.annotator, c.projectId))).code, 'daily_cap');
  const state = await capState(h.deps, c.projectId, c.annotator.userId, settingsOf({ dailyCap: 2 }));
  assert.deepEqual([state.taken, state.left, state.reached], [2, 0, true]);
});

test('at the cap, the person\'s own returned work is still leased, and is not counted again', async () => {
  const c = await crew(h, 'Capped rework', { stages: ['annotate', 'review'], dailyCap: 2 }, 4);
  const first = await label(h, c.projectId, c.annotator);
  await label(h, c.projectId, c.annotator);
  await decide(h, c.projectId, c.reviewer, 'review', 'reject', { reasons: [{ code: 'wrong_class', objectId: 'car-1' }] });
  const rework = await dispenser.claimNextView(h.deps, c.annotator, c.projectId);
  assert.ok(rework, 'rework passes the cap');
  assert.ok(rework.task.rejections === 1);
  assert.ok([first.view.task.id].length === 1);
  await submissions.submit(h.deps, c.annotator, rework.task.id, randomUUID(), payload(box('car-1')));
  const state = await capState(h.deps, c.projectId, c.annotator.userId, settingsOf({ dailyCap: 2 }));
  assert.equal(state.taken, 2, 'resubmitted rework is not a new item');
  assert.equal((await refusal(dispenser.claimNext(h.deps, c.annotator, c.projectId))).code, 'daily_cap');
});

test('the cap of many people at once (the admin dashboard) is each one\'s own cap: rework not counted again, held work counted', async () => {
  const c = await crew(h, 'Capped many', { stages: ['annotate', 'review'], dailyCap: 2, maxHeldTasks: 3 }, 6);
  await label(h, c.projectId, c.annotator);
  assert.ok(await dispenser.claimNext(h.deps, c.second, c.projectId));
  const settings = settingsOf({ dailyCap: 2 });
  const people = [c.annotator.userId, c.second.userId, c.reviewer.userId];
  const many = await capStates(h.deps, c.projectId, people, settings);
  for (const userId of people) assert.deepEqual(many.get(userId), await capState(h.deps, c.projectId, userId, settings));
  assert.deepEqual(people.map((u) => many.get(u)!.taken), [1, 1, 0]);
  assert.equal((await capStates(h.deps, c.projectId, [], settings)).size, 0);
});

test('today is counted in the project\'s time zone', async () => {
  // Whatever the hour, a zone 14 hours ahead and one 12 hours behind disagree about the date of
  // work done one hour before UTC midnight... so instead pin the day's start: work moved to just
  // before the zone's midnight is yesterday's.
  const c = await crew(h, 'Zoned', { stages: ['annotate', 'review'], dailyCap: 1, timeZone: 'Asia/Shanghai' }, 3);
  await label(h, c.projectId, c.annotator);
  assert.equal((await refusal(dispenser.claimNext(h.deps, c.annotator, c.projectId))).code, 'daily_cap');
  await sql`UPDATE work_attempts SET created_at = date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai' - interval '1 second'
            WHERE project_id = ${c.projectId}`.execute(h.deps.db);
  assert.ok(await dispenser.claimNext(h.deps, c.annotator, c.projectId), 'one second before Shanghai midnight is yesterday there');
});

test('over HTTP the cap is a 409 with the code daily_cap; the settings are validated', async () => {
  const app = await httpApp(h);
  try {
    const c = await crew(h, 'Capped http', { stages: ['annotate', 'review'], dailyCap: 1 }, 3);
    await label(h, c.projectId, c.annotator);
    const cookie = await signIn(app, 'capped-http-ann@test.local', 'user-password');
    const res = await app.inject({ method: 'POST', url: `/api/projects/${c.projectId}/tasks/next`, headers: { cookie } });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'daily_cap');
    assert.deepEqual([res.json().error.details.taken, res.json().error.details.cap], [1, 1]);
    const project = await projectService.getProject(h.deps, h.admin, c.projectId);
    assert.equal((project.settings as { dailyCap: number }).dailyCap, 1);
    await assert.rejects(h.project('Bad zone', { timeZone: 'Mars/Olympus', dailyCap: -1 }), (e: AppError) => /timeZone/.test(JSON.stringify(e.details)) && /dailyCap/.test(JSON.stringify(e.details)));
  } finally { await app.close(); }
});

test('break reminder: stretches under five minutes apart are one sitting; due after breakAfterMinutes', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  const at = (min: number) => new Date(now.getTime() - min * 60_000);
  const spans = [
    { from: at(200), to: at(190) }, // an earlier sitting, then a long pause
    { from: at(60), to: at(57) }, { from: at(54), to: at(40) }, { from: at(36), to: at(2) },
  ];
  const s = breakState(spans, 45, now);
  assert.equal(s.continuousMinutes, 60);
  assert.equal(s.due, true);
  assert.equal(breakState(spans, 90, now).due, false);
  assert.equal(breakState(spans, 0, now).due, false, 'off by default');
  assert.equal(breakState([{ from: at(60), to: at(6) }], 45, now).continuousMinutes, 0, 'six minutes idle ends the sitting');
});

test('break reminder from real work: leases and submits make a sitting', async () => {
  const c = await crew(h, 'Sitting', { stages: ['annotate', 'review'], breakAfterMinutes: 30 }, 3);
  await label(h, c.projectId, c.annotator);
  await label(h, c.projectId, c.annotator);
  // Move the clock back: the first lease forty minutes ago, its submit at 37, the second lease at 35.
  // The event log refuses edits (a trigger); a test may switch triggers off for its own rewrite.
  await h.deps.db.transaction().execute(async (tx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(tx);
    await sql`UPDATE events SET at = now() - interval '40 minutes'
              WHERE id = (SELECT min(id) FROM events WHERE project_id = ${c.projectId} AND action = 'leased')`.execute(tx);
    await sql`UPDATE work_attempts SET created_at = now() - interval '37 minutes'
              WHERE id = (SELECT id FROM work_attempts WHERE project_id = ${c.projectId} ORDER BY created_at LIMIT 1)`.execute(tx);
    await sql`UPDATE events SET at = now() - interval '35 minutes'
              WHERE id = (SELECT max(id) FROM events WHERE project_id = ${c.projectId} AND action = 'leased')`.execute(tx);
  });
  const { limitsFor } = await import('../src/services/dashboard/figures.ts');
  const state = await limitsFor(h.deps, c.projectId, c.annotator.userId, settingsOf({ breakAfterMinutes: 30 }));
  assert.ok(state.break.continuousMinutes >= 39 && state.break.continuousMinutes <= 41, `sitting of ${state.break.continuousMinutes} minutes`);
  assert.equal(state.break.due, true);
  void checks;
});

test('the admin view\'s stretches of work, kept between rebuilds and read only where new, are the same as a whole read of the window', async () => {
  const { projectSpans } = await import('../src/services/dashboard/spans-cache.ts');
  const { limits } = await import('@cadre/db');
  const c = await crew(h, 'Spans kept', { stages: ['annotate', 'review'] }, 8);
  const dayAgo = () => new Date(Date.now() - 16 * 3_600_000);
  const shape = (spans: Array<{ userId: string; from: Date; to: Date; objects: number; kind: string }>) =>
    spans.map((s) => [s.userId, s.kind, s.from.toISOString(), s.kind === 'held' ? 'now' : s.to.toISOString(), s.objects].join(' ')).sort();
  const same = async (since: Date, why: string) => {
    const kept = await projectSpans(h.deps.db, c.projectId, since);
    const whole = await limits.workSpans(h.deps.db, c.projectId, since, null);
    assert.deepEqual(shape(kept), shape(whole), why);
    return kept;
  };
  await label(h, c.projectId, c.annotator);
  await label(h, c.projectId, c.annotator, [box('car-1'), box('car-2')]);
  assert.equal((await same(dayAgo(), 'the first read')).length, 2);
  await label(h, c.projectId, c.second);
  await decide(h, c.projectId, c.reviewer, 'review', 'accept');
  await dispenser.claimNext(h.deps, c.second, c.projectId);
  const later = await same(dayAgo(), 'after more work, a verdict and a task now held');
  assert.deepEqual(later.map((s) => s.kind).sort(), ['held', 'label', 'label', 'label', 'review']);
  // The window moves on: what ends before it is dropped; a window reaching further back is read whole again.
  const cut = later.filter((s) => s.kind === 'label').map((s) => s.to.getTime()).sort((a, b) => a - b)[1]! + 1;
  assert.equal((await same(new Date(cut), 'a later window')).filter((s) => s.kind === 'label').length, 1);
  assert.equal((await same(dayAgo(), 'a wider window again')).filter((s) => s.kind === 'label').length, 3);
});
