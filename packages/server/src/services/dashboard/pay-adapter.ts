// The one door to the pay service (services/pay): earnings, project money, invoices. Until that
// service is in place the figures are null and the dashboards say so; nothing else here knows pay.
import type { Db } from '@cadre/db';

export interface Earnings { currency: string; pendingMinor: number; settledMinor: number; todaySettledMinor: number }
export interface ProjectMoney {
  currency: string; revenueMinor: number; labourMinor: number; machineMinor: number; marginMinor: number;
  costPerItem: { method: 'manual' | 'prelabeled' | 'automatic'; items: number; labourMinor: number; perItemMinor: number }[];
}
export interface Invoice { id: string; period: string; currency: string; totalMinor: number; units: number; closedAt: string }

interface PayModule {
  earningsSummary(db: Db, projectId: string, userId: string, at?: Date): Promise<Earnings>;
  projectMoney(db: Db, projectId: string): Promise<ProjectMoney>;
  listInvoices(db: Db, projectId: string): Promise<unknown[]>;
}

// A computed specifier: the type-check does not need the module to exist yet.
const PAY = '../pay/index.ts';
let loaded: Promise<PayModule | null> | null = null;
const pay = () => (loaded ??= import(PAY).then((m) => m as PayModule, () => null));

const num = (v: unknown) => Number(v ?? 0);

export async function earnings(db: Db, projectId: string, userId: string): Promise<Earnings | null> {
  const m = await pay();
  if (!m) return null;
  const e = await m.earningsSummary(db, projectId, userId);
  return { currency: e.currency, pendingMinor: num(e.pendingMinor), settledMinor: num(e.settledMinor), todaySettledMinor: num(e.todaySettledMinor) };
}

export async function money(db: Db, projectId: string): Promise<ProjectMoney | null> {
  const m = await pay();
  return m ? m.projectMoney(db, projectId) : null;
}

/** Invoices, copied field by field: whatever else the pay service adds never reaches a client. */
export async function invoices(db: Db, projectId: string): Promise<Invoice[] | null> {
  const m = await pay();
  if (!m) return null;
  return (await m.listInvoices(db, projectId) as Record<string, unknown>[]).map((i) => ({
    id: String(i.id), period: String(i.period), currency: String(i.currency), totalMinor: num(i.totalMinor), units: num(i.units),
    closedAt: i.closedAt instanceof Date ? i.closedAt.toISOString() : String(i.closedAt),
  }));
}
