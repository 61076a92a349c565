import { DEFAULT_CHECK_SETTINGS, parseCheckSettings, type CheckSettings } from '../checks/settings.ts';
import { share, whole, type Rule } from './rule.ts';

// The workflow's project settings: which stages a task passes, how review, QA sampling, gold and
// consensus behave.
export const STAGE_NAMES = ['prelabel', 'annotate', 'check', 'review', 'qa'] as const;
export type StageName = (typeof STAGE_NAMES)[number];
/** Where a task ends: the work counts. */
export const ACCEPTED = 'accepted';
/** Stages people lease tasks from. */
export const HUMAN_STAGES = ['annotate', 'review', 'qa'] as const;
export type HumanStage = (typeof HUMAN_STAGES)[number];
/**
 * Stages a model works: `prelabel` (a model worker claims the task, stores its predictions and sends
 * it on to people). It may only come first: people never hand work back to a model.
 */
export const MACHINE_WORKER_STAGES = ['prelabel'] as const;
export type MachineWorkerStage = (typeof MACHINE_WORKER_STAGES)[number];

/** The stage a project's new tasks start at: `prelabel` when its workflow starts with one, else its labelling stage. */
export function entryStage(settings: { stages: readonly string[]; stage: string }): string {
  return settings.stages[0] === 'prelabel' ? 'prelabel' : settings.stage;
}

export interface ReasonCode { code: string; label: string }

export interface WorkflowSettings {
  stages: StageName[];
  maxRejections: number;
  rejectReasons: ReasonCode[];
  reviewRate: number;
  noviceTasks: number;
  qaSampleRate: number;
  qaThreshold: number;
  qaBatchBy: 'annotator_day' | 'count';
  qaBatchSize: number;
  /** Double sampling: a first sample too close to the threshold to call grows to this many items (0: off). */
  qaSecondSample: number;
  /** Stored as given; read back with every default filled in. */
  checks: CheckSettings;
  goldRate: number;
  goldIou: number;
  qualificationSize: number;
  qualificationAccuracy: number;
  overlap: number;
  agreementThreshold: number;
}

export const DEFAULT_REJECT_REASONS: ReasonCode[] = [
  { code: 'wrong_class', label: 'Wrong class' },
  { code: 'loose_fit', label: 'Not tight to the object' },
  { code: 'missed_object', label: 'Object missed' },
  { code: 'extra_object', label: 'Not an object' },
  { code: 'wrong_attribute', label: 'Wrong attribute' },
  { code: 'other', label: 'Other' },
];

export const DEFAULT_WORKFLOW: WorkflowSettings = {
  stages: ['annotate', 'check', 'review', 'qa'], maxRejections: 3, rejectReasons: DEFAULT_REJECT_REASONS,
  reviewRate: 1, noviceTasks: 0, qaSampleRate: 0.1, qaThreshold: 0.8, qaBatchBy: 'annotator_day', qaBatchSize: 20, qaSecondSample: 32,
  checks: DEFAULT_CHECK_SETTINGS, goldRate: 0, goldIou: 0.5, qualificationSize: 0, qualificationAccuracy: 0.8, overlap: 1, agreementThreshold: 0.6,
};

function stagesRule(v: unknown): string | null {
  if (!Array.isArray(v) || v.length === 0) return `must be a list of stages from ${STAGE_NAMES.join(', ')}`;
  const unknown = v.find((s) => !STAGE_NAMES.includes(s));
  if (unknown !== undefined) return `unknown stage ${JSON.stringify(unknown)} (known: ${STAGE_NAMES.join(', ')})`;
  if (new Set(v).size !== v.length) return 'lists a stage twice';
  const firstHuman = v[0] === 'prelabel' ? 1 : 0;
  if (v.indexOf('prelabel') > 0) return '"prelabel" (a model pre-labels each item before people see it) may only be the first stage, as in ["prelabel", "annotate", "review"]';
  if (v[firstHuman] !== 'annotate') {
    return firstHuman === 1 ? 'must go on with "annotate" after "prelabel": the model\'s proposals are for people to correct' : 'must start with "annotate" (or "prelabel" then "annotate")';
  }
  return null;
}

function reasonsRule(v: unknown): string | null {
  if (!Array.isArray(v) || v.length === 0) return 'must be a non-empty list of { code, label }';
  for (const r of v) {
    if (typeof r !== 'object' || r === null || typeof r.code !== 'string' || !/^[a-z][a-z0-9_]{0,39}$/.test(r.code) || typeof r.label !== 'string' || r.label.trim() === '') {
      return `each reason needs a lower-case code and a label, got ${JSON.stringify(r)}`;
    }
  }
  if (new Set(v.map((r: ReasonCode) => r.code)).size !== v.length) return 'lists a reason code twice';
  return null;
}

export const WORKFLOW_RULES: Record<keyof WorkflowSettings, Rule> = {
  stages: stagesRule,
  maxRejections: whole(1, 100),
  rejectReasons: reasonsRule,
  reviewRate: share,
  noviceTasks: whole(0, 100_000),
  qaSampleRate: (v) => (typeof v === 'number' && v > 0 && v <= 1 ? null : `must be a number above 0 and at most 1, got ${JSON.stringify(v)}`),
  qaThreshold: share,
  qaBatchBy: (v) => (v === 'annotator_day' || v === 'count' ? null : `must be "annotator_day" or "count", got ${JSON.stringify(v)}`),
  qaBatchSize: whole(1, 100_000),
  qaSecondSample: whole(0, 100_000),
  checks: (v) => { const { issues } = parseCheckSettings(v); return issues.length === 0 ? null : issues.map((i) => `${i.path}: ${i.message}`).join('; '); },
  goldRate: share,
  goldIou: share,
  qualificationSize: whole(0, 1000),
  qualificationAccuracy: share,
  overlap: whole(1, 10),
  agreementThreshold: share,
};
