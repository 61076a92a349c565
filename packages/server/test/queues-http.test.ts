import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { dispenser } from '../src/index.ts';
import { harness, httpApp, signIn, box, payload, type Harness } from './harness.ts';

// What a person meets in the queues over HTTP: retried submits, leases that run out, skipping,
// and the hold limit.
let h: Harness;
let app: FastifyInstance;
before(async () => {
  h = await harness();
  app = await httpApp(h);
});
after(async () => { await app.close(); await h.close(); });

const call = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, body?: unknown) =>
  app.inject({ method, url, headers: { cookie }, ...(body === undefined ? {} : { payload: body as object }) });

/** A project of `rows` image tasks and annotators signed in over HTTP. */
async function projectWith(name: string, rows: number, people: string[], settings?: Record<string, unknown>) {
  const projectId = await h.project(name, settings);
  await h.importText(projectId, h.imageRows(rows));
  const cookies: string[] = [];
  for (const person of people) {
    const email = `${person}@test.local`;
    await h.member(projectId, await h.user(email), 'annotator');
    cookies.push(await signIn(app, email, 'user-password'));
  }
  return { projectId, cookies };
}

const next = async (projectId: string, cookie: string) => {
  const res = await call('POST', `/api/projects/${projectId}/tasks/next`, cookie);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().task as { task: { id: string }; draft: unknown; draftBy: { name: string } | null } | null;
};

/** The lease runs out (as if the person had walked away) and the reaper frees the task. */
async function expire(taskId: string) {
  await h.deps.pool.query(`UPDATE tasks SET lease_expires_at = now() - interval '1 second' WHERE id = $1`, [taskId]);
  await dispenser.reapExpiredLeases(h.deps);
}

test('a retried submit with different content is refused with 409 and the first work stays; an identical retry is a replay', async () => {
  const { projectId, cookies: [ann] } = await projectWith('Retried submit', 1, ['retrier']);
  const task = (await next(projectId, ann!))!;
  const submissionId = randomUUID();
  const first = await call('POST', `/api/tasks/${task.task.id}/submit`, ann!, { submissionId, annotation: payload(box('a', 10)) });
  assert.equal(first.statusCode, 200, first.body);

  const changed = await call('POST', `/api/tasks/${task.task.id}/submit`, ann!, { submissionId, annotation: payload(box('a', 10), box('b', 50)) });
  assert.equal(changed.statusCode, 409, changed.body);
  assert.match(changed.json().error.message, /submission id was already used with different content/);
  assert.match(changed.json().error.message, /submissionId/);

  // The same work with its keys in another order is the same content: an idempotent replay.
  const reordered = { objects: [{ attributes: { occluded: false }, geometry: { height: 30, width: 20, y: 10, x: 10 }, kind: 'bbox2d', label: 'car', id: 'a' }], schemaVersion: 1 };
  const replay = await call('POST', `/api/tasks/${task.task.id}/submit`, ann!, { submissionId, annotation: reordered });
  assert.equal(replay.statusCode, 200, replay.body);
  assert.equal(replay.json().replayed, true);
  assert.equal(replay.json().annotationId, first.json().annotationId);

  const itemId = (await h.deps.pool.query('SELECT item_id FROM tasks WHERE id = $1', [task.task.id])).rows[0].item_id;
  const versions = await call('GET', `/api/items/${itemId}/annotations`, await signIn(app, 'admin@test.local', 'admin-password'));
  assert.equal(versions.json().length, 1);
  assert.equal(versions.json()[0].payload.objects.length, 1);
});

