// The manager's charts: each series over a window of days, built from the database (so every Cadre
// process draws the same), managers only. The web app draws them, with a table and a CSV each, and
// asks again when the project's dashboard stream says work moved.
import type { ProjectSettings } from '@cadre/core';
import { notFound } from '../../errors.ts';
import { requireProjectRole } from '../access.ts';
import type { Actor, ServiceDeps } from '../context.ts';
import { cachedProject } from '../project-cache.ts';
import { daysUntil, hoursSince } from './axes.ts';
import { backlogOverTime } from './backlog.ts';
import { classFigures } from './classes.ts';
import { moneyFigures } from './money.ts';
import { peopleFigures } from './people.ts';
import { throughputByStage } from './throughput.ts';

export { sampleBacklogs } from './backlog.ts';

export async function projectCharts(deps: ServiceDeps, actor: Actor, projectId: string, o: { days?: number } = {}, now = new Date()) {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  const project = await cachedProject(deps.db, projectId);
  if (!project) throw notFound('project');
  const settings: ProjectSettings = project.settings;
  const days = o.days ?? 1;
  const hours = hoursSince(now, days);
  const since = hours[0]!;
  const dayAxis = daysUntil(now, days, settings.timeZone);
  const [throughput, backlog, people, classes, money] = await Promise.all([
    throughputByStage(deps, projectId, hours),
    backlogOverTime(deps, actor, projectId, settings, since, now),
    peopleFigures(deps, projectId, since, dayAxis, settings.timeZone),
    classFigures(deps, projectId),
    moneyFigures(deps, projectId, since, dayAxis, settings.timeZone),
  ]);
  return { at: now.toISOString(), timeZone: settings.timeZone, days, throughput, backlog, people, classes, money };
}
