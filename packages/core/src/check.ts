// Small helpers shared by every validator, so messages and paths read the same everywhere.
import type { ValidationIssue } from './result.ts';

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** Extends a JSON path; keys that are not identifiers are quoted so the path stays unambiguous. */
export function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (!IDENT.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** How a bad value is shown in a message; NaN and Infinity must be visible, not "null" as JSON.stringify gives. */
export function describe(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

export function expected(path: string, what: string, got: unknown): ValidationIssue {
  return { path, message: `must be ${what}, got ${describe(got)}` };
}

export function checkRecord(v: unknown, path: string, issues: ValidationIssue[]): v is Record<string, unknown> {
  if (isRecord(v)) return true;
  issues.push(expected(path, 'an object', v));
  return false;
}

export function checkFinite(v: unknown, path: string, issues: ValidationIssue[]): v is number {
  if (typeof v === 'number' && Number.isFinite(v)) return true;
  issues.push(expected(path, 'a finite number', v));
  return false;
}

export function checkInteger(v: unknown, path: string, issues: ValidationIssue[]): v is number {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return true;
  issues.push(expected(path, 'an integer', v));
  return false;
}

export function checkPositive(v: unknown, path: string, issues: ValidationIssue[]): v is number {
  if (!checkFinite(v, path, issues)) return false;
  if (v > 0) return true;
  issues.push({ path, message: `must be greater than 0, got ${v}` });
  return false;
}

/** Typos in config keys ("requried") should fail loudly instead of being ignored. */
export function checkKnownKeys(
  obj: Record<string, unknown>,
  allowed: readonly string[],
  path: string,
  issues: ValidationIssue[],
): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) issues.push({ path: at(path, key), message: `unknown key (allowed: ${allowed.join(', ')})` });
  }
}
