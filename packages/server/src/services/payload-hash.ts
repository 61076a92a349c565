import { createHash } from 'node:crypto';

// A retried submit must carry what the first one carried. Key order is not content (jsonb does not
// keep it), so keys are sorted before hashing; what JSON drops (undefined) is dropped here too.
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = canonical((value as Record<string, unknown>)[key]);
  return out;
}

/** The SHA-256 of the payload's canonical JSON. */
export function payloadHash(payload: unknown): string {
  return createHash('sha256').update(JSON.stringify(canonical(JSON.parse(JSON.stringify(payload ?? null))))).digest('hex');
}
