import { ApiError } from '../api.ts';

/**
 * The server's own validation, laid out by field so a form shows each problem beside its input:
 * `details` of `{ path, message }` (settings, rate cards), else a message that starts `field: `.
 * `prefix` is dropped from paths (e.g. "settings."); what names no field comes back under ''.
 */
export function fieldErrors(err: unknown, prefix = ''): Record<string, string> {
  if (!(err instanceof Error)) return { '': String(err) };
  const out: Record<string, string> = {};
  const details = err instanceof ApiError && Array.isArray(err.details) ? err.details as { path?: unknown; message?: unknown }[] : [];
  for (const d of details) {
    if (typeof d.path !== 'string' || typeof d.message !== 'string') continue;
    const field = d.path.startsWith(prefix) ? d.path.slice(prefix.length) : d.path;
    out[field] = out[field] ? `${out[field]}; ${d.message}` : d.message;
  }
  if (Object.keys(out).length > 0) return out;
  const m = /^([A-Za-z][\w.]*): (.+)$/s.exec(err.message);
  return m ? { [m[1]!.startsWith(prefix) ? m[1]!.slice(prefix.length) : m[1]!]: m[2]! } : { '': err.message };
}

/** What the user typed, as a number when it reads as one, else as typed so the server names the problem. */
export const numberOrText = (v: string): number | string => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);