test('a lease that runs out: the first person gets their task and draft back if they return before anyone else takes it', async () => {
  const { projectId, cookies: [ann] } = await projectWith('Return to draft', 3, ['returner']);
  const first = (await next(projectId, ann!))!;
  const second = (await next(projectId, ann!))!;
  // The work is on the second (prefetched) task; then the person walks away and both leases run out.
  const saved = await call('PUT', `/api/tasks/${second.task.id}/draft`, ann!, { annotation: payload(box('half-done')) });
  assert.equal(saved.statusCode, 200, saved.body);
  await expire(first.task.id);
  await expire(second.task.id);

  const back = (await next(projectId, ann!))!;
  assert.equal(back.task.id, second.task.id, 'the task with my draft comes back first');
  assert.deepEqual(back.draft, payload(box('half-done')));
  assert.equal(back.draftBy, null, 'it is my own draft');

  // Opening it by its address works too, once it has run out again.
  await expire(second.task.id);
  const opened = await call('POST', `/api/tasks/${second.task.id}/open`, ann!);
  assert.equal(opened.statusCode, 200, opened.body);
  assert.deepEqual(opened.json().draft, payload(box('half-done')));
});

test('a lease that runs out and someone else takes the task: they start from the draft, marked as the first person\'s; the first is told it is no longer theirs', async () => {
  const { projectId, cookies: [first, second] } = await projectWith('Draft travels', 1, ['walked-away', 'took-over']);
  const task = (await next(projectId, first!))!;
  await call('PUT', `/api/tasks/${task.task.id}/draft`, first!, { annotation: payload(box('started')) });
  await expire(task.task.id);

  const taken = (await next(projectId, second!))!;
  assert.equal(taken.task.id, task.task.id);
  assert.deepEqual(taken.draft, payload(box('started')));
  assert.equal(taken.draftBy?.name, 'walked-away');

  const refused = await call('POST', `/api/tasks/${task.task.id}/open`, first!);
  assert.equal(refused.statusCode, 409, refused.body);
  assert.match(refused.json().error.message, /no longer yours: someone else is working on it/);

  // Once submitted, the draft is spent: nobody opens the task with it again.
  const done = await call('POST', `/api/tasks/${task.task.id}/submit`, second!, { submissionId: randomUUID(), annotation: payload(box('finished')) });
  assert.equal(done.statusCode, 200, done.body);
  assert.equal((await h.deps.pool.query('SELECT count(*)::int AS n FROM drafts WHERE task_id = $1', [task.task.id])).rows[0].n, 0);
});

test('skip with a reason and a note: logged, the task goes to someone else and is not offered to the skipper again', async () => {
  const { projectId, cookies: [skipper, other] } = await projectWith('Skip', 1, ['skipper', 'other-one']);
  const task = (await next(projectId, skipper!))!;
  const skipped = await call('POST', `/api/tasks/${task.task.id}/skip`, skipper!, { reason: 'unclear', note: 'the guideline does not say' });
  assert.equal(skipped.statusCode, 204, skipped.body);
  assert.equal(await next(projectId, skipper!), null);
  assert.equal((await next(projectId, other!))?.task.id, task.task.id);
  const { rows } = await h.deps.pool.query(`SELECT data FROM events WHERE entity_id = $1 AND action = 'skipped'`, [task.task.id]);
  assert.deepEqual({ reason: rows[0].data.reason, note: rows[0].data.note }, { reason: 'unclear', note: 'the guideline does not say' });
});

test('at the hold limit the refusal names the stages held; the held list shows every task held and opening another person\'s task is refused', async () => {
  const { projectId, cookies: [ann, other] } = await projectWith('Held', 4, ['holder', 'bystander'], { stages: ['annotate'], maxHeldTasks: 2 });
  const a = (await next(projectId, ann!))!;
  const b = (await next(projectId, ann!))!;
  const refused = await call('POST', `/api/projects/${projectId}/tasks/next`, ann!);
  assert.equal(refused.statusCode, 409, refused.body);
  assert.match(refused.json().error.message, /already hold 2 tasks in this project \(limit 2; annotate\): submit or skip one first/);
  const held = await call('GET', `/api/projects/${projectId}/tasks/held`, ann!);
  assert.deepEqual(held.json().map((t: { id: string; stage: string }) => [t.id, t.stage]).sort(), [[a.task.id, 'annotate'], [b.task.id, 'annotate']].sort());
  const notTheirs = await call('POST', `/api/tasks/${a.task.id}/open`, other!);
  assert.equal(notTheirs.statusCode, 409, notTheirs.body);
  assert.match(notTheirs.json().error.message, /no longer yours/);
});
