import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { dispenser, submissions, type Actor } from '../src/index.ts';
import { harness, box, payload, type Harness } from './harness.ts';

let h: Harness;
before(async () => { h = await harness(60); });
after(async () => { await h.close(); });

test('50 concurrent claimers take 10,000 tasks with no task leased twice', async () => {
  const projectId = await h.project('Concurrency', { maxHeldTasks: 1 });
  await h.importText(projectId, h.imageRows(10_000));
  const workers: Actor[] = [];
  for (let i = 0; i < 50; i++) {
    const w = await h.user(`worker${i}@test.local`);
    await h.member(projectId, w, 'annotator');
    workers.push(w);
  }
  const claimed: string[] = [];
  await Promise.all(workers.map(async (w) => {
    for (;;) {
      const task = await dispenser.claimNext(h.deps, w, projectId);
      if (!task) return;
      assert.equal(task.assignee_id, w.userId);
      claimed.push(task.id);
      await submissions.submit(h.deps, w, task.id, randomUUID(), payload(box('a')));
    }
  }));
  assert.equal(claimed.length, 10_000);
  assert.equal(new Set(claimed).size, 10_000, 'no task was handed out twice');
  const leases = await sql<{ n: number }>`SELECT count(*)::int AS n FROM events WHERE action = 'leased' AND project_id = ${projectId}`.execute(h.deps.db);
  assert.equal(leases.rows[0]!.n, 10_000);
  const perItem = await sql<{ n: number }>`SELECT count(*)::int AS n FROM annotations WHERE project_id = ${projectId} GROUP BY item_id HAVING count(*) > 1`.execute(h.deps.db);
  assert.equal(perItem.rows.length, 0, 'every item got exactly one annotation');
});

test('the best task comes first: higher priority, then the older one', async () => {
  const projectId = await h.project('Order');
  await h.importText(projectId, '{"data":{"image":"a.jpg"}}\n{"data":{"image":"b.jpg"},"priority":5}\n{"data":{"image":"c.jpg"}}\n');
  const w = await h.user('order@test.local');
  await h.member(projectId, w, 'annotator');
  const first = await dispenser.claimNextView(h.deps, w, projectId);
  const second = await dispenser.claimNextView(h.deps, w, projectId);
  assert.equal(first?.item.asset, 'b.jpg');
  assert.equal(second?.item.asset, 'a.jpg');
});

test('a person holds the next task while working on the current one, up to the limit', async () => {
  const projectId = await h.project('Prefetch', { maxHeldTasks: 2 });
  await h.importText(projectId, h.imageRows(5));
  const w = await h.user('prefetch@test.local');
  await h.member(projectId, w, 'annotator');
  const current = await dispenser.claimNext(h.deps, w, projectId);
  const next = await dispenser.claimNext(h.deps, w, projectId);
  assert.ok(current && next && current.id !== next.id);
  await assert.rejects(dispenser.claimNext(h.deps, w, projectId), /already hold 2 tasks/);
  await submissions.submit(h.deps, w, current.id, randomUUID(), payload(box('a')));
  assert.ok(await dispenser.claimNext(h.deps, w, projectId), 'after a submit the next one is given');
});

test('an expired lease returns its task to the pool for someone else', async () => {
  const projectId = await h.project('Expiry', { leaseSeconds: 10 });
  await h.importText(projectId, h.imageRows(1));
  const [a, b] = [await h.user('late@test.local'), await h.user('next@test.local')];
  await h.member(projectId, a, 'annotator');
  await h.member(projectId, b, 'annotator');
  const task = await dispenser.claimNext(h.deps, a, projectId);
  assert.ok(task);
  assert.equal(await dispenser.claimNext(h.deps, b, projectId), null, 'nothing free while the lease runs');
  // Let the lease run out (rather than waiting 10 s in a test).
  await sql`UPDATE tasks SET lease_expires_at = now() - interval '1 second' WHERE id = ${task.id}`.execute(h.deps.db);
  const again = await dispenser.claimNext(h.deps, b, projectId);
  assert.equal(again?.id, task.id);
  assert.equal(again?.assignee_id, b.userId);
  await assert.rejects(submissions.submit(h.deps, a, task.id, randomUUID(), payload(box('a'))), /no longer hold this task/);
  await assert.rejects(dispenser.heartbeat(h.deps, a, task.id), /no longer hold this task/);
  const expired = await sql<{ n: number }>`SELECT count(*)::int AS n FROM events WHERE action = 'lease_expired' AND entity_id = ${task.id}`.execute(h.deps.db);
  assert.equal(expired.rows[0]!.n, 1);
});

test('a heartbeat renews the lease', async () => {
  const projectId = await h.project('Heartbeat', { leaseSeconds: 60 });
  await h.importText(projectId, h.imageRows(1));
  const w = await h.user('beat@test.local');
  await h.member(projectId, w, 'annotator');
  const task = await dispenser.claimNext(h.deps, w, projectId);
  await sql`UPDATE tasks SET lease_expires_at = now() + interval '5 seconds' WHERE id = ${task!.id}`.execute(h.deps.db);
  const { leaseExpiresAt } = await dispenser.heartbeat(h.deps, w, task!.id);
  assert.ok(new Date(leaseExpiresAt).getTime() - Date.now() > 50_000);
});

test('a skipped task goes back to the pool but not to the person who skipped it', async () => {
  const projectId = await h.project('Skip');
  await h.importText(projectId, h.imageRows(1));
  const [a, b] = [await h.user('skipper@test.local'), await h.user('taker@test.local')];
  await h.member(projectId, a, 'annotator');
  await h.member(projectId, b, 'annotator');
  const task = await dispenser.claimNext(h.deps, a, projectId);
  await dispenser.skip(h.deps, a, task!.id, 'image is blank');
  assert.equal(await dispenser.claimNext(h.deps, a, projectId), null);
  assert.equal((await dispenser.claimNext(h.deps, b, projectId))?.id, task!.id);
});
