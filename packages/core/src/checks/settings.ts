import { at, checkRecord, describe } from '../check.ts';
import type { ValidationIssue } from '../result.ts';

/** The project's `checks` setting; see docs/workflow.md, "Machine checks". */
export interface CheckSettings {
  requireAttributes: boolean;
  insideImage: boolean;
  /** Pixels; 0 turns the check off. */
  minBoxSize: number;
  /** 0 turns the check off. */
  minCuboidPoints: number;
  /** Metres; null turns the check off. */
  cuboidFaceTolerance: number | null;
  /** Two objects of one class at or above this IoU are duplicates; 1 turns the check off. */
  duplicateIou: number;
}

export const DEFAULT_CHECK_SETTINGS: CheckSettings = Object.freeze({
  requireAttributes: true,
  insideImage: true,
  minBoxSize: 4,
  minCuboidPoints: 5,
  cuboidFaceTolerance: null,
  duplicateIou: 0.95,
});

const ROOT = 'settings.checks';
type Rule = (v: unknown) => string | null;

const boolean: Rule = (v) => (typeof v === 'boolean' ? null : `must be true or false, got ${describe(v)}`);
const RULES: { [K in keyof CheckSettings]: Rule } = {
  requireAttributes: boolean,
  insideImage: boolean,
  minBoxSize: (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? null : `must be a number of pixels ≥ 0 (0 turns it off), got ${describe(v)}`),
  minCuboidPoints: (v) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? null : `must be a whole number of points ≥ 0 (0 turns it off), got ${describe(v)}`),
  cuboidFaceTolerance: (v) => (v === null || (typeof v === 'number' && Number.isFinite(v) && v > 0) ? null : `must be a distance in metres > 0, or null to turn it off, got ${describe(v)}`),
  duplicateIou: (v) => (typeof v === 'number' && v > 0 && v <= 1 ? null : `must be an IoU in (0, 1] (1 turns it off), got ${describe(v)}`),
};
const KEYS = Object.keys(RULES) as (keyof CheckSettings)[];

/**
 * Reads the project's `checks` setting (every key optional, defaults filled in), reporting every
 * bad key at once. Bad values fall back to their defaults so the checks can still run.
 */
export function parseCheckSettings(input: unknown): { settings: CheckSettings; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const settings: CheckSettings = { ...DEFAULT_CHECK_SETTINGS };
  if (input === undefined) return { settings: Object.freeze(settings), issues };
  if (!checkRecord(input, ROOT, issues)) return { settings: Object.freeze(settings), issues };
  for (const [key, value] of Object.entries(input)) {
    if (!Object.hasOwn(RULES, key)) {
      issues.push({ path: at(ROOT, key), message: `unknown check setting (known: ${KEYS.join(', ')})` });
      continue;
    }
    const k = key as keyof CheckSettings;
    const problem = RULES[k](value);
    if (problem !== null) issues.push({ path: at(ROOT, key), message: problem });
    else (settings as unknown as Record<string, unknown>)[k] = value;
  }
  return { settings: Object.freeze(settings), issues };
}

