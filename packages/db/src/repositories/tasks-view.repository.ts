// The manager's tasks view: one page of a project's tasks, filtered and sorted, paged by keyset, with
// what each row shows; a total that stays cheap; the ids a bulk action walks. The indexes each shape
// rides are in migration 0015 (its header says which); every shape is checked with EXPLAIN at a
// million tasks by bench/tasks-view.ts.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../connection.ts';
import type { TaskStatus } from '../schema.ts';

export interface TaskViewFilter {
  stage?: string | undefined; status?: TaskStatus | undefined;
  /** Holds the task now, or (not held) made its latest labelling attempt. */
  personId?: string | undefined;
  /** The item's current annotation has an object of this class. */
  className?: string | undefined;
  minRejections?: number | undefined;
  agreementMin?: number | undefined; agreementMax?: number | undefined;
  scoreMin?: number | undefined; scoreMax?: number | undefined;
  createdFrom?: string | undefined; createdTo?: string | undefined;
  changedFrom?: string | undefined; changedTo?: string | undefined;
  /** Word prefixes, all of them, in the item's file name, media reference or metadata. */
  search?: string | undefined;
}

export type TaskViewSort = 'created' | 'priority' | 'rejections' | 'changed' | 'score';

/** Where the previous page ended: the sort key (as text), the item (score sort) and the task. */
export interface TaskViewCursor { key: string | null; itemId: string | null; id: string }

export interface TaskViewQuery {
  projectId: string; filter: TaskViewFilter; sort: TaskViewSort; desc: boolean; after?: TaskViewCursor | undefined; limit: number;
}

export interface TaskViewRow {
  id: string; item_id: string; stage: string; status: TaskStatus; priority: number; attempts: number; rejections: number;
  created_at: Date; updated_at: Date; item_kind: string; item_asset: string | null; item_media_ref: string | null;
  item_text: string | null; score: number | null; person_id: string | null; person_name: string | null; person_holds: boolean;
  classes: string[] | null; agreement: number | null;
  /** The sort key as text (exact: a timestamp keeps its microseconds), for the cursor. */
  sort_key: string | null;
}

const SCORE = sql`coalesce(i.score, '-Infinity'::float8)`;

/** The sort key's expression and the type its cursor text is read back as. */
const SORTS: Record<TaskViewSort, { key: RawBuilder<unknown> | null; cast: RawBuilder<unknown> }> = {
  created: { key: null, cast: sql`uuid` },
  priority: { key: sql`t.priority`, cast: sql`integer` },
  rejections: { key: sql`t.rejections`, cast: sql`integer` },
  changed: { key: sql`t.updated_at`, cast: sql`timestamptz` },
  score: { key: SCORE, cast: sql`float8` },
};

/** Whether a filter reads the items (search, score): else a count needs the tasks alone. */
const readsItems = (f: TaskViewFilter) => f.search !== undefined || f.scoreMin !== undefined || f.scoreMax !== undefined;

function conditions(projectId: string, f: TaskViewFilter, withItems = true): RawBuilder<unknown>[] {
  const w: RawBuilder<unknown>[] = [sql`t.project_id = ${projectId}::uuid`, ...(withItems ? [sql`i.project_id = ${projectId}::uuid`] : [])];
  if (f.stage !== undefined) w.push(sql`t.stage = ${f.stage}`);
  if (f.status !== undefined) w.push(sql`t.status = ${f.status}`);
  if (f.minRejections !== undefined) w.push(sql`t.rejections >= ${f.minRejections}`);
  if (f.createdFrom !== undefined) w.push(sql`t.created_at >= ${f.createdFrom}::timestamptz`);
  if (f.createdTo !== undefined) w.push(sql`t.created_at <= ${f.createdTo}::timestamptz`);
  if (f.changedFrom !== undefined) w.push(sql`t.updated_at >= ${f.changedFrom}::timestamptz`);
  if (f.changedTo !== undefined) w.push(sql`t.updated_at <= ${f.changedTo}::timestamptz`);
  if (f.scoreMin !== undefined) w.push(sql`i.score >= ${f.scoreMin}::float8`);
  if (f.scoreMax !== undefined) w.push(sql`i.score <= ${f.scoreMax}::float8`);
  if (f.agreementMin !== undefined || f.agreementMax !== undefined) {
    w.push(sql`EXISTS (SELECT 1 FROM consensus c WHERE c.item_id = t.item_id
      AND c.agreement >= ${f.agreementMin ?? 0}::float8 AND c.agreement <= ${f.agreementMax ?? 1}::float8)`);
  }
  if (f.search !== undefined) w.push(sql`cadre_item_search(i.asset, i.media_ref, i.metadata) @@ cadre_search_query(${f.search})`);
  if (f.className !== undefined) {
    w.push(sql`EXISTS (SELECT 1 FROM annotations a
      WHERE a.project_id = t.project_id AND a.item_id = t.item_id AND cadre_payload_labels(a.payload) @> jsonb_build_array(${f.className}::text)
        AND a.version = (SELECT max(b.version) FROM annotations b WHERE b.project_id = a.project_id AND b.item_id = a.item_id))`);
  }
  if (f.personId !== undefined) {
    // The person's tasks are few next to the project's: found by key (their attempts, their leases),
    // never by walking the project; then kept where they are the one the row shows.
    w.push(sql`t.id = ANY(ARRAY(
      SELECT wa.task_id FROM work_attempts wa WHERE wa.project_id = ${projectId}::uuid AND wa.user_id = ${f.personId}::uuid
      UNION SELECT l.id FROM tasks l WHERE l.assignee_id = ${f.personId}::uuid AND l.project_id = ${projectId}::uuid AND l.status = 'leased'))`);
    w.push(sql`${PERSON} = ${f.personId}::uuid`);
  }
  return w;
}

