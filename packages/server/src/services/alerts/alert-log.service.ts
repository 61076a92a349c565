// The alert log for a project's managers: the list (the banner asks for the open ones) and its CSV.
import type { Alert } from '@cadre/contract';
import { alerts as alertsRepo } from '@cadre/db';
import { requireProjectRole } from '../access.ts';
import type { Actor, ServiceDeps } from '../context.ts';
import { toCsv } from '../pay/csv.ts';

const STAGE_OF: Record<string, string> = { rejection_rate: 'annotate', daily_cap: 'annotate', qa_batch: 'qa', forecast: '' };

export function alertToWire(r: alertsRepo.AlertRow): Alert {
  return {
    id: r.id, kind: r.kind as Alert['kind'], subject: { kind: r.subject_kind as Alert['subject']['kind'], id: r.subject_id, name: r.subject_name },
    stage: r.kind === 'backlog' ? r.subject_id : STAGE_OF[r.kind] ?? '',
    level: r.level, value: r.value, message: r.message, raisedAt: r.raised_at.toISOString(),
    clearedAt: r.cleared_at?.toISOString() ?? null, clearedValue: r.cleared_value,
    delivery: { raised: r.raised_delivery, cleared: r.cleared_delivery },
  };
}

export async function listAlerts(deps: ServiceDeps, actor: Actor, projectId: string, q: { open?: boolean; limit?: number }): Promise<{ alerts: Alert[] }> {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  const rows = await alertsRepo.list(deps.db, projectId, { open: q.open ?? false, limit: q.limit ?? 200 });
  return { alerts: rows.map(alertToWire) };
}

export async function alertsCsv(deps: ServiceDeps, actor: Actor, projectId: string): Promise<string> {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  const rows = (await alertsRepo.list(deps.db, projectId, { open: false, limit: 100_000 })).map(alertToWire);
  return toCsv([
    ['id', 'kind', 'subject_kind', 'subject_id', 'subject_name', 'stage', 'level', 'value', 'message', 'raised_at', 'cleared_at', 'cleared_value', 'raised_delivery', 'cleared_delivery'],
    ...rows.map((a) => [a.id, a.kind, a.subject.kind, a.subject.id, a.subject.name, a.stage, a.level, a.value, a.message, a.raisedAt, a.clearedAt ?? '', a.clearedValue, a.delivery.raised ?? '', a.delivery.cleared ?? '']),
  ]);
}
