// The project admin's dashboard: throughput, backlog with alerts, people's productivity and
// limits, quality, forecast, and the project's money when the pay service reports it.
import type { Actor, ServiceDeps } from '../context.ts';
import type { ProjectSettings } from '@cadre/core';
import { breakState, capStates, workedMinutes } from '../limits/index.ts';
import { alerts as alertsRepo, dashboard, limits as limitsRepo } from '@cadre/db';
import { alertToWire, dashboardAlerts } from '../alerts/index.ts';
import { stageBacklog } from '../workflow/queues.service.ts';
import { projectQuality } from '../workflow/quality.service.ts';
import { backlogAlerts, forecast, ratio, remainingTasks, throughput } from './figures.ts';
import { money } from './pay-adapter.ts';
import { projectSpans } from './spans-cache.ts';

const LOOKBACK_MS = 16 * 3_600_000;
/** People figured between two yields to the event loop. */
const SLICE = 100;

export async function adminDashboard(deps: ServiceDeps, actor: Actor, projectId: string, settings: ProjectSettings, now = new Date()) {
  const [stages, t, quality, spans, pay, open] = await Promise.all([
    stageBacklog(deps, actor, projectId),
    throughput(deps, projectId, now),
    projectQuality(deps, actor, projectId),
    projectSpans(deps.db, projectId, new Date(now.getTime() - LOOKBACK_MS)),
    money(deps.db, projectId),
    alertsRepo.openAlerts(deps.db, projectId),
  ]);
  const people = await productivity(deps, projectId, settings, spans, now);
  const decided = quality.annotators.reduce((n, a) => n + a.accepted + a.rejected, 0);
  const qaInspected = quality.annotators.reduce((n, a) => n + a.qaInspected, 0);
  const qaCorrect = quality.annotators.reduce((n, a) => n + (a.qaAccuracy ?? 0) * a.qaInspected, 0);
  return {
    view: 'admin' as const,
    at: now.toISOString(),
    timeZone: settings.timeZone,
    throughput: t,
    stages,
    alerts: dashboardAlerts(backlogAlerts(stages, settings), open.map(alertToWire), stages),
    forecast: forecast(remainingTasks(stages), t, now),
    people,
    quality: {
      rejectionRate: ratio(quality.annotators.reduce((n, a) => n + a.rejected, 0), decided),
      qaAccuracy: ratio(Math.round(qaCorrect), qaInspected),
      annotators: quality.annotators, classes: quality.classes, reasons: quality.reasons,
    },
    money: pay,
  };
}

/** Per person today (in the project's time zone): items and objects per minute of work, cap, break. */
async function productivity(deps: ServiceDeps, projectId: string, settings: ProjectSettings, spans: limitsRepo.WorkSpan[], now: Date) {
  const byUser = new Map<string, limitsRepo.WorkSpan[]>();
  for (const s of spans) {
    const mine = byUser.get(s.userId);
    if (mine) mine.push(s);
    else byUser.set(s.userId, [s]);
  }
  const [names, caps] = await Promise.all([dashboard.namesOf(deps.db, [...byUser.keys()]), capStates(deps, projectId, [...byUser.keys()], settings)]);
  // A thousand people's day is a few dozen milliseconds of arithmetic: done in slices, so the
  // claims and submits waiting on this process are answered in between.
  const rows = [];
  let done = 0;
  for (const [userId, mine] of byUser) {
    if (++done % SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
    rows.push(personToday(userId, mine));
  }
  return rows.sort((a, b) => b.items - a.items || a.name.localeCompare(b.name));

  function personToday(userId: string, mine: limitsRepo.WorkSpan[]) {
    const cap = caps.get(userId)!;
    const dayStart = new Date(cap.resetsAt).getTime() - 24 * 3_600_000;
    const today = mine.filter((s) => s.to.getTime() >= dayStart && s.kind !== 'held');
    const labelled = today.filter((s) => s.kind === 'label');
    const minutes = workedMinutes(today);
    const objects = labelled.reduce((n, s) => n + s.objects, 0);
    const perMinute = (n: number) => (minutes >= 0.1 ? Math.round((n / minutes) * 100) / 100 : null);
    return {
      userId, name: names.get(userId) ?? '', items: labelled.length, objects, reviews: today.filter((s) => s.kind === 'review').length,
      workedMinutes: Math.round(minutes * 10) / 10, itemsPerMinute: perMinute(labelled.length), objectsPerMinute: perMinute(objects),
      cap, break: breakState(mine, settings.breakAfterMinutes, now),
    };
  }
}