/** Who the row shows: the holder of a held task, else whoever made its latest labelling attempt. */
const PERSON = sql`(CASE WHEN t.status = 'leased' THEN t.assignee_id
  ELSE (SELECT wl.user_id FROM work_attempts wl WHERE wl.task_id = t.id ORDER BY wl.created_at DESC, wl.id DESC LIMIT 1) END)`;

function keyset(q: TaskViewQuery): RawBuilder<unknown> | null {
  if (!q.after) return null;
  const op = q.desc ? sql`<` : sql`>`;
  const { key, cast } = SORTS[q.sort];
  if (key === null) return sql`t.id ${op} ${q.after.id}::uuid`;
  const value = sql`${q.after.key}::${cast}`;
  if (q.sort === 'score') return sql`(${key}, i.id, t.id) ${op} (${value}, ${q.after.itemId}::uuid, ${q.after.id}::uuid)`;
  return sql`(${key}, t.id) ${op} (${value}, ${q.after.id}::uuid)`;
}

function order(q: TaskViewQuery, prefix: 'live' | 'page'): RawBuilder<unknown> {
  const dir = q.desc ? sql`DESC` : sql`ASC`;
  if (prefix === 'page') return q.sort === 'created' ? sql`p.id ${dir}` : q.sort === 'score' ? sql`p.sort_value ${dir}, p.item_id ${dir}, p.id ${dir}` : sql`p.sort_value ${dir}, p.id ${dir}`;
  const { key } = SORTS[q.sort];
  if (key === null) return sql`t.id ${dir}`;
  if (q.sort === 'score') return sql`${key} ${dir}, i.id ${dir}, t.id ${dir}`;
  return sql`${key} ${dir}, t.id ${dir}`;
}

const where = (parts: RawBuilder<unknown>[]) => sql.join(parts, sql` AND `);

/**
 * One page: the matching rows are found first (the sort's index, the filters' indexes), then only
 * the page's rows are dressed with their person, classes and agreement.
 */
export async function page(db: Db, q: TaskViewQuery): Promise<TaskViewRow[]> {
  const parts = conditions(q.projectId, q.filter);
  const after = keyset(q);
  if (after) parts.push(after);
  const key = SORTS[q.sort].key ?? sql`NULL::text`;
  const { rows } = await sql<TaskViewRow>`
    WITH p AS (
      SELECT t.id, t.item_id, t.project_id, t.stage, t.status, t.priority, t.attempts, t.rejections, t.created_at, t.updated_at,
             t.assignee_id, i.kind AS item_kind, i.asset AS item_asset, i.media_ref AS item_media_ref,
             CASE WHEN i.kind = 'text' THEN left(i.content, 400) END AS item_text, i.score, ${key} AS sort_value
      FROM tasks t JOIN items i ON i.id = t.item_id
      WHERE ${where(parts)}
      ORDER BY ${order(q, 'live')}
      LIMIT ${q.limit}
    )
    SELECT p.id, p.item_id, p.stage, p.status, p.priority, p.attempts, p.rejections, p.created_at, p.updated_at,
           p.item_kind, p.item_asset, p.item_media_ref, p.item_text, p.score, p.sort_value::text AS sort_key,
           x.person_id, u.name AS person_name, (p.status = 'leased') AS person_holds,
           (SELECT cadre_payload_classes(a.payload) FROM annotations a
             WHERE a.project_id = p.project_id AND a.item_id = p.item_id ORDER BY a.version DESC LIMIT 1) AS classes,
           (SELECT c.agreement FROM consensus c WHERE c.item_id = p.item_id) AS agreement
    FROM p
    CROSS JOIN LATERAL (SELECT CASE WHEN p.status = 'leased' THEN p.assignee_id
      ELSE (SELECT wl.user_id FROM work_attempts wl WHERE wl.task_id = p.id ORDER BY wl.created_at DESC, wl.id DESC LIMIT 1) END AS person_id) x
    LEFT JOIN users u ON u.id = x.person_id
    ORDER BY ${order(q, 'page')}`.execute(db);
  return rows;
}

