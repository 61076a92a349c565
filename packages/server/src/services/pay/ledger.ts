// The settlement cycle: when work is finally accepted, what it earned is posted to the ledger, once.
//
// - Labelling: each accepted attempt on the item earns its units at the card in force when the item is
//   accepted. A rejected attempt earns nothing; the author's accepted rework earns the full price.
// - Reassigned work: a first author whose work was reassigned after repeated rejection earns the
//   card's `reassignedShareBps` of their last attempt's units, posted when the task is finally accepted.
// - Inspections (review and QA verdicts, accept or reject) are paid per item inspected, and settle
//   when the inspected item is finally accepted; an item never accepted pays no inspection.
// - The client is billed the item's accepted annotation at the client price; the machine cost per item
//   is posted beside it (that entry also records the item's method for cost per item). Each model
//   that pre-labelled the item posts what its prediction cost (an API's charge, or machine time at
//   the model's hour rate: machine-report/cost.ts) as an entry of its own, keyed by the prediction.
// Every entry's key names its unit of work; a retry or a racing server posts nothing twice.
import { uuidv7 } from '@cadre/core';
import { outcomes, pay, withTransaction, kyselyOn, type Db, type LedgerEntryRow, type LedgerKind, type TaskRow } from '@cadre/db';
import type pg from 'pg';
import { AppError, invalid, notFound } from '../../errors.ts';
import { machineCostMinor } from '../machine-report/cost.ts';
import { cardOf } from './cards.ts';
import { methodOf, pricedUnits, type PayItem, type PricedUnit } from './units.ts';

/** The accepted work (moves.ts `Work`, structurally). */
export interface SettledWork { task: TaskRow; annotationId: string | null; annotatorId: string | null }

type Entry = pay.NewEntry;

function entry(e: Omit<Entry, 'id' | 'legs'>, debit: 'labour_expense' | 'receivable' | 'machine_expense', credit: 'payable' | 'revenue' | 'machine_payable'): Entry {
  return {
    ...e, id: uuidv7(),
    legs: [
      { account: debit, userId: null, amountMinor: e.amountMinor },
      { account: credit, userId: credit === 'payable' ? e.userId : null, amountMinor: -e.amountMinor },
    ],
  };
}

const detailOf = (u: PricedUnit, extra: Record<string, unknown> = {}) => ({
  unit: u.unit, unitKey: u.key, description: u.description, priceMinor: u.priceMinor, bps: u.bps, quantity: 1,
  ...(u.class !== undefined ? { class: u.class, geometry: u.geometry } : {}), ...(u.origin ? { origin: u.origin } : {}), ...(u.frame !== undefined ? { frame: u.frame } : {}),
  ...extra,
});

/** Posts what the finally accepted work earned and what it bills; called by `accept()` in its transaction. */
export async function settleAccepted(tx: Db, work: SettledWork, at: Date = new Date()): Promise<number> {
  const { task } = work;
  const found = await cardOf(tx, task.project_id, at);
  if (!found) return 0; // the project keeps no books
  const { row, card } = found;
  const item = (await pay.itemOf(tx, task.item_id)) as PayItem | undefined;
  if (!item) return 0;
  const accepted = work.annotationId ? await pay.annotationPayload(tx, work.annotationId) : null;
  const method = methodOf(accepted);
  const common = { projectId: task.project_id, taskId: task.id, itemId: task.item_id, rateCardId: row.id, currency: card.currency, method, reverses: null };
  const entries: Entry[] = [];

  // By item, not task: with consensus every copy's author is paid for their own labelling.
  const attempts = await pay.attemptsOfItem(tx, task.item_id);
  const lastReassigned = new Map<string, (typeof attempts)[number]>();
  for (const a of attempts) {
    if (a.stage === 'annotate' && a.outcome === 'accepted') {
      for (const u of pricedUnits(card, 'annotator', item, a.payload)) {
        if (u.amountMinor === 0) continue;
        entries.push(entry({ ...common, key: `labour:${a.id}:${u.key}`, kind: 'labour', userId: a.user_id, attemptId: a.id, amountMinor: u.amountMinor, detail: detailOf(u) }, 'labour_expense', 'payable'));
      }
    } else if (a.stage === 'annotate' && a.outcome === 'reassigned') {
      lastReassigned.set(a.user_id, a);
    } else if ((a.stage === 'review' || a.stage === 'qa') && a.outcome === 'done') {
      const price = a.stage === 'review' ? card.review.perItem : card.qa.perItem;
      if (price === 0) continue;
      entries.push(entry({
        ...common, key: `inspection:${a.id}`, kind: 'inspection', userId: a.user_id, attemptId: a.id, amountMinor: price,
        detail: { unit: 'inspection', unitKey: 'inspection', description: `${a.stage} inspection`, priceMinor: price, bps: [], quantity: 1 },
      }, 'labour_expense', 'payable'));
    }
  }
  if (card.reassignedShareBps > 0) {
    for (const a of lastReassigned.values()) {
      for (const u of pricedUnits(card, 'annotator', item, a.payload, [card.reassignedShareBps])) {
        if (u.amountMinor === 0) continue;
        entries.push(entry({
          ...common, key: `share:${a.id}:${u.key}`, kind: 'labour', userId: a.user_id, attemptId: a.id, amountMinor: u.amountMinor,
          detail: detailOf(u, { description: `${u.description}, reassigned share`, share: true }),
        }, 'labour_expense', 'payable'));
      }
    }
  }
  for (const u of pricedUnits(card, 'client', item, accepted)) {
    if (u.amountMinor === 0) continue;
    entries.push(entry({ ...common, key: `revenue:${task.item_id}:${u.key}`, kind: 'revenue', userId: null, attemptId: null, amountMinor: u.amountMinor, detail: detailOf(u) }, 'receivable', 'revenue'));
  }
  entries.push(entry({
    ...common, key: `machine:${task.item_id}`, kind: 'machine', userId: null, attemptId: null, amountMinor: card.machinePerItem,
    detail: { unit: 'item', unitKey: 'item', description: 'machine cost', priceMinor: card.machinePerItem, bps: [], quantity: 1 },
  }, 'machine_expense', 'machine_payable'));
  for (const p of await outcomes.machineUseOfItem(tx, task.item_id)) {
    const amountMinor = machineCostMinor({ ms: p.machine_ms, hourRateMinor: p.hour_rate_minor, costMinor: p.cost_minor });
    if (amountMinor === 0) continue;
    entries.push(entry({
      ...common, key: `model:${p.id}`, kind: 'machine', userId: null, attemptId: null, amountMinor,
      detail: {
        unit: 'item', unitKey: 'model', description: `machine time, ${p.name} ${p.version}`, priceMinor: amountMinor, bps: [], quantity: 1,
        modelId: p.model_id, predictionId: p.id, machineMs: p.machine_ms, hourRateMinor: p.hour_rate_minor, costMinor: p.cost_minor,
      },
    }, 'machine_expense', 'machine_payable'));
  }
  return (await pay.postEntries(tx, entries)).length;
}

