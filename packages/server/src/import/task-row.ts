import { findUnstorable } from '../storable.ts';
import { describe, isPlainObject } from './types.ts';
import type { PredictionInput, RowResult } from './types.ts';

const INT32_MAX = 2147483647;
type Problem = { field: string; message: string };

/**
 * Checks one parsed row against Label Studio's task shape. An object without `data` is the data itself
 * (as in Label Studio), unless it carries `predictions`, which only make sense beside `data`.
 * Other top-level keys (`id`, `annotations`, `meta`...) are ignored so Label Studio exports re-import.
 */
export function toTaskRow(value: unknown, line: number, file: string): RowResult {
  const fail = (p: Problem): RowResult => ({ ok: false, error: { file, line, ...p } });
  if (!isPlainObject(value)) return fail({ field: 'row', message: `expected a JSON object, got ${describe(value)}` });
  const unstorable = findUnstorable(value, '');
  if (unstorable) return fail({ field: unstorable.path || 'row', message: unstorable.problem });
  if (!('data' in value)) {
    if ('predictions' in value) {
      return fail({ field: 'data', message: 'missing: a row with "predictions" must put its fields under "data"' });
    }
    return { ok: true, row: { line, data: value, predictions: [], priority: 0 } };
  }
  const data = value['data'];
  if (!isPlainObject(data)) return fail({ field: 'data', message: `expected an object, got ${describe(data)}` });
  const predictions = readPredictions(value['predictions']);
  if (!Array.isArray(predictions)) return fail(predictions);
  const priority = readPriority(value['priority']);
  if (typeof priority !== 'number') return fail(priority);
  return { ok: true, row: { line, data, predictions, priority } };
}

/** Priority is an int column; CSV gives strings, so integer strings count too. */
export function readPriority(value: unknown): number | Problem {
  if (value === undefined || value === null || value === '') return 0;
  const n = typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n === 'number' && Number.isInteger(n) && Math.abs(n) <= INT32_MAX) return n;
  return { field: 'priority', message: `expected a whole number between -${INT32_MAX} and ${INT32_MAX}, got ${describe(value)}` };
}

function readPredictions(value: unknown): PredictionInput[] | Problem {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    return { field: 'predictions', message: `expected an array of predictions, got ${describe(value)}` };
  }
  const out: PredictionInput[] = [];
  for (let i = 0; i < value.length; i++) {
    const p = readPrediction(value[i], `predictions[${i}]`);
    if ('field' in p) return p;
    out.push(p);
  }
  return out;
}

function readPrediction(p: unknown, at: string): PredictionInput | Problem {
  if (!isPlainObject(p)) return { field: at, message: `expected an object, got ${describe(p)}` };
  const version = p['model_version'] ?? null;
  if (version !== null && typeof version !== 'string') {
    return { field: `${at}.model_version`, message: `expected a string, got ${describe(version)}` };
  }
  const score = p['score'] ?? null;
  if (score !== null && (typeof score !== 'number' || !(score >= 0 && score <= 1))) {
    return { field: `${at}.score`, message: `expected a number between 0 and 1, got ${describe(score)}` };
  }
  const result = p['result'];
  if (!Array.isArray(result)) {
    const got = result === undefined ? 'it is missing' : `got ${describe(result)}`;
    return { field: `${at}.result`, message: `expected an array of regions, ${got}` };
  }
  const bad = result.findIndex((r) => !isPlainObject(r));
  if (bad !== -1) {
    return { field: `${at}.result[${bad}]`, message: `expected an object, got ${describe(result[bad])}` };
  }
  return { modelVersion: version, score, result };
}
