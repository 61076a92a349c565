// The admin dashboard's alerts: the backlog's live alerts (figures.ts, fields kept as they were)
// and the red lines' open alerts from the log, one list. A backlog alert the log holds open carries
// its id and when it was raised; the other lines' open alerts follow with the same fields.
import type { Alert, DashboardAlert } from '@cadre/contract';
import type { BacklogAlert, StageRow } from '../dashboard/figures.ts';
import { remainingTasks } from '../dashboard/figures.ts';

export type { DashboardAlert };

export function dashboardAlerts(live: BacklogAlert[], open: Alert[], stages: StageRow[]): DashboardAlert[] {
  const queued = (stage: string) => {
    if (stage === '') return remainingTasks(stages);
    const s = stages.find((x) => x.stage === stage);
    return s ? s.open + s.leased + s.waiting : 0;
  };
  const backlog = new Map(open.filter((a) => a.kind === 'backlog').map((a) => [a.stage, a]));
  return [
    ...live.map((a) => {
      const logged = a.kind === 'above' ? backlog.get(a.stage) : undefined;
      return { ...a, alertId: logged?.id ?? null, subject: logged?.subject ?? null, value: logged ? a.queued : null, raisedAt: logged?.raisedAt ?? null };
    }),
    ...open.filter((a) => a.kind !== 'backlog').map((a) => ({
      stage: a.stage, kind: a.kind as Exclude<Alert['kind'], 'backlog'>, queued: queued(a.stage), level: a.level ?? 0, message: a.message,
      alertId: a.id, subject: a.subject, value: a.value, raisedAt: a.raisedAt,
    })),
  ];
}