/** The ids of the matching tasks after `afterId`, oldest first (a bulk action walks them a batch at a time). */
export async function matchingIds(db: Db, projectId: string, filter: TaskViewFilter, afterId: string | null, limit: number): Promise<string[]> {
  const parts = conditions(projectId, filter);
  if (afterId) parts.push(sql`t.id > ${afterId}::uuid`);
  const { rows } = await sql<{ id: string }>`
    SELECT t.id FROM tasks t JOIN items i ON i.id = t.item_id WHERE ${where(parts)} ORDER BY t.id LIMIT ${limit}`.execute(db);
  return rows.map((r) => r.id);
}

const QUERY_CANCELED = '57014';

/**
 * How many tasks match: counted exactly up to `cap` within `budgetMs`; past either, the planner's
 * estimate (flagged as one), so a filter over a million tasks never counts a million rows.
 */
export async function countMatching(db: Db, projectId: string, filter: TaskViewFilter, cap: number, budgetMs: number): Promise<{ count: number; exact: boolean }> {
  // The items are joined only when a filter reads them: counting a stage's tasks is then an index-only walk.
  const items = readsItems(filter);
  const w = where(conditions(projectId, filter, items));
  const from = items ? sql`tasks t JOIN items i ON i.id = t.item_id` : sql`tasks t`;
  try {
    const n = await db.transaction().execute(async (tx) => {
      await sql`SELECT set_config('statement_timeout', ${String(budgetMs)}, true)`.execute(tx);
      const { rows } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from} WHERE ${w} LIMIT ${cap + 1}) x`.execute(tx);
      return rows[0]!.n;
    });
    if (n <= cap) return { count: n, exact: true };
  } catch (e) {
    if ((e as { code?: string }).code !== QUERY_CANCELED) throw e;
  }
  const { rows } = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`
    EXPLAIN (FORMAT JSON) SELECT 1 FROM ${from} WHERE ${w}`.execute(db);
  const estimate = Math.round(rows[0]!['QUERY PLAN'][0].Plan['Plan Rows']);
  return { count: Math.max(estimate, cap + 1), exact: false };
}

/** The plan of one page's query, for the bench's check that every shape uses an index. */
export async function explainPage(db: Db, q: TaskViewQuery): Promise<string> {
  const parts = conditions(q.projectId, q.filter);
  const after = keyset(q);
  if (after) parts.push(after);
  const { rows } = await sql<{ 'QUERY PLAN': string }>`
    EXPLAIN (ANALYZE, BUFFERS OFF, COSTS OFF, TIMING OFF) SELECT t.id FROM tasks t JOIN items i ON i.id = t.item_id
    WHERE ${where(parts)} ORDER BY ${order(q, 'live')} LIMIT ${q.limit}`.execute(db);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

export interface LockedTask {
  id: string; project_id: string; item_id: string; stage: string; status: TaskStatus; priority: number; assignee_id: string | null;
  assignee_name: string | null; reserved_for: string | null; rejections: number; annotator_id: string | null; batch_id: string | null;
}

/** Locks the tasks of a bulk batch (in id order, so two batches never deadlock), with the name of whoever holds each. */
export async function lockTasks(db: Db, ids: readonly string[]): Promise<LockedTask[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<LockedTask>`
    SELECT t.id, t.project_id, t.item_id, t.stage, t.status, t.priority, t.assignee_id, u.name AS assignee_name,
           t.reserved_for, t.rejections, t.annotator_id, t.batch_id
    FROM tasks t LEFT JOIN users u ON u.id = t.assignee_id
    WHERE t.id = ANY(${[...ids]}::uuid[]) ORDER BY t.id FOR UPDATE OF t`.execute(db);
  return rows;
}

export async function setPriority(db: Db, taskId: string, priority: number): Promise<void> {
  await db.updateTable('tasks').set({ priority, updated_at: sql`now()` }).where('id', '=', taskId).execute();
}

/** Whether the person gave this task back before (the queue never offers it to them again). */
export async function hasSkipped(db: Db, taskId: string, userId: string): Promise<boolean> {
  return (await db.selectFrom('task_skips').select('task_id').where('task_id', '=', taskId).where('user_id', '=', userId).executeTakeFirst()) !== undefined;
}