const DEBITS = new Set<string>(['labour_expense', 'receivable', 'machine_expense']);

export interface Correction { amountMinor: number; note: string }

/**
 * A manager's correction: the entry is reversed by a new entry, and (for a non-zero amount) a
 * replacement is posted; the original stays. An entry is corrected once; correct the replacement after.
 */
export async function correctEntry(pool: pg.Pool, entryId: string, c: Correction, by: string | null): Promise<{ reversal: LedgerEntryRow; replacement: LedgerEntryRow | null }> {
  if (!Number.isSafeInteger(c.amountMinor) || c.amountMinor < 0) throw invalid(`amountMinor: must be a whole, non-negative number of minor units, got ${JSON.stringify(c.amountMinor)}`);
  if (typeof c.note !== 'string' || c.note.trim() === '') throw invalid('note: a correction needs a reason');
  return withTransaction(pool, async (client) => {
    const tx = kyselyOn(client);
    const original = await pay.entryById(tx, entryId);
    if (!original) throw notFound('ledger entry');
    if (original.kind === 'correction') throw invalid('a reversal is not corrected; correct the replacement entry instead');
    const legs = await pay.legsOf(tx, entryId);
    const base = {
      projectId: original.project_id, userId: original.user_id, taskId: original.task_id, itemId: original.item_id, attemptId: original.attempt_id,
      rateCardId: original.rate_card_id, currency: original.currency, method: original.method,
    };
    const detail = original.detail as Record<string, unknown>;
    const reversal: Entry = {
      ...base, id: uuidv7(), key: `reversal:${entryId}`, kind: 'correction', amountMinor: -original.amount_minor, reverses: entryId,
      detail: { ...detail, quantity: -Number(detail.quantity ?? 1), description: `reversal: ${String(detail.description ?? original.kind)}`, note: c.note.trim(), by },
      legs: legs.map((l) => ({ account: l.account, userId: l.user_id, amountMinor: -l.amount_minor })),
    };
    const replacement: Entry | null = c.amountMinor === 0 ? null : {
      ...base, id: uuidv7(), key: `replacement:${entryId}`, kind: original.kind as LedgerKind, amountMinor: c.amountMinor, reverses: null,
      detail: { ...detail, priceMinor: c.amountMinor, bps: [], correctionOf: entryId, note: c.note.trim(), by },
      legs: legs.map((l) => ({ account: l.account, userId: l.user_id, amountMinor: DEBITS.has(l.account) ? c.amountMinor : -c.amountMinor })),
    };
    const written = await pay.postEntries(tx, replacement ? [reversal, replacement] : [reversal]);
    if (!written.includes(reversal.id)) throw new AppError('conflict', 'this entry was already corrected; correct its replacement instead');
    return { reversal: (await pay.entryById(tx, reversal.id))!, replacement: replacement ? (await pay.entryById(tx, replacement.id))! : null };
  });
}
