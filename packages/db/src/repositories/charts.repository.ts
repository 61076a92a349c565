// The SQL of the manager's charts: series over a window (`since`), one project at a time, grouped by
// hour or by day in the project's time zone. Logs are read by their (project, time) indexes.
import { sql } from 'kysely';
import type { Db } from '../connection.ts';

export interface StageHour { hour: Date; stage: string; n: number; rejected: number }

/** Work finished per hour in each stage: labelling submits (annotate) and decisions (check, review, qa), with rejections. */
export async function stageWorkPerHour(db: Db, projectId: string, since: Date): Promise<StageHour[]> {
  return (await sql<StageHour>`
    SELECT date_trunc('hour', created_at) AS hour, 'annotate' AS stage, count(*)::int AS n, 0 AS rejected
    FROM work_attempts WHERE project_id = ${projectId} AND stage = 'annotate' AND created_at >= ${since} GROUP BY 1
    UNION ALL
    SELECT date_trunc('hour', created_at) AS hour, stage, count(*)::int AS n, count(*) FILTER (WHERE verdict = 'reject')::int AS rejected
    FROM reviews WHERE project_id = ${projectId} AND created_at >= ${since} GROUP BY 1, 2`.execute(db)).rows;
}

/** Tasks accepted per hour (the line's output). */
export async function acceptedPerHour(db: Db, projectId: string, since: Date): Promise<{ hour: Date; n: number }[]> {
  return (await sql<{ hour: Date; n: number }>`
    SELECT date_trunc('hour', at) AS hour, count(*)::int AS n FROM events
    WHERE project_id = ${projectId} AND entity = 'task' AND action = 'accepted' AND at >= ${since} GROUP BY 1`.execute(db)).rows;
}

/** The slot a backlog sample belongs to: the start of its ten minutes. */
const SLOT = sql`date_bin('10 minutes', now(), timestamptz '2000-01-01 00:00:00+00')`;

/**
 * Samples every live project's queues (open, held, waiting per stage) for the current ten-minute
 * slot, unless a process already did: one grouped read of the tasks every ten minutes, whatever the
 * number of processes. Returns the rows written (0 when the slot was taken).
 */
