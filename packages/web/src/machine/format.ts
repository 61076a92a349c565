// Small formatters the machine pages share.
export const share = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 1000) / 10}%`);

export function duration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return 'unknown';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export const rate = (perSecond: number | null) => (perSecond === null ? '—' : perSecond >= 10 ? `${perSecond.toFixed(0)} items/s` : `${perSecond.toFixed(2)} items/s`);

export const seconds = (s: number | null) => (s === null ? '—' : `${s.toFixed(1)} s`);

/** The answer of a failed call in words: the server's message, with its code and status. */
export function failure(e: unknown): string {
  const err = e as { message?: string; status?: number; code?: string };
  return `${err.message ?? String(e)}${err.status ? ` (${err.code ?? 'error'}, HTTP ${err.status})` : ''}`;
}
