// The SQL of the dashboards. Each query reads one project and is bounded in time where the table
// is a log (work_attempts by its (project_id, user_id, created_at) index, events by project).
import { sql } from 'kysely';
import type { Db } from '../connection.ts';

export interface HourCount { hour: Date; submitted: number; accepted: number }

/** Labelling submits and accepted tasks per hour since `since`. */
export async function perHour(db: Db, projectId: string, since: Date): Promise<HourCount[]> {
  const { rows } = await sql<{ hour: Date; submitted: number; accepted: number }>`
    WITH s AS (
      SELECT date_trunc('hour', created_at) AS hour, count(*)::int AS n FROM work_attempts
      WHERE project_id = ${projectId} AND stage = 'annotate' AND created_at >= ${since} GROUP BY 1
    ), a AS (
      SELECT date_trunc('hour', at) AS hour, count(*)::int AS n FROM events
      WHERE project_id = ${projectId} AND entity = 'task' AND action = 'accepted' AND at >= ${since} GROUP BY 1
    )
    SELECT coalesce(s.hour, a.hour) AS hour, coalesce(s.n, 0) AS submitted, coalesce(a.n, 0) AS accepted
    FROM s FULL JOIN a ON a.hour = s.hour ORDER BY 1`.execute(db);
  return rows;
}

/** The newest event of the project: when it moves, something on a dashboard may have changed. */
export async function lastEventId(db: Db, projectId: string): Promise<string> {
  const { rows } = await sql<{ id: string | null }>`SELECT max(id)::text AS id FROM events WHERE project_id = ${projectId}`.execute(db);
  return rows[0]?.id ?? '0';
}

/** One person's labelling outcomes in the project, and the reasons their work was rejected for. */
export async function rejectionsOf(db: Db, projectId: string, userId: string) {
  const [outcomes, reasons] = await Promise.all([
    sql<{ accepted: number; rejected: number; pending: number }>`
      SELECT count(*) FILTER (WHERE outcome = 'accepted')::int AS accepted,
        count(*) FILTER (WHERE outcome IN ('rejected', 'reassigned'))::int AS rejected,
        count(*) FILTER (WHERE outcome = 'pending')::int AS pending
      FROM work_attempts WHERE project_id = ${projectId} AND user_id = ${userId} AND stage = 'annotate'`.execute(db),
    sql<{ code: string; n: number }>`
      SELECT why->>'code' AS code, count(*)::int AS n
      FROM reviews r JOIN annotations a ON a.id = r.annotation_id, jsonb_array_elements(r.reasons) why
      WHERE r.project_id = ${projectId} AND r.verdict = 'reject' AND a.author_id = ${userId}
      GROUP BY 1 ORDER BY 2 DESC, 1`.execute(db),
  ]);
  return { ...outcomes.rows[0]!, reasons: reasons.rows };
}

/** People's names, for the views that may show them. */
export async function namesOf(db: Db, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Accepted items per person (for a client allowed to see names). */
export async function acceptedPerPerson(db: Db, projectId: string) {
  const { rows } = await sql<{ name: string; accepted: number }>`
    SELECT u.name, count(DISTINCT w.item_id)::int AS accepted FROM work_attempts w JOIN users u ON u.id = w.user_id
    WHERE w.project_id = ${projectId} AND w.stage = 'annotate' AND w.outcome = 'accepted' GROUP BY u.name ORDER BY 2 DESC, 1`.execute(db);
  return rows;
}

export async function projectName(db: Db, projectId: string): Promise<string> {
  const row = await db.selectFrom('projects').select('name').where('id', '=', projectId).executeTakeFirst();
  return row?.name ?? '';
}
