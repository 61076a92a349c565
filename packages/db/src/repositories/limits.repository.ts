// The SQL of the limits: how much a person took on today and their recent stretches of work. The
// rework lease the daily cap still allows is a lease like any other (`lease.repository.ts`).
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../connection.ts';

/** The start of today in the time zone, as PostgreSQL computes it (daylight saving included). */
export const dayStartSql = (timeZone: string) => sql<Date>`(date_trunc('day', now() AT TIME ZONE ${timeZone}) AT TIME ZONE ${timeZone})`;

export interface DayCount { taken: number; dayStart: Date; dayEnd: Date }

/**
 * What a person took on today: labelling tasks first submitted today (rework of earlier work is not
 * counted again), gold items done today, and new work they hold now (held rework is not new).
 */
export async function takenToday(db: Db, projectId: string, userId: string, timeZone: string): Promise<DayCount> {
  const { rows } = await sql<{ taken: number; day_start: Date; day_end: Date }>`
    WITH day AS (SELECT ${dayStartSql(timeZone)} AS start)
    SELECT
      (SELECT count(DISTINCT w.task_id)::int FROM work_attempts w, day
        WHERE w.project_id = ${projectId} AND w.user_id = ${userId} AND w.stage = 'annotate' AND w.created_at >= day.start
          AND NOT EXISTS (SELECT 1 FROM work_attempts e WHERE e.task_id = w.task_id AND e.user_id = w.user_id
                          AND e.stage = 'annotate' AND e.created_at < day.start))
      + (SELECT count(*)::int FROM gold_results g, day
          WHERE g.project_id = ${projectId} AND g.user_id = ${userId} AND g.created_at >= day.start)
      + (SELECT count(*)::int FROM tasks t
          WHERE t.assignee_id = ${userId} AND t.project_id = ${projectId} AND t.status = 'leased'
            AND (t.stage = 'gold' OR (t.stage = 'annotate' AND t.reserved_for IS DISTINCT FROM ${userId})))
      AS taken,
      (SELECT start FROM day) AS day_start,
      ((SELECT start FROM day) AT TIME ZONE ${timeZone} + interval '1 day') AT TIME ZONE ${timeZone} AS day_end`.execute(db);
  const r = rows[0]!;
  return { taken: r.taken, dayStart: r.day_start, dayEnd: r.day_end };
}

/**
 * `takenToday` for many people in one statement (the admin dashboard lists everyone who worked
 * today; one query each would flood the pool with a thousand at once and hold up claims behind them).
 */
export async function takenTodayOf(db: Db, projectId: string, userIds: readonly string[], timeZone: string): Promise<{ taken: Map<string, number>; dayEnd: Date | null }> {
  if (userIds.length === 0) return { taken: new Map(), dayEnd: null };
  // Set-based: one pass over today's attempts, gold results and leases of the project, grouped by
  // person (a subquery per person cost a thousand index probes and ~200 ms of database time).
  const ids = [...userIds];
  const { rows } = await sql<{ user_id: string; taken: number; day_end: Date }>`
    WITH day AS (SELECT ${dayStartSql(timeZone)} AS start),
    labelled AS (
      SELECT w.user_id, count(DISTINCT w.task_id)::int AS n FROM work_attempts w, day
      WHERE w.project_id = ${projectId} AND w.stage = 'annotate' AND w.created_at >= day.start AND w.user_id = ANY(${ids}::uuid[])
        AND NOT EXISTS (SELECT 1 FROM work_attempts e WHERE e.task_id = w.task_id AND e.user_id = w.user_id
                        AND e.stage = 'annotate' AND e.created_at < day.start)
      GROUP BY w.user_id
    ), gold AS (
      SELECT g.user_id, count(*)::int AS n FROM gold_results g, day
      WHERE g.project_id = ${projectId} AND g.created_at >= day.start AND g.user_id = ANY(${ids}::uuid[])
      GROUP BY g.user_id
    ), held AS (
      SELECT t.assignee_id AS user_id, count(*)::int AS n FROM tasks t
      WHERE t.assignee_id = ANY(${ids}::uuid[]) AND t.project_id = ${projectId} AND t.status = 'leased'
        AND (t.stage = 'gold' OR (t.stage = 'annotate' AND t.reserved_for IS DISTINCT FROM t.assignee_id))
      GROUP BY t.assignee_id
    )
    SELECT p.user_id, coalesce(l.n, 0) + coalesce(g.n, 0) + coalesce(h.n, 0) AS taken,
      ((SELECT start FROM day) AT TIME ZONE ${timeZone} + interval '1 day') AT TIME ZONE ${timeZone} AS day_end
    FROM unnest(${ids}::uuid[]) AS p(user_id)
      LEFT JOIN labelled l ON l.user_id = p.user_id LEFT JOIN gold g ON g.user_id = p.user_id LEFT JOIN held h ON h.user_id = p.user_id`.execute(db);
  return { taken: new Map(rows.map((r) => [r.user_id, r.taken])), dayEnd: rows[0]?.day_end ?? null };
}

