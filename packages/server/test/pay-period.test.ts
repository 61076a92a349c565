// A project through one pay period: several annotators, a rejection, a reassignment with a share,
// pre-labelled objects (unchanged, edited, by hand), frames of a sequence, review and QA inspections.
// Every figure below is worked out by hand in the comments and checked to the fen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { dispenser, submissions, type Actor } from '../src/index.ts';
import { closePeriod, correctEntry, earningsSummary, listInvoices, listStatements, projectMoney, statementCsv, writeRateCard } from '../src/services/pay/index.ts';
import { harness, type Harness } from './harness.ts';
import { crew, decide } from './workflow-harness.ts';

let h: Harness;
before(async () => { h = await harness(); });
after(async () => { await h.close(); });

// CNY, fen. Annotator: 0.10 an item, 0.25 a frame, a car box 0.50, a lane 0.30; objects accepted
// unchanged from a pre-label pay 25 %, edited ones 60 %; lanes are hard (×1.5) and night items ×1.2.
// Review 0.08 and QA 0.12 an item inspected. Client: 0.40 an item, 0.60 a frame, a car 1.00, a lane 0.80.
// Machine 0.05 an item. Work reassigned after repeated rejection earns its first author 30 %.
export const CARD = {
  currency: 'CNY', period: 'monthly',
  annotator: { perItem: 10, perFrame: 25, objects: [{ class: 'car', kind: 'bbox2d', minor: 50 }, { class: 'lane', minor: 30 }], originBps: { human: 10000, prediction_edited: 6000, prediction_accepted: 2500 } },
  difficulty: [{ class: 'lane', bps: 15000 }, { metadata: { key: 'night', value: true }, bps: 12000 }],
  review: { perItem: 8 }, qa: { perItem: 12 },
  client: { perItem: 40, perFrame: 60, objects: [{ class: 'car', minor: 100 }, { class: 'lane', minor: 80 }] },
  machinePerItem: 5, reassignedShareBps: 3000,
};
const SETTINGS = { stages: ['annotate', 'review', 'qa'], reviewRate: 1, maxRejections: 2, qaBatchBy: 'count', qaBatchSize: 1, qaSampleRate: 1 };

const car = (id: string, origin?: 'prediction_accepted' | 'prediction_edited', frame?: number) => ({
  id, label: 'car', kind: 'bbox2d', geometry: { x: 10, y: 10, width: 20, height: 30 }, attributes: { occluded: false },
  ...(origin ? { origin, predictionId: `p-${id}` } : {}), ...(frame !== undefined ? { frame } : {}),
});
const lane = (id: string, origin?: 'prediction_edited') => ({
  id, label: 'lane', kind: 'polyline', geometry: { points: [[1, 1], [30, 40]] }, attributes: {},
  ...(origin ? { origin, predictionId: `p-${id}` } : {}),
});

async function submit(who: Actor, projectId: string, objects: unknown[]) {
  const view = await dispenser.claimNextView(h.deps, who, projectId);
  if (!view) throw new Error('no labelling task');
  await submissions.submit(h.deps, who, view.task.id, randomUUID(), { schemaVersion: 1, objects }).catch((e) => { throw new Error(`${e.message}: ${JSON.stringify(e.details)}`); });
  return view;
}
const reason = [{ code: 'wrong_class', objectId: null, note: 'not a car' }];

