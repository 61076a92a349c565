// The alert log's SQL: raise (at most one open alert per project, kind and subject), clear, list;
// the shared debounce of evaluations (alert_checks); the few reads the red lines need that no other
// repository has.
import { sql } from 'kysely';
import type { Db } from '../connection.ts';
import { dayStartSql } from './limits.repository.ts';

export interface AlertRow {
  id: string; project_id: string; kind: string; subject_kind: string; subject_id: string; subject_name: string;
  level: number | null; value: number | null; message: string; raised_at: Date; cleared_at: Date | null; cleared_value: number | null;
  raised_delivery: string | null; cleared_delivery: string | null;
}
export interface NewAlert {
  id: string; kind: string; subjectKind: string; subjectId: string; subjectName: string; level: number | null; value: number | null; message: string;
}

/**
 * Takes the project's next evaluation for the caller when the last one began at least `gapMs` ago:
 * its start time to the millisecond (the caller's token, as JavaScript holds it), or null when another took one more recently. The row lock
 * makes two processes asking at once take turns, and the second then finds the gap too short.
 */
export async function claimCheck(db: Db, projectId: string, gapMs: number): Promise<Date | null> {
  const { rows } = await sql<{ checked_at: Date }>`
    INSERT INTO alert_checks AS c (project_id, checked_at) VALUES (${projectId}, date_trunc('milliseconds', clock_timestamp()))
    ON CONFLICT (project_id) DO UPDATE SET checked_at = date_trunc('milliseconds', clock_timestamp())
      WHERE c.checked_at <= clock_timestamp() - make_interval(secs => ${gapMs / 1000})
    RETURNING checked_at`.execute(db);
  return rows[0]?.checked_at ?? null;
}

/** Inside the transaction that writes the outcome: whether the evaluation started at `token` is still the project's latest (row locked until commit). */
export async function stillLatest(tx: Db, projectId: string, token: Date): Promise<boolean> {
  const { rows } = await sql<{ same: boolean }>`
    SELECT checked_at = ${token}::timestamptz AS same FROM alert_checks WHERE project_id = ${projectId} FOR UPDATE`.execute(tx);
  return rows[0]?.same === true;
}

export async function openAlerts(db: Db, projectId: string): Promise<AlertRow[]> {
  const { rows } = await sql<AlertRow>`SELECT * FROM alerts WHERE project_id = ${projectId} AND cleared_at IS NULL ORDER BY raised_at, id`.execute(db);
  return rows;
}

/** Raises these alerts; one already open for the same kind and subject is left as it is. Returns the ones raised. */
export async function raise(tx: Db, projectId: string, alerts: NewAlert[]): Promise<AlertRow[]> {
  if (alerts.length === 0) return [];
  const { rows } = await sql<AlertRow>`
    INSERT INTO alerts (id, project_id, kind, subject_kind, subject_id, subject_name, level, value, message)
    SELECT a.id, ${projectId}, a.kind, a.subject_kind, a.subject_id, a.subject_name, a.level, a.value, a.message
    FROM jsonb_to_recordset(${JSON.stringify(alerts.map((a) => ({
      id: a.id, kind: a.kind, subject_kind: a.subjectKind, subject_id: a.subjectId, subject_name: a.subjectName, level: a.level, value: a.value, message: a.message,
    })))}::jsonb) AS a(id uuid, kind text, subject_kind text, subject_id text, subject_name text, level double precision, value double precision, message text)
    ON CONFLICT (project_id, kind, subject_id) WHERE cleared_at IS NULL DO NOTHING
    RETURNING *`.execute(tx);
  return rows;
}

/** Clears open alerts (each with the value it was last seen at, null when the line is off); returns the ones cleared. */
export async function clear(tx: Db, projectId: string, cleared: { id: string; value: number | null }[]): Promise<AlertRow[]> {
  if (cleared.length === 0) return [];
  const { rows } = await sql<AlertRow>`
    UPDATE alerts a SET cleared_at = now(), cleared_value = c.value
    FROM jsonb_to_recordset(${JSON.stringify(cleared)}::jsonb) AS c(id uuid, value double precision)
    WHERE a.id = c.id AND a.project_id = ${projectId} AND a.cleared_at IS NULL
    RETURNING a.*`.execute(tx);
  return rows;
}

