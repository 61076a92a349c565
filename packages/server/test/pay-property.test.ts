// Property: for random sequences of submit, reject, rework, reassignment, accept, retried settlement
// and two settlements racing in parallel transactions, against the real PostgreSQL:
// every accepted unit is paid exactly once, every entry (and so the books) balances to zero, and
// nothing is paid for work that was not accepted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { kyselyOn } from '@cadre/db';
import { dispenser, submissions, type Actor } from '../src/index.ts';
import { review } from '../src/services/workflow/review.service.ts';
import { pricedUnits, settleAccepted, writeRateCard, cardOf, applyBps } from '../src/services/pay/index.ts';
import { harness, type Harness } from './harness.ts';

let h: Harness;
let people: Actor[] = [];
let reviewer: Actor;
before(async () => {
  h = await harness();
  people = [await h.user('prop-a@test.local'), await h.user('prop-b@test.local'), await h.user('prop-c@test.local')];
  reviewer = await h.user('prop-rev@test.local');
});
after(async () => { await h.close(); });

// Odd prices and multipliers so that rounding happens on almost every unit.
const CARD = {
  currency: 'CNY', annotator: { perItem: 7, objects: [{ class: 'car', minor: 33 }], originBps: { human: 10000, prediction_edited: 6100, prediction_accepted: 2500 } },
  review: { perItem: 3 }, client: { perItem: 11, perObject: 41 }, machinePerItem: 2, reassignedShareBps: 3333,
};
const car = (i: number, origin: number) => ({
  id: `c${i}`, label: 'car', kind: 'bbox2d', geometry: { x: 10 + i, y: 10, width: 20, height: 30 }, attributes: { occluded: false },
  ...(origin === 1 ? { origin: 'prediction_accepted', predictionId: `p${i}` } : origin === 2 ? { origin: 'prediction_edited', predictionId: `p${i}` } : {}),
});

const seen = { accepted: 0, shared: 0, raced: 0 };

type Op =
  | { op: 'submit'; who: number; objects: number[] }
  | { op: 'review'; accept: boolean }
  | { op: 'retry' }
  | { op: 'race' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('submit' as const), who: fc.integer({ min: 0, max: 2 }), objects: fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 3 }) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('review' as const), accept: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('retry' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('race' as const) }) },
);

