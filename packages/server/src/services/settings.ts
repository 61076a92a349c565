import { parseCheckSettings, type ValidationIssue } from '@cadre/core';
import { DEFAULT_WORKFLOW, WORKFLOW_RULES, type WorkflowSettings } from './workflow/settings.ts';
import { DEFAULT_LIMITS, LIMIT_RULES, type LimitSettings } from './limits/settings.ts';
import { DASHBOARD_RULES, DEFAULT_DASHBOARD, type DashboardSettings } from './dashboard/settings.ts';

/** Per-project knobs with their defaults; unknown keys are refused so typos do not pass silently. */
export interface ProjectSettings extends WorkflowSettings, LimitSettings, DashboardSettings {
  leaseSeconds: number;
  maxHeldTasks: number;
  stage: string;
  /** Text spans: 'token' (default) snaps a selection to whole tokens, 'char' keeps character precision. */
  granularity: 'token' | 'char';
  /** Text spans: whether two spans may overlap (default false). */
  allowOverlap: boolean;
  /** Text classification: several classes per item (default false: one). */
  multiLabel: boolean;
}

export const DEFAULT_SETTINGS: ProjectSettings = {
  leaseSeconds: 1800, maxHeldTasks: 2, stage: 'annotate', granularity: 'token', allowOverlap: false, multiLabel: false,
  ...DEFAULT_WORKFLOW, ...DEFAULT_LIMITS, ...DEFAULT_DASHBOARD,
};

const RULES: Record<keyof ProjectSettings, (v: unknown) => string | null> = {
  leaseSeconds: (v) => (Number.isInteger(v) && (v as number) >= 10 && (v as number) <= 86_400 ? null : 'must be an integer from 10 to 86400 (seconds)'),
  maxHeldTasks: (v) => (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 10 ? null : 'must be an integer from 1 to 10'),
  stage: (v) => (typeof v === 'string' && /^[a-z][a-z0-9_]{0,39}$/.test(v) ? null : 'must be a lower-case name like "annotate"'),
  granularity: (v) => (v === 'token' || v === 'char' ? null : `must be "token" or "char", got ${JSON.stringify(v)}`),
  allowOverlap: (v) => (typeof v === 'boolean' ? null : `must be true or false, got ${JSON.stringify(v)}`),
  multiLabel: (v) => (typeof v === 'boolean' ? null : `must be true or false, got ${JSON.stringify(v)}`),
  ...WORKFLOW_RULES, ...LIMIT_RULES, ...DASHBOARD_RULES,
};

export function parseSettings(input: unknown, base: ProjectSettings = DEFAULT_SETTINGS): { settings: ProjectSettings; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const settings = { ...base };
  if (input === undefined || input === null) return { settings, issues };
  if (typeof input !== 'object' || Array.isArray(input)) return { settings, issues: [{ path: 'settings', message: 'must be an object' }] };
  for (const [key, value] of Object.entries(input)) {
    const rule = RULES[key as keyof ProjectSettings];
    if (!rule) { issues.push({ path: `settings.${key}`, message: `unknown setting (known: ${Object.keys(RULES).join(', ')})` }); continue; }
    const problem = rule(value);
    if (problem) issues.push({ path: `settings.${key}`, message: problem });
    else (settings as Record<string, unknown>)[key] = value;
  }
  // The checks are given in part; every reader wants them whole.
  settings.checks = parseCheckSettings(settings.checks).settings;
  return { settings, issues };
}

// A project's stored settings object lives in the project cache and is read on every claim and
// submit: parse each object once.
const parsed = new WeakMap<object, ProjectSettings>();

export function settingsOf(stored: unknown): ProjectSettings {
  if (typeof stored !== 'object' || stored === null) return parseSettings(stored).settings;
  let settings = parsed.get(stored);
  if (!settings) {
    settings = Object.freeze(parseSettings(stored).settings);
    parsed.set(stored, settings);
  }
  return settings;
}
