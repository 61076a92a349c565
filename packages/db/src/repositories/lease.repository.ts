// The one place a task is handed to a worker. Every lease (labelling, review, QA, rework, gold, and
// machine workers) is one statement that checks the worker's role and hold limit, passes tasks the
// worker skipped, picks, leases and logs the `leased` event that pay, limits and the work spans read.
// Which kind of lease to ask for is the server's rule; how a lease is taken is written once here.
import { sql } from 'kysely';
import type { Db, Queryable } from '../connection.ts';
import type { TaskRow } from '../schema.ts';
import { taskColumns } from './columns.ts';

/**
 * `queue`: the best open task of the stage (the worker's own expired lease first). `rework`: only
 * work reserved for the worker (the one lease the daily cap still allows). `gold`: a gold item the
 * worker has not done, as a task of the `gold` stage made for them (or their earlier one again).
 */
export type LeaseKind = 'queue' | 'rework' | 'gold';
/** Who takes the task, as the event log names it: a person or a machine worker. */
export type WorkerKind = 'user' | 'machine';

export interface LeaseInput {
  kind: LeaseKind;
  workerId: string;
  workerKind: WorkerKind;
  projectId: string;
  /** The task stage to lease from (`gold` for gold leases). */
  stage: string;
  leaseSeconds: number;
  /** The most tasks one worker may hold in a project: the current one plus the prefetched next. */
  maxHeld: number;
  /** Roles that may work this stage; admins (`bypassRoles`) need none. */
  roles: readonly string[];
  bypassRoles: boolean;
  /** Consensus: the item has several copies; skip items this worker already labels (queue only). */
  copies?: boolean;
}

// $1 worker, $2 project, $3 stage, $4 lease seconds, $5 hold limit, $6 roles, $7 bypass roles,
// $8 worker kind (and $9 copies, queue only).
const GATE = `
  allowed AS (
    SELECT $7::boolean
      OR EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = $2 AND m.user_id = $1 AND m.role = ANY($6::text[]))
      OR EXISTS (SELECT 1 FROM project_teams pt JOIN team_members tm ON tm.team_id = pt.team_id
                 WHERE pt.project_id = $2 AND tm.user_id = $1 AND pt.role = ANY($6::text[])) AS ok
  ), held AS (
    SELECT count(*)::int AS n FROM tasks WHERE assignee_id = $1 AND status = 'leased' AND project_id = $2
  )`;

/** An open task of the stage this worker may take: role, hold limit, reservation and skips. */
const OPEN_TO_WORKER = `
  t.project_id = $2 AND t.stage = $3 AND t.status = 'open'
  AND (SELECT ok FROM allowed) AND (SELECT n FROM held) < $5
  AND NOT EXISTS (SELECT 1 FROM task_skips s WHERE s.task_id = t.id AND s.user_id = $1)`;

const LEASE_PICKED = `
  leased AS (
    UPDATE tasks t SET status = 'leased', assignee_id = $1,
      lease_expires_at = now() + make_interval(secs => $4::float8),
      attempts = t.attempts + 1, updated_at = now()
    FROM pick WHERE t.id = pick.id
    RETURNING ${taskColumns('t')}
  )`;

const logLeases = (from: string, data: string) => `
  logged AS (
    INSERT INTO events (actor_id, actor_kind, project_id, entity, entity_id, action, data)
    SELECT $1, $8, project_id, 'task', id::text, 'leased', jsonb_build_object('stage', stage${data})
    FROM ${from}
  )`;

// Workflow rules: a task reserved for someone (rework) goes to them alone; nobody reviews or
// inspects their own work; with consensus copies, nobody labels two copies of one item.
// A worker whose lease expired gets that task back first while it is still open (their draft is
// on it): "mine" starts from their few drafts (an array, so the plan can only probe tasks by key,
// never walk the project's queue), and LIMIT 1 over the UNION stops "queued" from running (and
// locking a row) at all when "mine" finds one. SKIP LOCKED lets concurrent claimers pass each other
// instead of queueing on one row. Each kind runs as a named prepared statement, so a connection
// parses and plans it once (planning cost more than running it).
const QUEUE = {
  name: 'cadre_lease_queue_v2',
  text: `
    WITH ${GATE}, mine AS (
      SELECT t.id FROM tasks t
      WHERE t.id = ANY(ARRAY(SELECT d.task_id FROM drafts d WHERE d.user_id = $1)) AND ${OPEN_TO_WORKER}
        AND (t.reserved_for IS NULL OR t.reserved_for = $1)
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    ), queued AS (
      SELECT t.id FROM tasks t
      WHERE ${OPEN_TO_WORKER}
        AND (t.reserved_for IS NULL OR t.reserved_for = $1)
        AND ($3 = 'annotate' OR t.annotator_id IS DISTINCT FROM $1)
        AND (NOT $9::boolean OR NOT EXISTS (
          SELECT 1 FROM tasks o WHERE o.item_id = t.item_id AND o.id <> t.id AND (o.assignee_id = $1 OR o.annotator_id = $1)))
      ORDER BY t.priority DESC, t.id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    ), pick AS (
      SELECT id FROM mine UNION ALL SELECT id FROM queued LIMIT 1
    ), ${LEASE_PICKED}, ${logLeases('leased', '')}
    SELECT * FROM leased`,
};

