// How the charts write times, shares and money on axes, labels and tables.
import type { Charts } from '@cadre/contract';
export { money } from '../dashboard/use-dashboard.ts';

export type ChartData = Charts;

/** An hour as the axis shows it: the time, with the day when the window spans days. */
export const hourLabel = (iso: string, days: number) => {
  const d = new Date(iso);
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return days > 1 ? `${d.toLocaleDateString([], { month: 'short', day: 'numeric' })} ${time}` : time;
};

export const pct = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 1000) / 10);
export const pctText = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 1000) / 10}%`);

/** Minor units (cents) as the currency's major units, for an axis. */
export function major(minor: number | null, currency: string): number | null {
  if (minor === null) return null;
  let digits = 2;
  try { digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2; } catch { /* an unknown code: cents */ }
  return minor / 10 ** digits;
}
