// The client's dashboard: progress and quality of the project, its invoices. Built field by field
// from counts: nothing of pay rates, labour cost or margin ever enters it, and people's names only
// when the project's `clientSeesNames` allows.
import { dashboard } from '@cadre/db';
import type { Actor, ServiceDeps } from '../context.ts';
import type { ProjectSettings } from '@cadre/core';
import { stageBacklog } from '../workflow/queues.service.ts';
import { projectQuality } from '../workflow/quality.service.ts';
import { forecast, ratio, remainingTasks, throughput } from './figures.ts';
import { invoices } from './pay-adapter.ts';

export async function clientDashboard(deps: ServiceDeps, actor: Actor, projectId: string, settings: ProjectSettings, now = new Date()) {
  // The quality service is for managers and reviewers and names people; the client's role was
  // checked by the caller, and only totals are kept from it below.
  const asSystem: Actor = { userId: actor.userId, isAdmin: true };
  const [name, stages, t, quality, bills, people] = await Promise.all([
    dashboard.projectName(deps.db, projectId),
    stageBacklog(deps, actor, projectId),
    throughput(deps, projectId, now),
    projectQuality(deps, asSystem, projectId),
    invoices(deps.db, projectId),
    settings.clientSeesNames ? dashboard.acceptedPerPerson(deps.db, projectId) : Promise.resolve(null),
  ]);
  const remaining = remainingTasks(stages);
  const accepted = stages.find((s) => s.stage === 'accepted');
  const done = accepted ? accepted.done + accepted.open + accepted.leased + accepted.waiting : 0;
  const rejected = quality.annotators.reduce((n, a) => n + a.rejected, 0);
  const decided = quality.annotators.reduce((n, a) => n + a.accepted + a.rejected, 0);
  const qaInspected = quality.annotators.reduce((n, a) => n + a.qaInspected, 0);
  const qaCorrect = quality.annotators.reduce((n, a) => n + (a.qaAccuracy ?? 0) * a.qaInspected, 0);
  return {
    view: 'client' as const,
    at: now.toISOString(),
    project: { id: projectId, name },
    progress: { total: done + remaining, accepted: done, remaining, percent: done + remaining > 0 ? Math.round((done / (done + remaining)) * 1000) / 10 : 0 },
    acceptedPerHour: t.hours.map((h) => ({ hour: h.hour, accepted: h.accepted })),
    stages: stages.filter((s) => (settings.stages as readonly string[]).includes(s.stage)).map((s) => ({ stage: s.stage, queued: s.open + s.leased + s.waiting })),
    forecast: forecast(remaining, t, now),
    quality: {
      rejectionRate: ratio(rejected, decided), qaAccuracy: ratio(Math.round(qaCorrect), qaInspected),
      reasons: quality.reasons.map((r) => ({ label: r.label, count: r.count })),
      classes: quality.classes.map((c) => ({ name: c.name, objects: c.objects, rejectionRate: c.rejectionRate })),
    },
    invoices: bills,
    people: people ? people.map((p) => ({ name: p.name, accepted: p.accepted })) : null,
  };
}