const REWORK = {
  name: 'cadre_lease_rework_v2',
  text: `
    WITH ${GATE}, pick AS (
      SELECT t.id FROM tasks t
      WHERE ${OPEN_TO_WORKER} AND t.reserved_for = $1
      ORDER BY t.priority DESC, t.id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    ), ${LEASE_PICKED}, ${logLeases('leased', `, 'rework', true`)}
    SELECT * FROM leased`,
};

// A gold task is made per worker (reserved for them), so the same item can be gold for everyone.
// Their earlier one comes back first (its lease ran out); an item they skipped is not made again.
const GOLD = {
  name: 'cadre_lease_gold_v2',
  text: `
    WITH ${GATE}, pick AS (
      SELECT t.id FROM tasks t
      WHERE ${OPEN_TO_WORKER} AND t.reserved_for = $1
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    ), ${LEASE_PICKED}, fresh AS (
      SELECT g.item_id FROM gold_items g
      WHERE g.project_id = $2 AND NOT EXISTS (SELECT 1 FROM pick)
        AND (SELECT ok FROM allowed) AND (SELECT n FROM held) < $5
        AND NOT EXISTS (SELECT 1 FROM gold_results r WHERE r.item_id = g.item_id AND r.user_id = $1)
        AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.item_id = g.item_id AND t.stage = $3
                        AND (t.reserved_for = $1 OR EXISTS (SELECT 1 FROM task_skips s WHERE s.task_id = t.id AND s.user_id = $1)))
      ORDER BY random() LIMIT 1
    ), made AS (
      INSERT INTO tasks (id, project_id, item_id, stage, status, assignee_id, reserved_for, lease_expires_at, attempts, created_at, updated_at)
      SELECT uuidv7(), $2, item_id, $3, 'leased', $1, $1, now() + make_interval(secs => $4::float8), 1, now(), now()
      FROM fresh
      RETURNING ${taskColumns()}
    ), given AS (
      SELECT * FROM leased UNION ALL SELECT * FROM made
    ), ${logLeases('given', '')}
    SELECT * FROM given`,
};

const STATEMENTS = { queue: QUEUE, rework: REWORK, gold: GOLD } as const;

const valuesOf = (c: LeaseInput): unknown[] => {
  const values: unknown[] = [c.workerId, c.projectId, c.stage, c.leaseSeconds, c.maxHeld, c.roles, c.bypassRoles, c.workerKind];
  if (c.kind === 'queue') values.push(c.copies ?? false);
  return values;
};

/** Leases the task this worker gets, or none; the lease and its `leased` event are one statement. */
export async function lease(pool: Queryable, c: LeaseInput): Promise<TaskRow | undefined> {
  const result = await pool.query<TaskRow>({ ...STATEMENTS[c.kind], values: valuesOf(c) });
  return result.rows[0];
}

/** The plan of this lease (EXPLAIN without ANALYZE: nothing is leased), for the tests and the bench. */
export async function explainLease(pool: Queryable, c: LeaseInput): Promise<unknown> {
  const { rows } = await pool.query<{ 'QUERY PLAN': unknown }>({ text: `EXPLAIN (FORMAT JSON) ${STATEMENTS[c.kind].text}`, values: valuesOf(c) });
  return rows[0]!['QUERY PLAN'];
}

/**
 * Leases exactly this task to the worker and logs the event (`opened`: taken back by id). The
 * caller has checked, under a lock, that it is theirs to take.
 */
export async function leaseThis(db: Db, taskId: string, worker: { id: string; kind: WorkerKind }, leaseSeconds: number): Promise<TaskRow> {
  const { rows } = await sql<TaskRow>`
    WITH leased AS (
      UPDATE tasks SET status = 'leased', assignee_id = ${worker.id}, lease_expires_at = now() + make_interval(secs => ${leaseSeconds}::float8),
        attempts = attempts + 1, updated_at = now()
      WHERE id = ${taskId}
      RETURNING *
    ), logged AS (
      INSERT INTO events (actor_id, actor_kind, project_id, entity, entity_id, action, data)
      SELECT ${worker.id}, ${worker.kind}, project_id, 'task', id::text, 'leased', jsonb_build_object('stage', stage, 'opened', true)
      FROM leased
    )
    SELECT * FROM leased`.execute(db);
  if (!rows[0]) throw new Error(`task ${taskId} not found`);
  return rows[0];
}
