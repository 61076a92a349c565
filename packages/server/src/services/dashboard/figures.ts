// Figures more than one dashboard shows: the limits of a person, throughput, backlog alerts, forecast.
import type { ServiceDeps } from '../context.ts';
import { backlogLevel, type ProjectSettings } from '@cadre/core';
import { breakState, capState, type BreakState, type CapState } from '../limits/index.ts';
import { dashboard, limits as limitsRepo } from '@cadre/db';

const HOUR = 3_600_000;
/** How far back a sitting is looked for. */
const SITTING_LOOKBACK_MS = 16 * HOUR;

export interface PersonLimits { cap: CapState; break: BreakState }

export async function limitsFor(deps: ServiceDeps, projectId: string, userId: string, settings: ProjectSettings, now = new Date()): Promise<PersonLimits> {
  const [cap, spans] = await Promise.all([
    capState(deps, projectId, userId, settings),
    limitsRepo.workSpans(deps.db, projectId, new Date(now.getTime() - SITTING_LOOKBACK_MS), userId),
  ]);
  return { cap, break: breakState(spans, settings.breakAfterMinutes, now) };
}

export interface Throughput { hours: { hour: string; submitted: number; accepted: number }[]; submitted: number; accepted: number }

/** The last 24 hours, hour by hour (the current hour last), with empty hours filled in. */
export async function throughput(deps: ServiceDeps, projectId: string, now = new Date()): Promise<Throughput> {
  const first = Math.floor(now.getTime() / HOUR) * HOUR - 23 * HOUR;
  const rows = await dashboard.perHour(deps.db, projectId, new Date(first));
  const by = new Map(rows.map((r) => [r.hour.getTime(), r]));
  const hours = Array.from({ length: 24 }, (_, i) => {
    const t = first + i * HOUR;
    const r = by.get(t);
    return { hour: new Date(t).toISOString(), submitted: r?.submitted ?? 0, accepted: r?.accepted ?? 0 };
  });
  return { hours, submitted: hours.reduce((s, h) => s + h.submitted, 0), accepted: hours.reduce((s, h) => s + h.accepted, 0) };
}

export interface StageRow { stage: string; open: number; leased: number; waiting: number; done: number }
export interface BacklogAlert { stage: string; kind: 'above' | 'drained'; queued: number; level: number; message: string }

const TERMINAL = new Set(['accepted', 'gold', 'merged']);
const queued = (s: StageRow) => s.open + s.leased + s.waiting;

/**
 * Alerts: a stage of the workflow holding more than its alert level (`backlogAlertByStage`, else
 * `backlogAlertAbove`) tasks, or a stage whose
 * queue has drained (nothing open or held) while work remains elsewhere, so its people are idle.
 */
export function backlogAlerts(stages: StageRow[], settings: Pick<ProjectSettings, 'stages' | 'backlogAlertAbove' | 'backlogAlertByStage'>): BacklogAlert[] {
  const alerts: BacklogAlert[] = [];
  const workflow = stages.filter((s) => (settings.stages as readonly string[]).includes(s.stage));
  const remaining = workflow.reduce((n, s) => n + queued(s), 0);
  for (const stage of settings.stages) {
    const s = workflow.find((x) => x.stage === stage) ?? { stage, open: 0, leased: 0, waiting: 0, done: 0 };
    const level = backlogLevel(settings, stage);
    if (level > 0 && queued(s) > level) alerts.push({ stage, kind: 'above', queued: queued(s), level, message: `${stage}: ${queued(s)} tasks queued, above the alert level of ${level}` });
    if (queued(s) === 0 && (remaining > 0 || stage === 'annotate')) {
      alerts.push({ stage, kind: 'drained', queued: 0, level, message: stage === 'annotate' && remaining === 0 ? 'annotate: the queue has drained; all work is through' : `${stage}: the queue has drained` });
    }
  }
  return alerts;
}

/** Tasks still to finish: everything in a stage of the workflow (gold and finished ones aside). */
export const remainingTasks = (stages: StageRow[]) => stages.filter((s) => !TERMINAL.has(s.stage)).reduce((n, s) => n + queued(s), 0);

export interface Forecast { remaining: number; acceptedPerHour: number; completesAt: string | null }

/** When the rest is done at the last 24 hours' rate of acceptance; null when nothing was accepted. */
export function forecast(remaining: number, t: Throughput, now = new Date()): Forecast {
  const rate = t.accepted / 24;
  return {
    remaining, acceptedPerHour: Math.round(rate * 100) / 100,
    completesAt: remaining === 0 ? now.toISOString() : rate > 0 ? new Date(now.getTime() + (remaining / rate) * HOUR).toISOString() : null,
  };
}

/** A reason code as people read it: the project's label, or a description of a machine's code. */
export function reasonLabel(settings: Pick<ProjectSettings, 'rejectReasons'>, code: string): string {
  const label = settings.rejectReasons.find((r) => r.code === code)?.label;
  if (label) return label;
  if (code.startsWith('check_')) return `Machine check: ${code.slice(6).replaceAll('_', ' ')}`;
  return code === 'qa_batch_failed' ? 'QA batch below threshold' : code;
}

export const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);
