import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { annotations, events, tasks } from '@cadre/db';
import { dispenser, submissions } from '../src/index.ts';
import { review } from '../src/services/workflow/review.service.ts';
import { box, harness, type Harness } from './harness.ts';
import { checks, crew, decide, label } from './workflow-harness.ts';

let h: Harness;
before(async () => { h = await harness(); });
after(async () => { await h.close(); });

const REVIEW_ONLY = { stages: ['annotate', 'check', 'review'] };

test('annotate → check → review → accepted, every move in the event log', async () => {
  const c = await crew(h, 'Happy path', REVIEW_ONLY);
  const { view, result } = await label(h, c.projectId, c.annotator);
  // The image's size is stored with it, so the checks ran inside the submit.
  assert.equal(result.stage, 'review');
  assert.equal(result.state, 'submitted');
  const { result: verdict } = await decide(h, c.projectId, c.reviewer, 'review', 'accept');
  assert.equal(verdict.stage, 'accepted');
  const latest = await annotations.latestAnnotation(h.deps.db, view.item.id);
  assert.equal(latest!.state, 'accepted');
  const log = (await events.eventsFor(h.deps.db, 'task', view.task.id)).map((e) => e.action);
  assert.deepEqual(log, ['leased', 'submitted', 'advanced', 'leased', 'accepted', 'advanced']);
  const moved = (await events.eventsFor(h.deps.db, 'task', view.task.id)).find((e) => e.action === 'advanced')!;
  assert.deepEqual([moved.data.from, moved.data.to, moved.data.checked], ['annotate', 'review', true]);
});

test('work whose checks need the item\'s file waits for the machine stage\'s worker', async () => {
  const projectId = await h.project('Worker path', REVIEW_ONLY);
  await h.importText(projectId, h.imageRows(1)); // a local path, no stored size, no file
  const c = await crew(h, 'Worker path crew', REVIEW_ONLY, 0);
  await h.member(projectId, c.annotator, 'annotator');
  await h.member(projectId, c.reviewer, 'reviewer');
  const { view, result } = await label(h, projectId, c.annotator);
  assert.equal(result.stage, 'check');
  assert.equal(await dispenser.claimNext(h.deps, c.reviewer, projectId, 'review'), null, 'nothing to review before the worker ran');
  assert.equal(await checks(h), 1);
  assert.ok(await dispenser.claimNext(h.deps, c.reviewer, projectId, 'review'));
  const log = (await events.eventsFor(h.deps.db, 'task', view.task.id)).map((e) => e.action);
  assert.deepEqual(log.slice(0, 6), ['leased', 'submitted', 'advanced', 'check_incomplete', 'checked', 'advanced'], 'an unreadable file is logged, not bounced to the annotator');
});

test('reject with a reason on one object → rework by the same annotator → accept', async () => {
  const c = await crew(h, 'Rework', REVIEW_ONLY);
  const { view } = await label(h, c.projectId, c.annotator, [box('car-1'), box('car-2', 50)]);
  await checks(h);
  const reasons = [{ code: 'loose_fit', objectId: 'car-2', note: 'leave no gap at the bumper' }];
  const { result } = await decide(h, c.projectId, c.reviewer, 'review', 'reject', { reasons });
  assert.equal(result.stage, 'annotate');
  assert.equal(await dispenser.claimNext(h.deps, c.second, c.projectId), null, 'rework is reserved for its author');
  const again = await dispenser.claimNextView(h.deps, c.annotator, c.projectId);
  assert.equal(again?.task.id, view.task.id);
  assert.equal(again!.task.rejections, 1);
  assert.deepEqual(again!.reasons.map((r) => [r.code, r.objectId, r.note, r.source]), [['loose_fit', 'car-2', 'leave no gap at the bumper', 'human']]);
  assert.deepEqual((again!.base!.payload as { objects: { id: string }[] }).objects.map((o) => o.id), ['car-1', 'car-2'], 'the rejected work opens for fixing');
  await submissions.submit(h.deps, c.annotator, view.task.id, randomUUID(), { schemaVersion: 1, objects: [box('car-1'), box('car-2', 48)] });
  await checks(h);
  const accepted = await decide(h, c.projectId, c.reviewer, 'review', 'accept');
  assert.equal(accepted.view.task.id, view.task.id);
  assert.equal(accepted.result.stage, 'accepted');
  const versions = await annotations.annotationsOfItem(h.deps.db, view.item.id);
  assert.deepEqual(versions.map((v) => v.state), ['rejected', 'accepted']);
});

test('the third rejection sends the task to another annotator, and the earlier effort stays recorded', async () => {
  const c = await crew(h, 'Reassign', { ...REVIEW_ONLY, maxRejections: 3 });
  let taskId = '';
  for (let round = 1; round <= 3; round++) {
    const { view } = await label(h, c.projectId, c.annotator);
    taskId = view.task.id;
    await checks(h);
    await decide(h, c.projectId, c.reviewer, 'review', 'reject', { reasons: [{ code: 'wrong_class', objectId: 'car-1' }] });
  }
  assert.equal(await dispenser.claimNext(h.deps, c.annotator, c.projectId), null, 'the first annotator no longer gets it');
  const { view } = await label(h, c.projectId, c.second);
  assert.equal(view.task.id, taskId);
  assert.equal(view.reasons[0]?.code, 'wrong_class', 'the new annotator sees why it came back');
  const attempts = await h.deps.db.selectFrom('work_attempts').select(['user_id', 'outcome']).where('task_id', '=', taskId).where('stage', '=', 'annotate').orderBy('created_at').execute();
  assert.deepEqual(attempts.map((a) => [a.user_id === c.annotator.userId ? 'first' : 'second', a.outcome]),
    [['first', 'reassigned'], ['first', 'reassigned'], ['first', 'reassigned'], ['second', 'pending']]);
  const log = (await events.eventsFor(h.deps.db, 'task', taskId)).map((e) => e.action);
  assert.ok(log.includes('reassigned'));
});

