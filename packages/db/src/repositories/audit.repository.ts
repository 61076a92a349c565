// The audit log's SQL: one row a privileged action, read newest first in pages.
import { sql } from 'kysely';
import type { Db } from '../connection.ts';

export interface AuditEntry {
  actorId: string | null; actorEmail: string | null; action: string; projectId: string | null;
  method: string; path: string; status: number; detail: Record<string, unknown>; requestId: string | null;
}
export interface AuditRow {
  id: string; at: Date; actor_id: string | null; actor_email: string | null; action: string; project_id: string | null;
  method: string; path: string; status: number; detail: Record<string, unknown>; request_id: string | null;
}

export async function record(db: Db, e: AuditEntry): Promise<void> {
  await sql`
    INSERT INTO audit_log (actor_id, actor_email, action, project_id, method, path, status, detail, request_id)
    VALUES (${e.actorId}, ${e.actorEmail}, ${e.action}, ${e.projectId}, ${e.method}, ${e.path}, ${e.status}, ${JSON.stringify(e.detail)}::jsonb, ${e.requestId})`.execute(db);
}

/** Newest first, before an id (the cursor), filtered by action prefix and project. */
export async function list(db: Db, q: { before?: string | undefined; action?: string | undefined; projectId?: string | undefined; limit: number }): Promise<AuditRow[]> {
  const { rows } = await sql<AuditRow>`
    SELECT a.id::text, a.at, a.actor_id, coalesce(a.actor_email, u.email) AS actor_email, a.action, a.project_id, a.method, a.path, a.status, a.detail, a.request_id
    FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
    WHERE (${q.before ?? null}::bigint IS NULL OR a.id < ${q.before ?? null}::bigint)
      AND (${q.action ?? null}::text IS NULL OR a.action = ${q.action ?? null} OR a.action LIKE ${`${q.action ?? ''}.%`})
      AND (${q.projectId ?? null}::uuid IS NULL OR a.project_id = ${q.projectId ?? null}::uuid)
    ORDER BY a.id DESC LIMIT ${q.limit}`.execute(db);
  return rows;
}

/** The project of an item, task, machine job or QA batch (what an audited route names instead of its project). */
export async function projectOfRow(db: Db, table: 'items' | 'tasks' | 'machine_jobs' | 'qa_batches', id: string): Promise<string | null> {
  const { rows } = await sql<{ project_id: string }>`SELECT project_id FROM ${sql.table(table)} WHERE id = ${id}::uuid`.execute(db);
  return rows[0]?.project_id ?? null;
}
