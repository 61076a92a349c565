// One contract for every kind of claim (labelling, review, QA, rework at the daily cap, gold): each
// leases through the same statement, so each writes the same `leased` event and honours the same
// skips, hold limit and roles.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { settingsOf } from '@cadre/core';
import { leases, limits, tasks, type TaskRow } from '@cadre/db';
import { sql } from 'kysely';
import { AppError, dispenser, submissions, type Actor } from '../src/index.ts';
import { makeGold } from '../src/services/workflow/gold-items.service.ts';
import { leaseFor, leaseInput } from '../src/services/lease.service.ts';
import { box, harness, payload, type Harness } from './harness.ts';
import { crew, decide, label } from './workflow-harness.ts';

let h: Harness;
before(async () => { h = await harness(); });
after(async () => { await h.close(); });

interface Setup { projectId: string; worker: Actor; claim: (who: Actor) => Promise<TaskRow | null> }

let n = 0;
const name = (kind: string) => `Lease ${kind} ${++n}`;
const itemsOf = async (projectId: string) => (await h.deps.db.selectFrom('items').select('id').where('project_id', '=', projectId).orderBy('id').execute()).map((r) => r.id);

/** A fresh project per test where the worker's next claim is of this kind; everyone may hold one task. */
const KINDS: Record<string, () => Promise<Setup>> = {
  async annotate() {
    const c = await crew(h, name('annotate'), { stages: ['annotate'], maxHeldTasks: 1 }, 3);
    return { projectId: c.projectId, worker: c.annotator, claim: (who) => dispenser.claimNext(h.deps, who, c.projectId) };
  },
  async review() {
    const c = await crew(h, name('review'), { stages: ['annotate', 'review'], maxHeldTasks: 1 }, 3);
    for (let i = 0; i < 3; i++) await label(h, c.projectId, c.annotator);
    return { projectId: c.projectId, worker: c.reviewer, claim: (who) => dispenser.claimNext(h.deps, who, c.projectId, 'review') };
  },
  async qa() {
    const c = await crew(h, name('qa'), { stages: ['annotate', 'qa'], qaBatchBy: 'count', qaSecondSample: 0, qaBatchSize: 3, qaSampleRate: 1, maxHeldTasks: 1 }, 3);
    for (let i = 0; i < 3; i++) await label(h, c.projectId, c.annotator);
    return { projectId: c.projectId, worker: c.inspector, claim: (who) => dispenser.claimNext(h.deps, who, c.projectId, 'qa') };
  },
  /** At the daily cap the only lease left is the person's own returned work. */
  async rework() {
    const c = await crew(h, name('rework'), { stages: ['annotate', 'review'], dailyCap: 2, maxHeldTasks: 1 }, 2);
    for (let i = 0; i < 2; i++) await label(h, c.projectId, c.annotator);
    for (let i = 0; i < 2; i++) await decide(h, c.projectId, c.reviewer, 'review', 'reject', { reasons: [{ code: 'wrong_class', objectId: 'car-1' }] });
    return { projectId: c.projectId, worker: c.annotator, claim: (who) => dispenser.claimNext(h.deps, who, c.projectId) };
  },
  async gold() {
    const c = await crew(h, name('gold'), { stages: ['annotate'], goldRate: 1, maxHeldTasks: 1 }, 3);
    const [goldItem] = await itemsOf(c.projectId);
    await makeGold(h.deps, h.admin, c.projectId, { itemId: goldItem!, annotation: payload(box('g1', 10)) });
    return { projectId: c.projectId, worker: c.annotator, claim: (who) => dispenser.claimNext(h.deps, who, c.projectId) };
  },
};

const leasedEvents = (projectId: string) => h.deps.db.selectFrom('events').selectAll()
  .where('project_id', '=', projectId).where('action', '=', 'leased').orderBy('id').execute();

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try { await p; } catch (e) { if (e instanceof AppError) return e; throw e; }
  assert.fail('expected the claim to be refused');
}

for (const [kind, setup] of Object.entries(KINDS)) {
  test(`${kind}: the lease and one \`leased\` event naming the worker and the stage`, async () => {
    const s = await setup();
    const before = (await leasedEvents(s.projectId)).length;
    const task = (await s.claim(s.worker))!;
    assert.ok(task, `a ${kind} task is leased`);
    assert.deepEqual([task.status, task.assignee_id], ['leased', s.worker.userId]);
    const events = (await leasedEvents(s.projectId)).slice(before);
    assert.equal(events.length, 1, 'exactly one event for one lease');
    const [e] = events;
    assert.deepEqual([e!.entity, e!.entity_id, e!.actor_id, e!.actor_kind], ['task', task.id, s.worker.userId, 'user']);
    assert.equal((e!.data as { stage: string }).stage, task.stage);
  });

  test(`${kind}: a task the worker skipped is not leased to them again`, async () => {
    const s = await setup();
    const first = (await s.claim(s.worker))!;
    await dispenser.skip(h.deps, s.worker, first.id, 'unsure');
    const next = await s.claim(s.worker).catch((e: unknown) => { if (e instanceof AppError) return null; throw e; });
    assert.notEqual(next?.id, first.id);
    assert.notEqual(next?.item_id, first.item_id, 'not the same item under a new task either');
  });

  test(`${kind}: the hold limit stops the next lease and writes no event`, async () => {
    const s = await setup();
    assert.ok(await s.claim(s.worker));
    const before = (await leasedEvents(s.projectId)).length;
    const e = await refusal(s.claim(s.worker));
    assert.ok(['lease_limit', 'daily_cap'].includes(e.code), e.code);
    assert.equal((await leasedEvents(s.projectId)).length, before);
  });

  test(`${kind}: someone without a role in the project is given nothing`, async () => {
    const s = await setup();
    const outsider = await h.user(`lease-outsider-${n}@test.local`);
    const before = (await leasedEvents(s.projectId)).length;
    const e = await refusal(s.claim(outsider));
    assert.ok(['forbidden', 'not_found'].includes(e.code), e.code);
    assert.equal((await leasedEvents(s.projectId)).length, before);
  });
}

