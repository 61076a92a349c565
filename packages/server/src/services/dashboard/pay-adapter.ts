// The one door to the pay service (services/pay): earnings, project money, invoices. Everything a
// dashboard shows of money passes here, copied field by field, so nothing else the pay service
// adds later reaches a dashboard (above all a client's) without a change in this file.
import type { Db } from '@cadre/db';
import { earningsSummary, listInvoices, projectMoney, uncoveredCount } from '../pay/index.ts';

export interface Earnings { currency: string; pendingMinor: number; settledMinor: number; todaySettledMinor: number }
export interface ProjectMoney {
  currency: string; revenueMinor: number; labourMinor: number; machineMinor: number; marginMinor: number;
  /** Per accepted item by method: labour (`perItemMinor`) and labour with machine cost (`totalPerItemMinor`). */
  costPerItem: { method: string; items: number; labourMinor: number; perItemMinor: number; machineMinor: number; totalPerItemMinor: number }[];
  /** Accepted items no rate card covered: unpaid until a card is set. */
  unpaidAcceptedItems: number;
}
export interface Invoice { id: string; period: string; currency: string; totalMinor: number; units: number; closedAt: string | null }

const num = (v: unknown) => Number(v ?? 0);

export async function earnings(db: Db, projectId: string, userId: string): Promise<Earnings> {
  const e = await earningsSummary(db, projectId, userId);
  return { currency: e.currency, pendingMinor: num(e.pendingMinor), settledMinor: num(e.settledMinor), todaySettledMinor: num(e.todaySettledMinor) };
}

export async function money(db: Db, projectId: string): Promise<ProjectMoney> {
  const [m, unpaidAcceptedItems] = await Promise.all([projectMoney(db, projectId), uncoveredCount(db, projectId)]);
  return {
    unpaidAcceptedItems,
    currency: m.currency, revenueMinor: num(m.revenueMinor), labourMinor: num(m.labourMinor), machineMinor: num(m.machineMinor), marginMinor: num(m.marginMinor),
    costPerItem: m.costPerItem.map((c) => ({
      method: c.method, items: num(c.items), labourMinor: num(c.labourMinor), perItemMinor: num(c.perItemMinor),
      machineMinor: num(c.machineMinor), totalPerItemMinor: num(c.totalPerItemMinor),
    })),
  };
}

/** A client's invoices: period, currency, total and units, nothing of rates or labour. */
export async function invoices(db: Db, projectId: string): Promise<Invoice[]> {
  return (await listInvoices(db, projectId)).map((i) => ({
    id: i.id, period: i.period, currency: i.currency, totalMinor: num(i.totalMinor), units: num(i.units), closedAt: i.closedAt,
  }));
}
