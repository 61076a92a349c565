// What the database holds after the load and the faults, read directly (the bench's own checks,
// not the app's code paths): acknowledged submits stored, no task labelled by two people, nothing
// half-written, no lease left behind its expiry.
import type pg from 'pg';

export interface Acknowledged { taskId: string; submissionId: string }

/** Acknowledged submits with no annotation of that submission id on that task. */
export async function acknowledgedLost(pool: pg.Pool, acked: readonly Acknowledged[]): Promise<number> {
  if (acked.length === 0) return 0;
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM annotations a
     JOIN unnest($1::uuid[], $2::uuid[]) AS k(submission_id, task_id) ON a.submission_id = k.submission_id AND a.task_id = k.task_id`,
    [acked.map((a) => a.submissionId), acked.map((a) => a.taskId)],
  );
  return acked.length - rows[0]!.n;
}

/** Labelling tasks with work from more than one person, or more than one submission (one copy, no review ran). */
export async function doubleSubmits(pool: pg.Pool, projectId: string): Promise<{ people: number; submissions: number }> {
  const { rows } = await pool.query<{ people: number; submissions: number }>(
    `SELECT count(*) FILTER (WHERE authors > 1)::int AS people, count(*) FILTER (WHERE n > 1)::int AS submissions
     FROM (SELECT task_id, count(DISTINCT author_id) AS authors, count(*) AS n FROM annotations WHERE project_id = $1 GROUP BY task_id) t`,
    [projectId],
  );
  return rows[0]!;
}

/**
 * Rows a crash in the middle of a write could leave behind; each is counted. A submit writes the
 * annotation, moves the task on, records the attempt and logs `submitted` in one statement or one
 * transaction, so every count must be zero.
 */
export async function halfWritten(pool: pg.Pool, projectId: string): Promise<Record<string, number>> {
  const count = async (text: string) => (await pool.query<{ n: number }>(text, [projectId])).rows[0]!.n;
  return {
    annotation_on_unmoved_task: await count(
      `SELECT count(*)::int AS n FROM annotations a JOIN tasks t ON t.id = a.task_id WHERE a.project_id = $1 AND t.stage = 'annotate'`),
    moved_task_without_annotation: await count(
      `SELECT count(*)::int AS n FROM tasks t WHERE t.project_id = $1 AND t.stage <> 'annotate'
       AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.task_id = t.id)`),
    annotation_without_attempt: await count(
      `SELECT count(*)::int AS n FROM annotations a WHERE a.project_id = $1
       AND NOT EXISTS (SELECT 1 FROM work_attempts w WHERE w.annotation_id = a.id)`),
    annotation_without_event: await count(
      `SELECT count(*)::int AS n FROM annotations a WHERE a.project_id = $1
       AND NOT EXISTS (SELECT 1 FROM events e WHERE e.entity = 'task' AND e.entity_id = a.task_id::text AND e.action = 'submitted')`),
    lease_without_holder: await count(
      `SELECT count(*)::int AS n FROM tasks WHERE project_id = $1
       AND ((status = 'leased' AND (assignee_id IS NULL OR lease_expires_at IS NULL)) OR (status = 'open' AND assignee_id IS NOT NULL))`),
  };
}

/** Leases past their expiry by more than `graceSeconds` (the reaper runs every 15 s): they did not come back. */
export async function expiredLeasesLeft(pool: pg.Pool, projectId: string, graceSeconds: number): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM tasks WHERE project_id = $1 AND status = 'leased' AND lease_expires_at < now() - make_interval(secs => $2)`,
    [projectId, graceSeconds],
  );
  return rows[0]!.n;
}

export interface Abandoned { taskId: string; userId: string }

/**
 * Of the leases people walked away from when their server died: which came back to the queue
 * (a `lease_expired` event for that person on that task), which were stored after all (the cut
 * submit had been written before the process died), and which later went to someone else.
 */
export async function abandonedLeases(pool: pg.Pool, abandoned: readonly Abandoned[]): Promise<{ returned: number; storedAnyway: number; stuck: number; submittedLater: number }> {
  if (abandoned.length === 0) return { returned: 0, storedAnyway: 0, stuck: 0, submittedLater: 0 };
  const { rows } = await pool.query<{ returned: boolean; stored: boolean; later: boolean }>(
    `SELECT
       EXISTS (SELECT 1 FROM events e WHERE e.entity = 'task' AND e.entity_id = k.task_id::text AND e.action = 'lease_expired' AND e.data->>'assignee_id' = k.user_id::text) AS returned,
       EXISTS (SELECT 1 FROM annotations a WHERE a.task_id = k.task_id AND a.author_id = k.user_id) AS stored,
       EXISTS (SELECT 1 FROM annotations a WHERE a.task_id = k.task_id AND a.author_id <> k.user_id) AS later
     FROM unnest($1::uuid[], $2::uuid[]) AS k(task_id, user_id)`,
    [abandoned.map((a) => a.taskId), abandoned.map((a) => a.userId)],
  );
  return {
    returned: rows.filter((r) => r.returned).length,
    storedAnyway: rows.filter((r) => !r.returned && r.stored).length,
    stuck: rows.filter((r) => !r.returned && !r.stored).length,
    submittedLater: rows.filter((r) => r.later).length,
  };
}
