// Pay periods: a closed period takes every ledger entry made before its end that no earlier period
// holds (so an entry committed late still lands in exactly one period), and writes one statement
// per person paid and one invoice. Periods are UTC calendar weeks (from Monday) or months.
import { uuidv7 } from '@cadre/core';
import { kyselyOn, pay, withTransaction, type LedgerEntryRow } from '@cadre/db';
import type pg from 'pg';
import { AppError, invalid } from '../../errors.ts';
import { cardOf } from './cards.ts';

export interface PeriodBounds { label: string; startsAt: Date; endsAt: Date }

export function periodOf(kind: 'weekly' | 'monthly', at: Date): PeriodBounds {
  if (kind === 'monthly') {
    const startsAt = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
    const endsAt = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
    return { label: startsAt.toISOString().slice(0, 7), startsAt, endsAt };
  }
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  const startsAt = new Date(day - sinceMonday * 86_400_000);
  const endsAt = new Date(startsAt.getTime() + 7 * 86_400_000);
  return { label: `week of ${startsAt.toISOString().slice(0, 10)}`, startsAt, endsAt };
}

export interface StatementLine { description: string; quantity: number; amountMinor: number }
export interface InvoiceLine { description: string; quantity: number; unitPriceMinor: number; amountMinor: number }

const quantityOf = (e: LedgerEntryRow) => Number((e.detail as { quantity?: number }).quantity ?? 1);
const descriptionOf = (e: LedgerEntryRow) => String((e.detail as { description?: string }).description ?? e.kind);

export interface ClosedPeriod { id: string; label: string; startsAt: string; endsAt: string; statements: number; invoiceTotalMinor: number; replayed: boolean }

/**
 * Closes the period holding `at` (a period still running at `now` cannot close). Closing twice
 * answers with the first close.
 */
export async function closePeriod(pool: pg.Pool, projectId: string, at: Date, by: string | null, now = new Date()): Promise<ClosedPeriod> {
  return withTransaction(pool, async (client) => {
    const tx = kyselyOn(client);
    const found = await cardOf(tx, projectId, now);
    if (!found) throw invalid('this project has no rate card, so nothing to close');
    const { card } = found;
    const b = periodOf(card.period, at);
    if (b.endsAt > now) throw new AppError('conflict', `the period ${b.label} runs until ${b.endsAt.toISOString()}; it closes after it ends`);
    const period = await pay.insertPeriod(tx, { id: uuidv7(), projectId, label: b.label, startsAt: b.startsAt, endsAt: b.endsAt, closedBy: by });
    if (!period) {
      const done = (await pay.periodByStart(tx, projectId, b.startsAt))!;
      return { id: done.id, label: done.label, startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString(), statements: 0, invoiceTotalMinor: 0, replayed: true };
    }
    const entries = await pay.unperiodEntries(tx, projectId, b.endsAt);
    await pay.insertPeriodEntries(tx, period.id, entries.map((e) => e.id));
    const legs = await pay.legsOfEntries(tx, entries.map((e) => e.id));
    const byId = new Map(entries.map((e) => [e.id, e]));

    const people = new Map<string, Map<string, StatementLine>>();
    const invoice = new Map<string, InvoiceLine>();
    for (const l of legs) {
      const e = byId.get(l.entry_id)!;
      if (l.account === 'payable' && l.user_id) {
        const lines = people.get(l.user_id) ?? new Map<string, StatementLine>();
        people.set(l.user_id, lines);
        const d = descriptionOf(e);
        const line = lines.get(d) ?? { description: d, quantity: 0, amountMinor: 0 };
        line.quantity += quantityOf(e);
        line.amountMinor -= l.amount_minor;
        lines.set(d, line);
      } else if (l.account === 'revenue') {
        const price = Number((e.detail as { priceMinor?: number }).priceMinor ?? 0);
        const d = descriptionOf(e);
        const k = `${d}\u0000${price}`;
        const line = invoice.get(k) ?? { description: d, quantity: 0, unitPriceMinor: price, amountMinor: 0 };
        line.quantity += quantityOf(e);
        line.amountMinor -= l.amount_minor;
        invoice.set(k, line);
      }
    }
    for (const [userId, lines] of people) {
      const list = [...lines.values()].sort((a, b) => a.description.localeCompare(b.description));
      await pay.insertStatement(tx, {
        id: uuidv7(), periodId: period.id, projectId, userId, currency: card.currency,
        totalMinor: list.reduce((s, x) => s + x.amountMinor, 0), units: list.reduce((s, x) => s + x.quantity, 0), lines: list,
      });
    }
    const lines = [...invoice.values()].sort((a, b) => a.description.localeCompare(b.description) || a.unitPriceMinor - b.unitPriceMinor);
    const total = lines.reduce((s, x) => s + x.amountMinor, 0);
    await pay.insertInvoice(tx, { id: uuidv7(), periodId: period.id, projectId, currency: card.currency, totalMinor: total, units: lines.reduce((s, x) => s + x.quantity, 0), lines });
    return { id: period.id, label: b.label, startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString(), statements: people.size, invoiceTotalMinor: total, replayed: false };
  });
}