export async function sampleBacklogs(db: Db): Promise<number> {
  const taken = await sql<{ n: number }>`SELECT count(*)::int AS n FROM backlog_samples WHERE at = ${SLOT}`.execute(db);
  if ((taken.rows[0]?.n ?? 0) > 0) return 0;
  const r = await sql`
    INSERT INTO backlog_samples (project_id, at, stage, queued)
    SELECT t.project_id, ${SLOT}, t.stage, count(*)::int FROM tasks t
    WHERE t.status IN ('open', 'leased', 'waiting')
      AND t.project_id IN (SELECT id FROM projects WHERE archived_at IS NULL AND deleted_at IS NULL)
    GROUP BY t.project_id, t.stage
    ON CONFLICT DO NOTHING`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export async function backlogSamples(db: Db, projectId: string, since: Date): Promise<{ at: Date; stage: string; queued: number }[]> {
  return db.selectFrom('backlog_samples').select(['at', 'stage', 'queued'])
    .where('project_id', '=', projectId).where('at', '>=', since).orderBy('at').execute() as Promise<{ at: Date; stage: string; queued: number }[]>;
}

export interface PersonDay { user_id: string; day: string; items: number; objects: number; decided: number; rejected: number }

/** Each person's labelling per day (in `timeZone`): items and objects submitted, how many were decided, how many rejected. */
export async function labellingPerPersonDay(db: Db, projectId: string, since: Date, timeZone: string): Promise<PersonDay[]> {
  return (await sql<PersonDay>`
    SELECT user_id, to_char(created_at AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS day, count(*)::int AS items, coalesce(sum(objects), 0)::int AS objects,
      count(*) FILTER (WHERE outcome IN ('accepted', 'rejected', 'reassigned'))::int AS decided,
      count(*) FILTER (WHERE outcome IN ('rejected', 'reassigned'))::int AS rejected
    FROM work_attempts WHERE project_id = ${projectId} AND stage = 'annotate' AND created_at >= ${since}
    GROUP BY 1, 2`.execute(db)).rows;
}

/** Each person's work inspected by QA per day (in `timeZone`), and how much of it QA found correct. */
export async function qaPerPersonDay(db: Db, projectId: string, since: Date, timeZone: string): Promise<{ user_id: string; day: string; inspected: number; correct: number }[]> {
  return (await sql<{ user_id: string; day: string; inspected: number; correct: number }>`
    SELECT t.annotator_id AS user_id, to_char(r.created_at AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS day,
      count(*)::int AS inspected, count(*) FILTER (WHERE r.verdict = 'accept')::int AS correct
    FROM reviews r JOIN tasks t ON t.id = r.task_id
    WHERE r.project_id = ${projectId} AND r.stage = 'qa' AND r.reviewer_kind = 'human' AND t.annotator_id IS NOT NULL AND r.created_at >= ${since}
    GROUP BY 1, 2`.execute(db)).rows;
}

/** For each consensus item, its merged annotation and each source annotation (at most `limit` pairs, newest items first). */
export async function consensusPairs(db: Db, projectId: string, limit: number): Promise<{ method: string; merged: unknown; given: unknown }[]> {
  return (await sql<{ method: string; merged: unknown; given: unknown }>`
    SELECT c.method, m.payload AS merged, s.payload AS given
    FROM (SELECT * FROM consensus WHERE project_id = ${projectId} AND merged_annotation_id IS NOT NULL ORDER BY created_at DESC LIMIT ${limit}) c
    JOIN annotations m ON m.id = c.merged_annotation_id
    CROSS JOIN LATERAL jsonb_array_elements(c.sources) src
    JOIN annotations s ON s.id = (src->>'annotationId')::uuid`.execute(db)).rows;
}

/** Accepted items per day and method (manual, prelabeled, automatic) with their labour and machine cost. */
export async function costPerDay(db: Db, projectId: string, since: Date, timeZone: string): Promise<{ day: string; method: string; items: number; cost: string }[]> {
  return (await sql<{ day: string; method: string; items: number; cost: string }>`
    SELECT to_char(m.created_at AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS day, m.method, count(DISTINCT m.item_id)::int AS items,
      coalesce(sum(l.amount_minor), 0)::bigint AS cost
    FROM ledger_entries m
    LEFT JOIN ledger_entries e ON e.item_id = m.item_id AND e.project_id = m.project_id
    LEFT JOIN ledger_legs l ON l.entry_id = e.id AND l.account IN ('labour_expense', 'machine_expense')
    WHERE m.project_id = ${projectId} AND m.kind = 'machine' AND m.reverses IS NULL AND m.key = 'machine:' || m.item_id::text AND m.created_at >= ${since}
    GROUP BY 1, 2`.execute(db)).rows;
}

export interface PeriodMoney { period: string; starts_at: Date; revenue: string; labour: string; machine: string }

/** Revenue, labour and machine cost of each closed pay period, and of the entries no period holds yet (`period` null). */
export async function moneyPerPeriod(db: Db, projectId: string): Promise<Array<Omit<PeriodMoney, 'period'> & { period: string | null }>> {
  return (await sql<Omit<PeriodMoney, 'period'> & { period: string | null }>`
    SELECT p.label AS period, coalesce(p.starts_at, 'infinity'::timestamptz) AS starts_at,
      coalesce(-sum(l.amount_minor) FILTER (WHERE l.account = 'revenue'), 0)::bigint AS revenue,
      coalesce(sum(l.amount_minor) FILTER (WHERE l.account = 'labour_expense'), 0)::bigint AS labour,
      coalesce(sum(l.amount_minor) FILTER (WHERE l.account = 'machine_expense'), 0)::bigint AS machine
    FROM ledger_entries e
    JOIN ledger_legs l ON l.entry_id = e.id
    LEFT JOIN period_entries pe ON pe.entry_id = e.id
    LEFT JOIN pay_periods p ON p.id = pe.period_id
    WHERE e.project_id = ${projectId}
    GROUP BY p.id, p.label, p.starts_at ORDER BY 2`.execute(db)).rows;
}
