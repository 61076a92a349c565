// The backlog per stage over time (samples every ten minutes, then now), the level its alert fires
// above, and when the rest is done at the last day's pace against the project's deadline.
import { charts } from '@cadre/db';
import type { ProjectSettings } from '@cadre/core';
import type { Actor, ServiceDeps } from '../context.ts';
import { stageBacklog } from '../workflow/queues.service.ts';
import { forecast, remainingTasks, throughput } from '../dashboard/figures.ts';

const FINISHED = new Set(['accepted', 'gold', 'merged']);

export async function backlogOverTime(deps: ServiceDeps, actor: Actor, projectId: string, settings: ProjectSettings, since: Date, now: Date) {
  const [samples, stages, t] = await Promise.all([
    charts.backlogSamples(deps.db, projectId, since), stageBacklog(deps, actor, projectId), throughput(deps, projectId, now),
  ]);
  const names = [...new Set([...settings.stages.filter((s) => s !== 'prelabel'), ...samples.map((s) => s.stage)])].filter((s) => !FINISHED.has(s));
  const slots = [...new Set(samples.map((s) => s.at.getTime()))].sort((a, b) => a - b);
  const rows = names.map((stage) => {
    const mine = new Map(samples.filter((s) => s.stage === stage).map((s) => [s.at.getTime(), s.queued]));
    const nowRow = stages.find((s) => s.stage === stage);
    const points = slots.map((at) => ({ at: new Date(at).toISOString(), queued: mine.get(at) ?? 0 }));
    points.push({ at: now.toISOString(), queued: nowRow ? nowRow.open + nowRow.leased + nowRow.waiting : 0 });
    return { stage, points, level: levelOf(settings, stage) };
  });
  const deadline = settings.deadline === null ? null : new Date(settings.deadline).toISOString();
  const f = forecast(remainingTasks(stages), t, now);
  const pastDeadline = deadline === null ? null : f.completesAt === null ? null : f.completesAt > deadline;
  return { stages: rows, deadline, forecast: { ...f, pastDeadline } };
}

/** The level a stage's backlog alerts above (its own red line, else the project's), or null when off. */
function levelOf(settings: ProjectSettings, stage: string): number | null {
  const level = settings.backlogAlertByStage[stage] ?? settings.backlogAlertAbove;
  return level > 0 ? level : null;
}

/** Writes this ten minutes' backlog sample of every live project, unless another process did. */
export const sampleBacklogs = (deps: ServiceDeps) => charts.sampleBacklogs(deps.db);
