// The time axes every chart shares: whole hours (UTC instants) and calendar days in the project's
// time zone, oldest first, the current one last, empty ones kept so series line up.
const HOUR = 3_600_000;

export function hoursSince(now: Date, days: number): Date[] {
  const last = Math.floor(now.getTime() / HOUR) * HOUR;
  return Array.from({ length: days * 24 }, (_, i) => new Date(last - (days * 24 - 1 - i) * HOUR));
}

/** `YYYY-MM-DD` of an instant in a time zone. */
export function dayOf(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The calendar days (in `timeZone`) from `days - 1` days ago to today. */
export function daysUntil(now: Date, days: number, timeZone: string): string[] {
  const out: string[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const d = dayOf(new Date(now.getTime() - i * 24 * HOUR), timeZone);
    if (out[out.length - 1] !== d) out.push(d);
  }
  return out;
}

/** Lays rows keyed by `key` onto an axis: one value per slot, `empty` where a slot has no row. */
export function onAxis<K, R, V>(axis: readonly K[], rows: readonly R[], key: (r: R) => K, value: (r: R) => V, empty: V): V[] {
  const by = new Map<K, V>();
  for (const r of rows) by.set(key(r), value(r));
  return axis.map((k) => by.get(k) ?? empty);
}

/** The median of the numbers given (nulls left out), or null when there are none. */
export function median(values: readonly (number | null)[]): number | null {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = xs.length >> 1;
  return xs.length % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
}

export const rate = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);
