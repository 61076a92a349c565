// What the books say: a person's earnings, the project's margin and cost per item, statements and
// invoices (with their CSV). No access checks here; pay.service.ts gates them.
import { pay, type Db } from '@cadre/db';
import { cardOf } from './cards.ts';
import { toCsv } from './csv.ts';
import { divRound, formatMinor } from './money.ts';
import type { InvoiceLine, StatementLine } from './periods.ts';
import { pricedUnits, type Method, type PayItem } from './units.ts';

const NO_CURRENCY = 'XXX'; // ISO 4217's code for "no currency": a project without a card

/** The currency of the project's rate cards; XXX (no currency) while it has none. */
export async function currencyOf(db: Db, projectId: string): Promise<string> {
  return (await pay.anyRateCard(db, projectId))?.currency.trim() ?? NO_CURRENCY;
}

/**
 * Pending: this person's labelling submitted and not yet decided, at the current card's prices;
 * settled: what the ledger owes them (all time, and since the start of `at`'s UTC day).
 */
export async function earningsSummary(db: Db, projectId: string, userId: string, at: Date = new Date()): Promise<{ currency: string; pendingMinor: number; settledMinor: number; todaySettledMinor: number }> {
  const found = await cardOf(db, projectId, at);
  let pendingMinor = 0;
  if (found) {
    for (const a of await pay.pendingAttempts(db, projectId, userId)) {
      for (const u of pricedUnits(found.card, 'annotator', a as PayItem, a.payload)) pendingMinor += u.amountMinor;
    }
  }
  const dayStart = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const [settledMinor, todaySettledMinor] = await Promise.all([pay.payableTo(db, projectId, userId), pay.payableTo(db, projectId, userId, dayStart)]);
  return { currency: found?.card.currency ?? (await currencyOf(db, projectId)), pendingMinor, settledMinor, todaySettledMinor };
}

/**
 * Per accepted item by method (rounded half up): `perItemMinor` is labour, `totalPerItemMinor` labour
 * and machine cost together (the card's flat machine cost and each model's measured cost), so hand,
 * pre-labelled and automatic work compare on what an item really cost.
 */
export interface CostPerItem { method: Method; items: number; labourMinor: number; perItemMinor: number; machineMinor: number; totalPerItemMinor: number }

/** Margin = revenue − labour − machine cost; cost per accepted item by method. */
export async function projectMoney(db: Db, projectId: string): Promise<{ currency: string; revenueMinor: number; labourMinor: number; machineMinor: number; marginMinor: number; costPerItem: CostPerItem[] }> {
  const totals = await pay.accountTotals(db, projectId);
  const sum = (account: string) => totals.filter((t) => t.account === account).reduce((s, t) => s + Number(t.total), 0);
  const revenueMinor = -sum('revenue');
  const labourMinor = sum('labour_expense');
  const machineMinor = sum('machine_expense');
  const perItem = await pay.labourPerItem(db, projectId);
  const costPerItem = (['manual', 'prelabeled', 'automatic'] as const).map((method) => {
    const rows = perItem.filter((r) => r.method === method);
    const labour = rows.reduce((s, r) => s + Number(r.labour), 0);
    const machine = rows.reduce((s, r) => s + Number(r.machine), 0);
    return { method, items: rows.length, labourMinor: labour, perItemMinor: divRound(labour, rows.length), machineMinor: machine, totalPerItemMinor: divRound(labour + machine, rows.length) };
  });
  return { currency: await currencyOf(db, projectId), revenueMinor, labourMinor, machineMinor, marginMinor: revenueMinor - labourMinor - machineMinor, costPerItem };
}

export async function listInvoices(db: Db, projectId: string): Promise<{ id: string; period: string; currency: string; totalMinor: number; units: number; closedAt: string | null }[]> {
  return (await pay.invoicesOf(db, projectId)).map((r) => ({
    id: r.id, period: r.period, currency: r.currency.trim(), totalMinor: Number(r.total_minor), units: r.units, closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
  }));
}

export interface StatementView { id: string; period: string; userId: string; userName: string; currency: string; totalMinor: number; units: number; lines: StatementLine[]; closedAt: string }

export async function listStatements(db: Db, projectId: string, userId?: string): Promise<StatementView[]> {
  return (await pay.statementsOf(db, projectId, userId)).map((r) => ({
    id: r.id, period: r.period, userId: r.user_id, userName: r.user_name, currency: r.currency.trim(), totalMinor: Number(r.total_minor), units: r.units,
    lines: r.lines as StatementLine[], closedAt: new Date(r.closed_at).toISOString(),
  }));
}

export function statementCsv(s: StatementView): string {
  const rows: (string | number)[][] = [['Period', 'Person', 'Work', 'Quantity', 'Amount', 'Currency']];
  for (const l of s.lines) rows.push([s.period, s.userName, l.description, l.quantity, formatMinor(l.amountMinor, s.currency), s.currency]);
  rows.push([s.period, s.userName, 'Total', s.units, formatMinor(s.totalMinor, s.currency), s.currency]);
  return toCsv(rows);
}

export async function invoiceCsv(db: Db, projectId: string, invoiceId: string): Promise<string | null> {
  const r = (await pay.invoicesOf(db, projectId)).find((x) => x.id === invoiceId);
  if (!r) return null;
  const cur = r.currency.trim();
  const rows: (string | number)[][] = [['Period', 'Unit', 'Quantity', 'Unit price', 'Amount', 'Currency']];
  for (const l of r.lines as InvoiceLine[]) rows.push([r.period, l.description, l.quantity, formatMinor(l.unitPriceMinor, cur), formatMinor(l.amountMinor, cur), cur]);
  rows.push([r.period, 'Total', r.units, '', formatMinor(Number(r.total_minor), cur), cur]);
  return toCsv(rows);
}
