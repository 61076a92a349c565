// What `/metrics` reads from the database at scrape time: two grouped queries, each one pass over
// its table, so a scrape stays cheap however many tasks there are (the server caches the result for
// a few seconds on top).
import { sql } from 'kysely';
import type { Db } from '../connection.ts';
import type { MachineJobKind, MachineJobState, TaskStatus } from '../schema.ts';

export interface TaskCount {
  projectId: string; projectName: string; stage: string; status: TaskStatus;
  tasks: number;
  /** Leased tasks whose lease ran out and that the reaper has not freed yet. */
  expiredLeases: number;
}

/** Tasks per live project (not archived, not deleted), stage and status. */
export async function taskCounts(db: Db): Promise<TaskCount[]> {
  // Counted before the join: one scan of tasks, then one row per group meets its project.
  const { rows } = await sql<TaskCount>`
    WITH c AS (
      SELECT project_id, stage, status, count(*)::int AS tasks,
        count(*) FILTER (WHERE status = 'leased' AND lease_expires_at <= now())::int AS expired
      FROM tasks GROUP BY project_id, stage, status
    )
    SELECT c.project_id AS "projectId", p.name AS "projectName", c.stage, c.status, c.tasks, c.expired AS "expiredLeases"
    FROM c JOIN projects p ON p.id = c.project_id
    WHERE p.archived_at IS NULL AND p.deleted_at IS NULL
    ORDER BY 1, 3, 4`.execute(db);
  return rows;
}

export interface JobCount {
  kind: MachineJobKind; state: MachineJobState;
  jobs: number;
  /** Items the jobs worked, summed: a rate of them is a job kind's throughput. */
  itemsDone: number; itemsFailed: number;
}

/** Machine jobs per kind and state, with the items they have done and failed. */
export async function jobCounts(db: Db): Promise<JobCount[]> {
  const { rows } = await sql<JobCount>`
    SELECT kind, state, count(*)::int AS jobs,
      coalesce(sum(done), 0)::float8 AS "itemsDone", coalesce(sum(failed), 0)::float8 AS "itemsFailed"
    FROM machine_jobs GROUP BY kind, state ORDER BY 1, 2`.execute(db);
  return rows;
}