test('a pay period: statements and the invoice to the fen', async () => {
  const c = await crew(h, 'Pay period', SETTINGS, 4);
  const A = c.annotator, B = c.second, R = c.reviewer, Q = c.inspector;
  await writeRateCard(h.deps.db, c.projectId, ['car', 'lane'], CARD, h.admin.userId, new Date(Date.now() - 60_000));
  const reviewAndQa = async () => { await decide(h, c.projectId, R, 'review', 'accept'); await decide(h, c.projectId, Q, 'qa', 'accept'); };

  // Item 1, A: a car by hand, a car accepted unchanged, a lane edited from a pre-label.
  //   A: item 10 + car 50 + car 50×25% = 12.5 → 13 (half up) + lane 30×60%×1.5 = 27 → 100
  //   client: 40 + 100 + 100 + 80 = 320; method: from pre-labels
  await submit(A, c.projectId, [car('c1'), car('c2', 'prediction_accepted'), lane('l1', 'prediction_edited')]);
  await reviewAndQa();

  // Item 2, A: one car, rejected; reworked to two cars, accepted. The rejected attempt earns nothing.
  //   A: 10 + 50 + 50 = 110; R: two reviews; client: 40 + 200 = 240; method: by hand
  await submit(A, c.projectId, [car('c1')]);
  await decide(h, c.projectId, R, 'review', 'reject', { reasons: reason });
  await submit(A, c.projectId, [car('c1'), car('c2', undefined)]);
  await reviewAndQa();

  // Item 3, B: rejected twice (maxRejections 2) → reassigned to A, who accepts the pre-label as it is.
  //   A: 10 + 50×25% = 12.5 → 13 → 23
  //   B's share, 30 % of their last attempt: item 3 + car 15 + lane 30×1.5×30% = 13.5 → 14 → 32
  //   R: three reviews; client: 40 + 100 = 140; method: automatic
  await submit(B, c.projectId, [car('c1'), lane('l1')]);
  await decide(h, c.projectId, R, 'review', 'reject', { reasons: reason });
  await submit(B, c.projectId, [car('c1'), lane('l1')]);
  await decide(h, c.projectId, R, 'review', 'reject', { reasons: reason });
  await submit(A, c.projectId, [car('c1', 'prediction_accepted')]);
  await reviewAndQa();

  // Item 4, B: a 3-frame night sequence (×1.2 on every unit), a car per frame: by hand, edited, unchanged.
  //   B: item 12 + frames 3×30 = 90 + car 60 + car 50×60%×1.2 = 36 + car 50×25%×1.2 = 15 → 213
  //   client: 40 + 3×60 + 3×100 = 520; method: from pre-labels
  const seq = randomUUID();
  await sql`INSERT INTO items (id, project_id, kind, frames, metadata) VALUES (${seq}, ${c.projectId}, 'pointcloud', ${JSON.stringify(['0.pcd', '1.pcd', '2.pcd'])}::jsonb, '{"night": true}'::jsonb)`.execute(h.deps.db);
  await sql`INSERT INTO tasks (id, project_id, item_id, priority) VALUES (${randomUUID()}, ${c.projectId}, ${seq}, 10)`.execute(h.deps.db);
  const seqView = await submit(B, c.projectId, [car('f0', undefined, 0), car('f1', 'prediction_edited', 1), car('f2', 'prediction_accepted', 2)]);
  assert.equal(seqView.item.id, seq);
  await reviewAndQa();

  // Item 5, A: reviewed but still waiting in QA at the close: earns nothing yet, and shows as pending
  // (10 + 50 = 60); R's review of it is not paid yet either.
  await submit(A, c.projectId, [car('c1')]);
  await decide(h, c.projectId, R, 'review', 'accept');

  const pending = await earningsSummary(h.deps.db, c.projectId, A.userId);
  // A settled: 100 + 110 + 23 = 233
  assert.deepEqual(pending, { currency: 'CNY', pendingMinor: 60, settledMinor: 233, todaySettledMinor: 233 });

  // Labour 233 (A) + 245 (B: 32 + 213) + 56 (R: 7 reviews × 8) + 48 (Q: 4 × 12) = 582;
  // revenue 320 + 240 + 140 + 520 = 1220; machine 4 × 5 = 20; margin 1220 − 582 − 20 = 618.
  // Labour per item: by hand item 2 = 110 + 16 + 12 = 138; from pre-labels item 1 = 100 + 8 + 12 = 120 and
  // item 4 = 213 + 8 + 12 = 233, (120 + 233) / 2 = 176.5 → 177; automatic item 3 = 23 + 32 + 24 + 12 = 91.
  const money = await projectMoney(h.deps.db, c.projectId);
  assert.deepEqual(money, {
    currency: 'CNY', revenueMinor: 1220, labourMinor: 582, machineMinor: 20, marginMinor: 618,
    costPerItem: [
      // With the machine's 5 an item: 143; (353 + 10) / 2 = 181.5 → 182; 96.
      { method: 'manual', items: 1, labourMinor: 138, perItemMinor: 138, machineMinor: 5, totalPerItemMinor: 143 },
      { method: 'prelabeled', items: 2, labourMinor: 353, perItemMinor: 177, machineMinor: 10, totalPerItemMinor: 182 },
      { method: 'automatic', items: 1, labourMinor: 91, perItemMinor: 91, machineMinor: 5, totalPerItemMinor: 96 },
    ],
  });

  // Close this month (as if it had ended): one statement per person paid, one invoice.
  const now = new Date();
  const after = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 0, 0, 1));
  const closed = await closePeriod(h.deps.pool, c.projectId, now, h.admin.userId, after);
  assert.equal(closed.statements, 4);
  assert.equal(closed.invoiceTotalMinor, 1220);
  assert.equal((await closePeriod(h.deps.pool, c.projectId, now, h.admin.userId, after)).replayed, true, 'closing twice changes nothing');

  const statements = await listStatements(h.deps.db, c.projectId);
  const of = (who: Actor) => statements.find((s) => s.userId === who.userId)!;
  // Units: A 4 (item 1) + 3 (item 2) + 2 (item 3) = 9; B 3 shared + 7 on the sequence = 10; R 7; Q 4.
  assert.deepEqual([of(A), of(B), of(R), of(Q)].map((s) => [s.totalMinor, s.units]), [[233, 9], [245, 10], [56, 7], [48, 4]]);
  assert.deepEqual(of(B).lines, [
    { description: 'car bbox2d (human)', quantity: 1, amountMinor: 60 },
    { description: 'car bbox2d (human), reassigned share', quantity: 1, amountMinor: 15 },
    { description: 'car bbox2d (prediction accepted)', quantity: 1, amountMinor: 15 },
    { description: 'car bbox2d (prediction edited)', quantity: 1, amountMinor: 36 },
    { description: 'frame', quantity: 3, amountMinor: 90 },
    { description: 'item', quantity: 1, amountMinor: 12 },
    { description: 'item, reassigned share', quantity: 1, amountMinor: 3 },
    { description: 'lane polyline (human), reassigned share', quantity: 1, amountMinor: 14 },
  ]);
  assert.equal(statementCsv(of(A)).split('\r\n').at(-2), `${closed.label},${of(A).userName},Total,9,2.33,CNY`);

  // The invoice: 16 units (item 1: 4, item 2: 3, item 3: 2, item 4: 7), 12.20 CNY.
  const invoices = await listInvoices(h.deps.db, c.projectId);
  assert.deepEqual(invoices.map((i) => [i.period, i.currency, i.totalMinor, i.units]), [[closed.label, 'CNY', 1220, 16]]);

  // A manager's correction after the close: reverse R's first review and pay it 0.10 instead; the
  // closed statement stays, and the next period carries −8 + 10.
  const first = (await h.deps.db.selectFrom('ledger_entries').selectAll().where('project_id', '=', c.projectId)
    .where('kind', '=', 'inspection').where('user_id', '=', R.userId).orderBy('created_at').limit(1).executeTakeFirstOrThrow());
  await correctEntry(h.deps.pool, first.id, { amountMinor: 10, note: 'harder item than the card assumed' }, h.admin.userId);
  await assert.rejects(correctEntry(h.deps.pool, first.id, { amountMinor: 12, note: 'again' }, h.admin.userId), /already corrected/);
  assert.equal((await earningsSummary(h.deps.db, c.projectId, R.userId)).settledMinor, 58);
  assert.equal((await listStatements(h.deps.db, c.projectId, R.userId))[0]!.totalMinor, 56, 'a closed statement never changes');
  await assert.rejects(sql`UPDATE ledger_entries SET amount_minor = 0 WHERE id = ${first.id}`.execute(h.deps.db), /append-only/);
  await assert.rejects(sql`DELETE FROM statements`.execute(h.deps.db), /append-only/);
});

