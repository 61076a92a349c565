import { ApiError } from '../api.ts';

/** What a failed request says, with the server's per-field details when it sent them. */
export function describeError(e: unknown): string {
  const details = e instanceof ApiError && Array.isArray(e.details) ? (e.details as { path: string; message: string }[]).map((d) => `${d.path}: ${d.message}`).join('; ') : '';
  return `${e instanceof Error ? e.message : String(e)}${details ? ` (${details})` : ''}`;
}