async function settleIn(taskId: string): Promise<void> {
  const client = await h.deps.pool.connect();
  try {
    await client.query('BEGIN');
    const tx = kyselyOn(client);
    const task = (await tx.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirstOrThrow());
    const a = await tx.selectFrom('annotations').select('id').where('item_id', '=', task.item_id).orderBy('version', 'desc').limit(1).executeTakeFirst();
    await settleAccepted(tx, { task, annotationId: a?.id ?? null, annotatorId: task.annotator_id });
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally { client.release(); }
}

async function run(maxRejections: number, ops: Op[]): Promise<void> {
  const projectId = await h.project(`Prop ${randomUUID()}`, { stages: ['annotate', 'review'], reviewRate: 1, maxRejections });
  await h.importText(projectId, h.imageRows(2));
  for (const p of people) await h.member(projectId, p, 'annotator');
  await h.member(projectId, reviewer, 'reviewer');
  await writeRateCard(h.deps.db, projectId, ['car', 'lane'], CARD, null, new Date(Date.now() - 60_000));
  const db = h.deps.db;

  for (const o of ops) {
    if (o.op === 'submit') {
      const who = people[o.who]!;
      const view = await dispenser.claimNextView(h.deps, who, projectId);
      if (view) await submissions.submit(h.deps, who, view.task.id, randomUUID(), { schemaVersion: 1, objects: o.objects.map((x, i) => car(i, x)) });
    } else if (o.op === 'review') {
      const view = await dispenser.claimNextView(h.deps, reviewer, projectId, 'review');
      if (view) {
        const reasons = o.accept ? [] : [{ code: 'wrong_class', objectId: null }];
        await review(h.deps, reviewer, view.task.id, { decisionId: randomUUID(), verdict: o.accept ? 'accept' : 'reject', reasons });
      }
    } else {
      // A retried or racing settlement of work already accepted (or not yet: then it must pay nothing new
      // beyond what acceptance pays, because only accepted and reassigned attempts earn).
      const done = await db.selectFrom('tasks').select('id').where('project_id', '=', projectId).where('stage', '=', 'accepted').execute();
      for (const t of done) {
        if (o.op === 'retry') await settleIn(t.id);
        else { await Promise.all([settleIn(t.id), settleIn(t.id)]); seen.raced++; }
      }
    }
  }

  // The books balance: every entry's legs, and so all of them, sum to zero.
  const unbalanced = await db.selectFrom('ledger_legs').innerJoin('ledger_entries', 'ledger_entries.id', 'ledger_legs.entry_id')
    .select(['entry_id', (eb) => eb.fn.sum<number>('ledger_legs.amount_minor').as('s')]).where('project_id', '=', projectId)
    .groupBy('entry_id').having((eb) => eb.fn.sum('ledger_legs.amount_minor'), '<>', 0).execute();
  assert.deepEqual(unbalanced, []);

  // What each person should have earned, worked out from the attempts alone.
  const card = (await cardOf(db, projectId, new Date()))!.card;
  const tasks = await db.selectFrom('tasks').innerJoin('items', 'items.id', 'tasks.item_id').select(['tasks.id', 'tasks.stage', 'items.kind', 'items.frames', 'items.metadata'])
    .where('tasks.project_id', '=', projectId).execute();
  const attempts = await db.selectFrom('work_attempts').leftJoin('annotations', 'annotations.id', 'work_attempts.annotation_id')
    .select(['work_attempts.id', 'work_attempts.task_id', 'work_attempts.user_id', 'work_attempts.stage', 'work_attempts.outcome', 'annotations.payload'])
    .where('work_attempts.project_id', '=', projectId).orderBy('work_attempts.created_at').orderBy('work_attempts.id').execute();
  const expected = new Map<string, number>();
  const add = (u: string, n: number) => expected.set(u, (expected.get(u) ?? 0) + n);
  for (const t of tasks) {
    const mine = attempts.filter((a) => a.task_id === t.id);
    if (t.stage !== 'accepted') continue; // nothing is paid for work not accepted
    const lastShared = new Map<string, (typeof mine)[number]>();
    for (const a of mine) {
      if (a.stage === 'annotate' && a.outcome === 'accepted') for (const u of pricedUnits(card, 'annotator', t, a.payload)) add(a.user_id, u.amountMinor);
      if (a.stage === 'annotate' && a.outcome === 'reassigned') lastShared.set(a.user_id, a);
      if (a.stage === 'review') add(a.user_id, card.review.perItem);
    }
    seen.accepted++;
    seen.shared += lastShared.size;
    for (const a of lastShared.values()) for (const u of pricedUnits(card, 'annotator', t, a.payload)) add(a.user_id, applyBps(u.priceMinor, [...u.bps, card.reassignedShareBps]));
  }
  const paid = await db.selectFrom('ledger_legs').innerJoin('ledger_entries', 'ledger_entries.id', 'ledger_legs.entry_id')
    .select(['ledger_legs.user_id', (eb) => eb.fn.sum<number>('ledger_legs.amount_minor').as('s')])
    .where('project_id', '=', projectId).where('account', '=', 'payable').groupBy('ledger_legs.user_id').execute();
  const got = new Map(paid.map((p) => [p.user_id!, -Number(p.s)]));
  for (const [u, n] of expected) if (n === 0) expected.delete(u);
  assert.deepEqual(got, expected, 'each accepted unit paid exactly once, at its price');

  // No entry for an attempt that was not accepted (or reassigned and then accepted by someone else).
  const stray = await db.selectFrom('ledger_entries').innerJoin('tasks', 'tasks.id', 'ledger_entries.task_id')
    .select('ledger_entries.key').where('ledger_entries.project_id', '=', projectId).where('tasks.stage', '<>', 'accepted').execute();
  assert.deepEqual(stray, []);
  // Billing: each accepted item once, at the client price of its accepted annotation.
  const revenue = await db.selectFrom('ledger_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('project_id', '=', projectId).where('kind', '=', 'machine').executeTakeFirst();
  assert.equal(Number(revenue?.n), tasks.filter((t) => t.stage === 'accepted').length);
}

test('every accepted unit is paid exactly once; the books balance; unaccepted work earns nothing', async () => {
  await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 2 }), fc.array(opArb, { minLength: 6, maxLength: 20 }), run), { numRuns: 25, seed: 7 });
  // The runs reached what they are meant to test.
  assert.ok(seen.accepted > 0 && seen.shared > 0 && seen.raced > 0, JSON.stringify(seen));
});
