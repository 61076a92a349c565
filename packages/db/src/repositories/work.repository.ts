import { sql } from 'kysely';
import type { Db } from '../connection.ts';

export interface RecentWork { annotation_id: string; task_id: string | null; project_id: string; project_name: string; version: number; state: string; objects: number; created_at: Date }

/** A person's own output: how much today, by state, and the latest pieces. */
export async function workSummary(db: Db, userId: string, recentLimit: number) {
  const [today, byState, recent] = await Promise.all([
    sql<{ n: number }>`SELECT count(*)::int AS n FROM annotations WHERE author_id = ${userId} AND created_at >= date_trunc('day', now())`.execute(db),
    sql<{ state: string; n: number }>`SELECT state, count(*)::int AS n FROM annotations WHERE author_id = ${userId} GROUP BY state`.execute(db),
    sql<RecentWork>`
      SELECT a.id AS annotation_id, a.task_id, a.project_id, p.name AS project_name, a.version, a.state,
        coalesce(jsonb_array_length(a.payload -> 'objects'), 0) AS objects, a.created_at
      FROM annotations a JOIN projects p ON p.id = a.project_id
      WHERE a.author_id = ${userId} ORDER BY a.created_at DESC LIMIT ${recentLimit}`.execute(db),
  ]);
  return {
    today: today.rows[0]?.n ?? 0,
    byState: Object.fromEntries(byState.rows.map((r) => [r.state, r.n])) as Record<string, number>,
    recent: recent.rows,
  };
}

export async function heldEverywhere(db: Db, userId: string) {
  return db.selectFrom('tasks').innerJoin('projects', 'projects.id', 'tasks.project_id')
    .select(['tasks.id', 'tasks.project_id', 'tasks.stage', 'projects.name as project_name', 'tasks.lease_expires_at'])
    .where('tasks.assignee_id', '=', userId).where('tasks.status', '=', 'leased').orderBy('tasks.lease_expires_at').execute();
}
