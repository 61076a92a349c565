// Reading a remote model's JSON answer field by field: each reader names the URL and the field's
// path (`results[0].result[2].value.x`) when the value is not what the protocol says.
import { ModelError } from '../types.ts';

export class Reader {
  constructor(readonly url: string) {}

  fail(path: string, problem: string): never {
    throw new ModelError(`${this.url} answered ${path} ${problem}`, 'bad_response');
  }

  object(v: unknown, path: string): Record<string, unknown> {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(path, `as ${describe(v)}, expected an object`);
    return v as Record<string, unknown>;
  }

  array(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) this.fail(path, `as ${describe(v)}, expected a list`);
    return v;
  }

  number(v: unknown, path: string): number {
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(path, `as ${describe(v)}, expected a finite number`);
    return v;
  }

  /** A number when present; absent or null gives undefined. */
  optionalNumber(v: unknown, path: string): number | undefined {
    return v === undefined || v === null ? undefined : this.number(v, path);
  }

  string(v: unknown, path: string): string {
    if (typeof v !== 'string' || v === '') this.fail(path, `as ${describe(v)}, expected a non-empty string`);
    return v;
  }

  /** A model version: a string or a number (written as a string); absent or null gives undefined. */
  version(v: unknown, path: string): string | undefined {
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    return this.string(v, path);
  }

  /** A score in 0..1; absent or null gives undefined. */
  score(v: unknown, path: string): number | undefined {
    const s = this.optionalNumber(v, path);
    if (s !== undefined && (s < 0 || s > 1)) this.fail(path, `as ${s}, expected a score from 0 to 1`);
    return s;
  }
}

export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'number') return String(v);
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}
