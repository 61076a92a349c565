// Reading the audit log: administrators only, newest first in pages, or all of it as CSV.
import type { AuditEntry } from '@cadre/contract';
import { audit } from '@cadre/db';
import { requireAdmin } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { toCsv } from './pay/csv.ts';

export interface AuditQuery { action?: string | undefined; projectId?: string | undefined; before?: string | undefined; limit?: number | undefined }

const toWire = (r: audit.AuditRow): AuditEntry => ({
  id: r.id, at: new Date(r.at).toISOString(), actorId: r.actor_id, actorEmail: r.actor_email, action: r.action, projectId: r.project_id,
  method: r.method, path: r.path, status: r.status, detail: r.detail, requestId: r.request_id,
});

/** A cursor past the largest id an entry can have (a bigint) is before every entry: no cursor. */
const cursor = (q: AuditQuery): AuditQuery => (q.before !== undefined && BigInt(q.before) > 9_223_372_036_854_775_807n ? { ...q, before: undefined } : q);

export async function auditLog(deps: ServiceDeps, actor: Actor, q: AuditQuery): Promise<{ entries: AuditEntry[]; next: string | null }> {
  requireAdmin(actor);
  const limit = q.limit ?? 100;
  const rows = await audit.list(deps.db, { ...cursor(q), limit: limit + 1 });
  const entries = rows.slice(0, limit).map(toWire);
  return { entries, next: rows.length > limit ? entries.at(-1)!.id : null };
}

export async function auditCsv(deps: ServiceDeps, actor: Actor, q: AuditQuery): Promise<string> {
  requireAdmin(actor);
  const rows = await audit.list(deps.db, { ...cursor(q), limit: 100_000 });
  return toCsv([
    ['id', 'at', 'actor_email', 'actor_id', 'action', 'project_id', 'method', 'path', 'status', 'detail'],
    ...rows.map((r) => [r.id, new Date(r.at).toISOString(), r.actor_email ?? '', r.actor_id ?? '', r.action, r.project_id ?? '', r.method, r.path, r.status, JSON.stringify(r.detail)]),
  ]);
}
