// The annotator's own dashboard: today's count and pace, earnings, rejections and their reasons,
// the daily cap and the break reminder.
import type { ServiceDeps } from '../context.ts';
import type { ProjectSettings } from '@cadre/core';
import { workedMinutes } from '../limits/index.ts';
import { dashboard, limits as limitsRepo } from '@cadre/db';
import { capState } from '../limits/index.ts';
import { limitsFor, ratio, reasonLabel } from './figures.ts';
import { earnings } from './pay-adapter.ts';

export async function annotatorDashboard(deps: ServiceDeps, projectId: string, userId: string, settings: ProjectSettings, now = new Date()) {
  const cap = await capState(deps, projectId, userId, settings);
  const dayStart = new Date(new Date(cap.resetsAt).getTime() - 24 * 3_600_000);
  const [limits, today, rejections, pay] = await Promise.all([
    limitsFor(deps, projectId, userId, settings, now),
    limitsRepo.workSpans(deps.db, projectId, dayStart, userId),
    dashboard.rejectionsOf(deps.db, projectId, userId),
    earnings(deps.db, projectId, userId),
  ]);
  const labelled = today.filter((s) => s.kind === 'label');
  const minutes = workedMinutes(today.filter((s) => s.kind !== 'held'));
  const decided = rejections.accepted + rejections.rejected;
  return {
    view: 'me' as const,
    at: now.toISOString(),
    timeZone: settings.timeZone,
    today: {
      taken: limits.cap.taken, submitted: labelled.length, objects: labelled.reduce((n, s) => n + s.objects, 0),
      workedMinutes: Math.round(minutes * 10) / 10,
      itemsPerHour: minutes >= 1 ? Math.round((labelled.length / minutes) * 60 * 10) / 10 : null,
    },
    cap: limits.cap,
    break: limits.break,
    earnings: pay,
    quality: {
      accepted: rejections.accepted, rejected: rejections.rejected, pending: rejections.pending, rejectionRate: ratio(rejections.rejected, decided),
      reasons: rejections.reasons.map((r) => ({ code: r.code, label: reasonLabel(settings, r.code), count: r.n })),
    },
  };
}
