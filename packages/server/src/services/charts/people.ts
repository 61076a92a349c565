// People over the window: each person's items and objects per hour of work, rejection rate and QA
// accuracy, beside the team's median; and the same two rates per day, the median's line with them.
import { charts, dashboard, limits as limitsRepo } from '@cadre/db';
import type { ServiceDeps } from '../context.ts';
import { workedMinutes } from '../limits/index.ts';
import { median, onAxis, rate } from './axes.ts';

const exact = (a: number, b: number) => (b > 0 ? a / b : null);
const round = (x: number | null, places: number) => (x === null ? null : Math.round(x * 10 ** places) / 10 ** places);

export async function peopleFigures(deps: ServiceDeps, projectId: string, since: Date, days: string[], timeZone: string) {
  const [labelling, qa, spans] = await Promise.all([
    charts.labellingPerPersonDay(deps.db, projectId, since, timeZone),
    charts.qaPerPersonDay(deps.db, projectId, since, timeZone),
    limitsRepo.workSpans(deps.db, projectId, since, null),
  ]);
  const ids = [...new Set([...labelling.map((r) => r.user_id), ...qa.map((r) => r.user_id)])];
  const names = await dashboard.namesOf(deps.db, ids);
  const sum = <R>(rows: R[], f: (r: R) => number) => rows.reduce((n, r) => n + f(r), 0);
  const rows = ids.map((userId) => {
    const mine = labelling.filter((r) => r.user_id === userId);
    const inspected = qa.filter((r) => r.user_id === userId);
    const hours = workedMinutes(spans.filter((s) => s.userId === userId && (s.kind === 'label' || s.kind === 'gold'))) / 60;
    const items = sum(mine, (r) => r.items);
    const objects = sum(mine, (r) => r.objects);
    const decided = sum(mine, (r) => r.decided);
    const rejected = sum(mine, (r) => r.rejected);
    const qaInspected = sum(inspected, (r) => r.inspected);
    const perHour = (n: number) => (hours >= 1 / 60 ? Math.round((n / hours) * 10) / 10 : null);
    return {
      userId, name: names.get(userId) ?? '', items, objects, workedHours: Math.round(hours * 100) / 100,
      itemsPerHour: perHour(items), objectsPerHour: perHour(objects),
      decided, rejected, rejectionRate: rate(rejected, decided),
      qaInspected, qaAccuracy: rate(sum(inspected, (r) => r.correct), qaInspected), qaCorrect: sum(inspected, (r) => r.correct),
    };
  }).sort((a, b) => a.name.localeCompare(b.name));
  // Exact per-day rates; rounded only where they leave (a median of rounded rates drifts).
  const exactSeries = ids.map((userId) => ({
    userId,
    rejectionRate: onAxis(days, labelling.filter((r) => r.user_id === userId), (r) => r.day, (r) => exact(r.rejected, r.decided), null as number | null),
    qaAccuracy: onAxis(days, qa.filter((r) => r.user_id === userId), (r) => r.day, (r) => exact(r.correct, r.inspected), null as number | null),
  }));
  const series = exactSeries.map((s) => ({ userId: s.userId, rejectionRate: s.rejectionRate.map((x) => round(x, 3)), qaAccuracy: s.qaAccuracy.map((x) => round(x, 3)) }));
  const medianAt = (pick: (s: (typeof exactSeries)[number]) => (number | null)[]) => days.map((_, i) => round(median(exactSeries.map((s) => pick(s)[i] ?? null)), 3));
  return {
    rows: rows.map(({ qaCorrect: _, ...r }) => r),
    median: {
      itemsPerHour: round(median(rows.map((r) => r.itemsPerHour)), 1), objectsPerHour: round(median(rows.map((r) => r.objectsPerHour)), 1),
      rejectionRate: round(median(rows.map((r) => exact(r.rejected, r.decided))), 3), qaAccuracy: round(median(rows.map((r) => exact(r.qaCorrect, r.qaInspected))), 3),
    },
    days, series,
    medianSeries: { rejectionRate: medianAt((s) => s.rejectionRate), qaAccuracy: medianAt((s) => s.qaAccuracy) },
  };
}