test('rework the person once skipped is not leased to them at the daily cap', async () => {
  const s = await KINDS.rework!();
  const reserved = await h.deps.db.selectFrom('tasks').select('id').where('project_id', '=', s.projectId).where('reserved_for', '=', s.worker.userId).execute();
  assert.equal(reserved.length, 2);
  for (const t of reserved) await tasks.recordSkip(h.deps.db, t.id, s.worker.userId, 'not mine to redo');
  assert.equal((await refusal(s.claim(s.worker))).code, 'daily_cap');
});

test('gold work is a stretch of work from its lease to its score (pay and the break reminder read it)', async () => {
  const s = await KINDS.gold!();
  const task = (await s.claim(s.worker))!;
  await submissions.submit(h.deps, s.worker, task.id, randomUUID(), payload(box('a', 10)));
  const [leased] = await leasedEvents(s.projectId);
  const spans = (await limits.workSpans(h.deps.db, s.projectId, new Date(0), s.worker.userId)).filter((x) => x.kind === 'gold');
  assert.equal(spans.length, 1);
  assert.equal(spans[0]!.from.getTime(), leased!.at.getTime(), 'the stretch starts at the lease');
  assert.ok(spans[0]!.to > spans[0]!.from);
});

/** Every node of an EXPLAIN (FORMAT JSON) plan. */
function planNodes(plan: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (n: Record<string, unknown>) => { out.push(n); for (const c of (n.Plans as Record<string, unknown>[] | undefined) ?? []) walk(c); };
  walk((plan as { Plan: Record<string, unknown> }[])[0]!.Plan);
  return out;
}

test('no kind of lease reads the tasks table whole on a project with many tasks (EXPLAIN)', async () => {
  const c = await crew(h, name('plan'), { stages: ['annotate', 'review'] }, 1);
  await h.importText(c.projectId, h.imageRows(20_000));
  await sql`ANALYZE tasks`.execute(h.deps.db);
  for (const [kind, stage, who] of [['queue', 'annotate', c.annotator], ['queue', 'review', c.reviewer], ['rework', 'annotate', c.annotator], ['gold', 'annotate', c.annotator]] as const) {
    const nodes = planNodes(await leases.explainLease(h.deps.pool, leaseInput(who, c.projectId, settingsOf({}), { kind, stage })));
    const onTasks = nodes.filter((n) => n['Relation Name'] === 'tasks');
    assert.ok(onTasks.length > 0, `${kind} ${stage} reads tasks`);
    assert.deepEqual(onTasks.filter((n) => n['Node Type'] === 'Seq Scan'), [], `${kind} ${stage}: no sequential scan of tasks`);
  }
});

test('a held gold task counts toward the daily cap like any labelling task', async () => {
  const c = await crew(h, name('gold cap'), { stages: ['annotate'], goldRate: 1, dailyCap: 1 }, 3);
  const [goldItem] = await itemsOf(c.projectId);
  await makeGold(h.deps, h.admin, c.projectId, { itemId: goldItem!, annotation: payload(box('g1', 10)) });
  const task = (await dispenser.claimNext(h.deps, c.annotator, c.projectId))!;
  assert.equal(task.stage, 'gold');
  assert.equal((await refusal(dispenser.claimNext(h.deps, c.annotator, c.projectId))).code, 'daily_cap');
  await submissions.submit(h.deps, c.annotator, task.id, randomUUID(), payload(box('a', 10)));
  assert.equal((await refusal(dispenser.claimNext(h.deps, c.annotator, c.projectId))).code, 'daily_cap', 'and so does the scored one');
});

test('opening one\'s own returned work by id writes the same `leased` event', async () => {
  const s = await KINDS.rework!();
  const [reserved] = await h.deps.db.selectFrom('tasks').select('id').where('project_id', '=', s.projectId).where('reserved_for', '=', s.worker.userId).orderBy('id').execute();
  const before = (await leasedEvents(s.projectId)).length;
  const view = await dispenser.openTask(h.deps, s.worker, reserved!.id);
  assert.equal(view.task.id, reserved!.id);
  const events = (await leasedEvents(s.projectId)).slice(before);
  assert.deepEqual(events.map((e) => [e.entity_id, e.actor_id, e.actor_kind, (e.data as { stage: string }).stage]), [[reserved!.id, s.worker.userId, 'user', 'annotate']]);
});

test('a machine worker\'s lease is logged as the machine\'s', async () => {
  const s = await KINDS.annotate!();
  const task = (await leaseFor(h.deps, s.worker, s.projectId, settingsOf({}), { kind: 'queue', stage: 'annotate', workerKind: 'machine' }))!;
  const [e] = await leasedEvents(s.projectId);
  assert.deepEqual([e!.entity_id, e!.actor_id, e!.actor_kind], [task.id, s.worker.userId, 'machine']);
});