/** One stretch of work on one task: from its lease to its submit (or to now, while it is held). */
export interface WorkSpan { userId: string; from: Date; to: Date; objects: number; kind: 'label' | 'review' | 'gold' | 'held' }

/** A finished stretch with the id of the row that ended it (a work attempt, gold result or review). */
export interface FinishedSpan extends WorkSpan { id: string }

/** The person's last lease of the task at or before `at`: the start of a stretch (the events' (entity, entity_id) index). */
const leaseBefore = (task: RawBuilder<unknown>, user: RawBuilder<unknown>, at: RawBuilder<unknown>) => sql`(
      SELECT e.at FROM events e
      WHERE e.entity = 'task' AND e.entity_id = ${task}::text AND e.action = 'leased' AND e.actor_id = ${user} AND e.at <= ${at}
      ORDER BY e.at DESC LIMIT 1
    )`;

type SpanRow = { id: string; user_id: string; from: Date; to: Date; objects: number; kind: WorkSpan['kind'] };

/**
 * The stretches of work in the project since `since`: labelling submits, gold results and verdicts
 * (with `held`, also the tasks held now), each from the lease before it. The lease is found through
 * the events' (entity, entity_id) index, so this stays cheap on a long log.
 */
async function spanRows(db: Db, projectId: string, since: Date, userId: string | null, held: boolean): Promise<SpanRow[]> {
  // The person is named in every branch, so one person's read uses the per-person indexes.
  const who = (column: string) => (userId === null ? sql`` : sql` AND ${sql.ref(column)} = ${userId}`);
  const heldNow = held ? sql`
      UNION ALL
      SELECT t.id, t.assignee_id, t.id, now(), 0, 'held' FROM tasks t
        WHERE t.project_id = ${projectId} AND t.status = 'leased' AND t.assignee_id IS NOT NULL${who('t.assignee_id')}` : sql``;
  const { rows } = await sql<SpanRow>`
    WITH done AS (
      SELECT w.id, w.user_id, w.task_id, w.created_at AS at, w.objects, 'label' AS kind FROM work_attempts w
        WHERE w.project_id = ${projectId} AND w.stage = 'annotate' AND w.created_at >= ${since}${who('w.user_id')}
      UNION ALL
      SELECT g.id, g.user_id, g.task_id, g.created_at, 0, 'gold' FROM gold_results g
        WHERE g.project_id = ${projectId} AND g.created_at >= ${since} AND g.task_id IS NOT NULL${who('g.user_id')}
      UNION ALL
      SELECT r.id, r.reviewer_id, r.task_id, r.created_at, 0, 'review' FROM reviews r
        WHERE r.project_id = ${projectId} AND r.created_at >= ${since} AND r.reviewer_kind = 'human'${who('r.reviewer_id')}${heldNow}
    )
    SELECT x.id, x.user_id, coalesce(l.at, x.at) AS "from", x.at AS "to", x.objects, x.kind
    FROM done x
    LEFT JOIN LATERAL ${leaseBefore(sql`x.task_id`, sql`x.user_id`, sql`x.at`)} l ON TRUE
    ORDER BY 2, 3`.execute(db);
  return rows;
}

const toSpan = (r: SpanRow): WorkSpan => ({ userId: r.user_id, from: r.from, to: r.to, objects: r.objects, kind: r.kind });

/** Every stretch of work in the project since `since` (one person's, or everyone's), and the tasks held now. */
export async function workSpans(db: Db, projectId: string, since: Date, userId: string | null): Promise<WorkSpan[]> {
  return (await spanRows(db, projectId, since, userId, true)).map(toSpan);
}

/** Everyone's finished stretches written since `since`, with their ids (for a cache that reads only what is new). */
export async function finishedSpans(db: Db, projectId: string, since: Date): Promise<FinishedSpan[]> {
  return (await spanRows(db, projectId, since, null, false)).map((r) => ({ ...toSpan(r), id: r.id }));
}

/** The tasks held now in the project, each a stretch from its lease to now. */
export async function heldSpans(db: Db, projectId: string): Promise<WorkSpan[]> {
  const { rows } = await sql<SpanRow>`
    SELECT t.id, t.assignee_id AS user_id, coalesce(l.at, now()) AS "from", now() AS "to", 0 AS objects, 'held' AS kind
    FROM tasks t
    LEFT JOIN LATERAL ${leaseBefore(sql`t.id`, sql`t.assignee_id`, sql`now()`)} l ON TRUE
    WHERE t.project_id = ${projectId} AND t.status = 'leased' AND t.assignee_id IS NOT NULL`.execute(db);
  return rows.map(toSpan);
}
