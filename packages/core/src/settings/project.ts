import { parseCheckSettings } from '../checks/settings.ts';
import type { ValidationIssue } from '../result.ts';
import { DASHBOARD_RULES, DEFAULT_DASHBOARD, type DashboardSettings } from './dashboard.ts';
import { DEFAULT_LEARNING, LEARNING_RULES, type LearningSettings } from './learning.ts';
import { DEFAULT_LIMITS, LIMIT_RULES, type LimitSettings } from './limits.ts';
import type { Rule } from './rule.ts';
import { DEFAULT_TEXT, TEXT_RULES, type TextSettings } from './text.ts';
import { DEFAULT_WORKFLOW, WORKFLOW_RULES, type WorkflowSettings } from './workflow.ts';

/** Per-project knobs with their defaults; unknown keys are refused so typos do not pass silently. */
export interface ProjectSettings extends WorkflowSettings, LimitSettings, DashboardSettings, TextSettings, LearningSettings {
  leaseSeconds: number;
  maxHeldTasks: number;
  stage: string;
}

export const DEFAULT_SETTINGS: ProjectSettings = {
  leaseSeconds: 1800, maxHeldTasks: 2, stage: 'annotate',
  ...DEFAULT_TEXT, ...DEFAULT_WORKFLOW, ...DEFAULT_LIMITS, ...DEFAULT_DASHBOARD, ...DEFAULT_LEARNING,
};

const RULES: Record<keyof ProjectSettings, Rule> = {
  leaseSeconds: (v) => (Number.isInteger(v) && (v as number) >= 10 && (v as number) <= 86_400 ? null : 'must be an integer from 10 to 86400 (seconds)'),
  maxHeldTasks: (v) => (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 10 ? null : 'must be an integer from 1 to 10'),
  stage: (v) => (typeof v === 'string' && /^[a-z][a-z0-9_]{0,39}$/.test(v) ? null : 'must be a lower-case name like "annotate"'),
  ...TEXT_RULES, ...WORKFLOW_RULES, ...LIMIT_RULES, ...DASHBOARD_RULES, ...LEARNING_RULES,
};

/**
 * Reads settings over `base` (the defaults, or a project's current settings for a PATCH), reporting
 * every bad or unknown key with its path; a bad value keeps the base's.
 */
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

/** A PATCH of some settings over a project's current ones: the whole result, or every problem. */
export function patchSettings(current: ProjectSettings, patch: unknown): { settings: ProjectSettings; issues: ValidationIssue[] } {
  return parseSettings(patch, current);
}

// A project's stored settings object is read on every claim and submit: parse each object once.
// What this returns is frozen and known, so handing it back in costs nothing.
const parsed = new WeakMap<object, ProjectSettings>();
const results = new WeakSet<object>();

/** The typed settings of a stored settings object (defaults filled in, bad or unknown keys ignored). */
export function settingsOf(stored: unknown): ProjectSettings {
  if (typeof stored !== 'object' || stored === null) return parseSettings(stored).settings;
  if (results.has(stored)) return stored as ProjectSettings;
  let settings = parsed.get(stored);
  if (!settings) {
    settings = Object.freeze(parseSettings(stored).settings);
    parsed.set(stored, settings);
    results.add(settings);
  }
  return settings;
}
