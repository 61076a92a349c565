// Throughput per hour by stage: labelling submits in annotate, decisions in check, review and QA,
// and the tasks accepted and rejected each hour.
import { charts } from '@cadre/db';
import type { ServiceDeps } from '../context.ts';
import { onAxis } from './axes.ts';

const ORDER = ['annotate', 'check', 'review', 'qa'];

export async function throughputByStage(deps: ServiceDeps, projectId: string, hours: Date[]) {
  const since = hours[0]!;
  const [work, accepted] = await Promise.all([charts.stageWorkPerHour(deps.db, projectId, since), charts.acceptedPerHour(deps.db, projectId, since)]);
  const axis = hours.map((h) => h.getTime());
  const stages = [...new Set(work.map((w) => w.stage))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const rejected = axis.map((t) => work.filter((w) => w.hour.getTime() === t).reduce((n, w) => n + w.rejected, 0));
  return {
    hours: hours.map((h) => h.toISOString()),
    stages: stages.map((stage) => ({ stage, done: onAxis(axis, work.filter((w) => w.stage === stage), (w) => w.hour.getTime(), (w) => w.n, 0) })),
    accepted: onAxis(axis, accepted, (r) => r.hour.getTime(), (r) => r.n, 0),
    rejected,
  };
}

const rank = (s: string) => (ORDER.includes(s) ? ORDER.indexOf(s) : ORDER.length);