test('a machine check failure returns the work with the measured value and the limit, and is no rejection', async () => {
  const c = await crew(h, 'Checks', { ...REVIEW_ONLY, checks: { minBoxSize: 4 } });
  const tiny = { ...box('speck'), geometry: { x: 10, y: 10, width: 2.5, height: 30 } };
  const outside = { ...box('edge'), geometry: { x: 620, y: 10, width: 40, height: 30 } };
  const { view } = await label(h, c.projectId, c.annotator, [tiny, outside]);
  await checks(h);
  const back = await dispenser.claimNextView(h.deps, c.annotator, c.projectId);
  assert.equal(back?.task.id, view.task.id);
  assert.equal(back!.task.rejections, 0);
  const reason = back!.reasons.find((r) => r.objectId === 'speck');
  assert.ok(reason, 'the failure is pinned to the object');
  assert.equal(reason.source, 'machine');
  assert.equal(reason.measured, 2.5);
  assert.equal(reason.limit, 4);
  assert.match(reason.note, /2\.5 px/);
  assert.match(reason.note, /4 px/);
  const edge = back!.reasons.find((r) => r.objectId === 'edge');
  assert.equal(edge?.measured, 20, 'the box reaches 20 px past the 640 px wide image');
});

test('nobody reviews their own work', async () => {
  const c = await crew(h, 'Own work', REVIEW_ONLY);
  const lead = await h.user('own-work-lead@test.local');
  await h.member(c.projectId, lead, 'manager'); // managers may label and review
  await label(h, c.projectId, lead);
  await checks(h);
  assert.equal(await dispenser.claimNext(h.deps, lead, c.projectId, 'review'), null);
  assert.ok(await dispenser.claimNext(h.deps, c.inspector, c.projectId, 'review'));
});

test('fix-and-accept stores the reviewer\'s correction as their own version', async () => {
  const c = await crew(h, 'Fix', REVIEW_ONLY);
  const { view } = await label(h, c.projectId, c.annotator);
  await checks(h);
  const fixed = { schemaVersion: 1, objects: [box('car-1', 12)] };
  const { result } = await decide(h, c.projectId, c.reviewer, 'review', 'accept', { annotation: fixed });
  assert.equal(result.stage, 'accepted');
  const versions = await annotations.annotationsOfItem(h.deps.db, view.item.id);
  assert.equal(versions.length, 2);
  assert.equal(versions[1]!.author_id, c.reviewer.userId);
  assert.equal(versions[1]!.state, 'accepted');
  assert.equal((versions[1]!.payload as { objects: { geometry: { x: number } }[] }).objects[0]!.geometry.x, 12);
});

test('a retried verdict is recorded once; a rejection without reasons or with an unknown code is refused', async () => {
  const c = await crew(h, 'Verdicts', REVIEW_ONLY, 2);
  await label(h, c.projectId, c.annotator);
  await checks(h);
  const task = (await dispenser.claimNextView(h.deps, c.reviewer, c.projectId, 'review'))!;
  await assert.rejects(review(h.deps, c.reviewer, task.task.id, { decisionId: randomUUID(), verdict: 'reject' }), /at least one reason/);
  await assert.rejects(review(h.deps, c.reviewer, task.task.id, { decisionId: randomUUID(), verdict: 'reject', reasons: [{ code: 'ugly' }] }), /the reasons have problems/);
  await assert.rejects(review(h.deps, c.reviewer, task.task.id, { decisionId: randomUUID(), verdict: 'reject', reasons: [{ code: 'other', objectId: 'nope' }] }), /the reasons have problems/);
  const decisionId = randomUUID();
  const input = { decisionId, verdict: 'reject' as const, reasons: [{ code: 'other', objectId: null, note: 'blurred' }] };
  const [a, b] = await Promise.all([review(h.deps, c.reviewer, task.task.id, input), review(h.deps, c.reviewer, task.task.id, input)]);
  assert.deepEqual([a.replayed, b.replayed].sort(), [false, true]);
  const rows = await h.deps.db.selectFrom('reviews').select('id').where('task_id', '=', task.task.id).execute();
  assert.equal(rows.length, 1);
  assert.equal((await tasks.findTask(h.deps.db, task.task.id))!.rejections, 1);
});

test('review rate 0 skips review; a novice\'s first tasks are reviewed all the same', async () => {
  const c = await crew(h, 'Novice', { stages: ['annotate', 'review'], reviewRate: 0, noviceTasks: 2 }, 4);
  const stages = [];
  for (let i = 0; i < 4; i++) stages.push((await label(h, c.projectId, c.annotator)).result.stage);
  assert.deepEqual(stages, ['review', 'review', 'accepted', 'accepted']);
});