test('consensus: every copy\'s author is paid for their own labelling; the client is billed the merged item once', async () => {
  const c = await crew(h, 'Pay consensus', { stages: ['annotate'], overlap: 2 }, 1);
  await writeRateCard(h.deps.db, c.projectId, ['car', 'lane'], { currency: 'CNY', annotator: { perItem: 10, perObject: 50 }, client: { perItem: 40, perObject: 100 } }, null, new Date(Date.now() - 60_000));
  // A: item 10 + two cars 100 = 110; B: item 10 + one car 50 = 60; the client: 40 + 100 a car of the merged annotation.
  await submit(c.annotator, c.projectId, [car('c1'), car('c2')]);
  await submit(c.second, c.projectId, [car('c1')]);
  const merged = (await h.deps.db.selectFrom('consensus').innerJoin('annotations', 'annotations.id', 'consensus.merged_annotation_id').select('annotations.payload').where('consensus.project_id', '=', c.projectId).executeTakeFirstOrThrow()).payload as { objects: unknown[] };
  const a = await earningsSummary(h.deps.db, c.projectId, c.annotator.userId);
  const b = await earningsSummary(h.deps.db, c.projectId, c.second.userId);
  assert.deepEqual([a.settledMinor, a.pendingMinor, b.settledMinor, b.pendingMinor], [110, 0, 60, 0]);
  const money = await projectMoney(h.deps.db, c.projectId);
  assert.equal(money.labourMinor, 170);
  assert.equal(money.revenueMinor, 40 + 100 * merged.objects.length, 'billed once, for the merged annotation');
});