/** Clears every open alert of the project (its red lines were turned off). */
export async function clearAll(db: Db, projectId: string): Promise<AlertRow[]> {
  const { rows } = await sql<AlertRow>`UPDATE alerts SET cleared_at = now() WHERE project_id = ${projectId} AND cleared_at IS NULL RETURNING *`.execute(db);
  return rows;
}

/** What became of the webhook post of an alert's raising or clearing. */
export async function recordDelivery(db: Db, id: string, phase: 'raised' | 'cleared', outcome: string): Promise<void> {
  await (phase === 'raised'
    ? sql`UPDATE alerts SET raised_delivery = ${outcome} WHERE id = ${id}`
    : sql`UPDATE alerts SET cleared_delivery = ${outcome} WHERE id = ${id}`).execute(db);
}

/** The project's alerts, newest first. */
export async function list(db: Db, projectId: string, o: { open: boolean; limit: number }): Promise<AlertRow[]> {
  const { rows } = await sql<AlertRow>`
    SELECT * FROM alerts WHERE project_id = ${projectId} AND (${!o.open} OR cleared_at IS NULL)
    ORDER BY raised_at DESC, id DESC LIMIT ${o.limit}`.execute(db);
  return rows;
}

/** Projects to look at once a minute: live ones with work still open or held, and any with an alert open (`alerting`). */
export async function projectsToWatch(db: Db): Promise<{ id: string; alerting: boolean }[]> {
  const { rows } = await sql<{ id: string; alerting: boolean }>`
    WITH alerting AS (SELECT DISTINCT project_id FROM alerts WHERE cleared_at IS NULL)
    SELECT p.id, EXISTS (SELECT 1 FROM alerting a WHERE a.project_id = p.id) AS alerting FROM projects p
    WHERE p.archived_at IS NULL AND p.deleted_at IS NULL
      AND EXISTS (SELECT 1 FROM tasks t WHERE t.project_id = p.id AND t.status IN ('open', 'leased'))
    UNION
    SELECT project_id, true FROM alerting`.execute(db);
  return rows;
}

/** People who took on labelling or gold work in the project today (in the time zone) or hold some now: whoever may be at the daily cap. */
export async function peopleToday(db: Db, projectId: string, timeZone: string): Promise<string[]> {
  const { rows } = await sql<{ user_id: string }>`
    WITH day AS (SELECT ${dayStartSql(timeZone)} AS start)
    SELECT DISTINCT w.user_id FROM work_attempts w, day WHERE w.project_id = ${projectId} AND w.stage = 'annotate' AND w.created_at >= day.start
    UNION SELECT DISTINCT g.user_id FROM gold_results g, day WHERE g.project_id = ${projectId} AND g.created_at >= day.start
    UNION SELECT DISTINCT t.assignee_id FROM tasks t WHERE t.project_id = ${projectId} AND t.status = 'leased' AND t.stage IN ('annotate', 'gold') AND t.assignee_id IS NOT NULL`.execute(db);
  return rows.map((r) => r.user_id);
}

/** QA batches of the project that failed since `since`, with their annotator's name. */
export async function failedBatches(db: Db, projectId: string, since: Date): Promise<{ id: string; key: string; annotator_name: string; accuracy: number | null }[]> {
  const { rows } = await sql<{ id: string; key: string; annotator_name: string; accuracy: number | null }>`
    SELECT b.id, b.key, u.name AS annotator_name, b.accuracy FROM qa_batches b JOIN users u ON u.id = b.annotator_id
    WHERE b.project_id = ${projectId} AND b.status = 'rejected' AND b.decided_at >= ${since}`.execute(db);
  return rows;
}
