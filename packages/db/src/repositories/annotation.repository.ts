import { sql } from 'kysely';
import type { Db, Queryable } from '../connection.ts';
import type { AnnotationRow, AnnotationState } from '../schema.ts';
import { annotationColumns } from './columns.ts';

export interface NewAnnotation {
  id: string; projectId: string; itemId: string; taskId: string | null;
  authorId: string | null; authorKind: 'human' | 'machine'; submissionId: string | null;
  state: AnnotationState; schemaVersion: number; payload: unknown;
}

/** Appends the item's next version; the previous latest becomes its parent. */
export async function insertAnnotation(db: Db, a: NewAnnotation): Promise<AnnotationRow> {
  const result = await sql<AnnotationRow>`
    WITH latest AS (
      SELECT id, version FROM annotations WHERE item_id = ${a.itemId} ORDER BY version DESC LIMIT 1
    )
    INSERT INTO annotations (id, project_id, item_id, task_id, version, parent_id, author_id, author_kind,
      submission_id, state, schema_version, payload)
    SELECT ${a.id}, ${a.projectId}, ${a.itemId}, ${a.taskId},
      coalesce((SELECT version FROM latest), 0) + 1, (SELECT id FROM latest),
      ${a.authorId}, ${a.authorKind}, ${a.submissionId}, ${a.state}, ${a.schemaVersion}, ${JSON.stringify(a.payload)}::jsonb
    RETURNING *`.execute(db);
  return result.rows[0]!;
}

export async function findBySubmission(db: Db, submissionId: string): Promise<AnnotationRow | undefined> {
  return db.selectFrom('annotations').selectAll().where('submission_id', '=', submissionId).executeTakeFirst();
}

export async function findAnnotation(db: Db, id: string): Promise<AnnotationRow | undefined> {
  return db.selectFrom('annotations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An item's versions, oldest first, each with its author's name for the version history. */
export async function annotationsOfItem(db: Db, itemId: string): Promise<(AnnotationRow & { author_name: string | null })[]> {
  return db.selectFrom('annotations').leftJoin('users', 'users.id', 'annotations.author_id')
    .selectAll('annotations').select('users.name as author_name')
    .where('annotations.item_id', '=', itemId).orderBy('annotations.version').execute();
}

export async function latestAnnotation(db: Db, itemId: string): Promise<AnnotationRow | undefined> {
  return db.selectFrom('annotations').selectAll().where('item_id', '=', itemId).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export async function saveDraft(db: Db, taskId: string, userId: string, schemaVersion: number, payload: unknown): Promise<Date> {
  const row = await db.insertInto('drafts')
    .values({ task_id: taskId, user_id: userId, schema_version: schemaVersion, payload: JSON.stringify(payload) })
    .onConflict((oc) => oc.columns(['task_id', 'user_id']).doUpdateSet({ schema_version: schemaVersion, payload: JSON.stringify(payload), saved_at: sql`now()` }))
    .returning('saved_at').executeTakeFirstOrThrow();
  return row.saved_at;
}

export async function findDraft(db: Db, taskId: string, userId: string) {
  return db.selectFrom('drafts').selectAll().where('task_id', '=', taskId).where('user_id', '=', userId).executeTakeFirst();
}

export async function deleteDraft(db: Db, taskId: string, userId: string): Promise<void> {
  await db.deleteFrom('drafts').where('task_id', '=', taskId).where('user_id', '=', userId).execute();
}

/** Whether the person left a draft on the task (their lease may have expired since). */
export async function hasDraft(db: Db, taskId: string, userId: string): Promise<boolean> {
  return (await db.selectFrom('drafts').select('task_id').where('task_id', '=', taskId).where('user_id', '=', userId).executeTakeFirst()) !== undefined;
}

/** The newest draft someone else left on the task, with their name. */
export async function latestDraftOfOthers(db: Db, taskId: string, userId: string) {
  return db.selectFrom('drafts').innerJoin('users', 'users.id', 'drafts.user_id')
    .select(['drafts.payload', 'drafts.user_id', 'drafts.saved_at', 'users.name as user_name'])
    .where('drafts.task_id', '=', taskId).where('drafts.user_id', '<>', userId)
    .orderBy('drafts.saved_at', 'desc').limit(1).executeTakeFirst();
}

const FIND_BY_SUBMISSION = { name: 'cadre_find_by_submission_v2', text: `SELECT ${annotationColumns()} FROM annotations WHERE submission_id = $1` };

export async function findBySubmissionId(client: Queryable, submissionId: string): Promise<AnnotationRow | undefined> {
  return (await client.query<AnnotationRow>({ ...FIND_BY_SUBMISSION, values: [submissionId] })).rows[0];
}

// A submit in one statement: the item's next annotation version, the draft dropped and the event
// logged. Where the task goes next is the workflow's business.
const RECORD_SUBMISSION = {
  name: 'cadre_record_submission_v4',
  text: `
    WITH latest AS (
      SELECT id, version FROM annotations WHERE item_id = $3 ORDER BY version DESC LIMIT 1
    ), ins AS (
      INSERT INTO annotations (id, project_id, item_id, task_id, version, parent_id, author_id, author_kind,
        submission_id, state, schema_version, payload)
      SELECT $1, $2, $3, $4, coalesce((SELECT version FROM latest), 0) + 1, (SELECT id FROM latest),
        $5, 'human', $6, $7, $8, $9::jsonb
      RETURNING ${annotationColumns()}
    ), dropped AS (
      -- Everyone's: a draft left by someone whose lease expired is spent once the task is submitted.
      DELETE FROM drafts WHERE task_id = $4
    ), logged AS (
      INSERT INTO events (actor_id, actor_kind, project_id, entity, entity_id, action, data)
      SELECT $5, 'user', project_id, 'task', task_id::text, 'submitted',
        jsonb_build_object('annotationId', id, 'version', version, 'objects', $10::int)
      FROM ins
    )
    SELECT * FROM ins`,
};

export interface SubmissionRecord {
  id: string; projectId: string; itemId: string; taskId: string; authorId: string; submissionId: string;
  state: AnnotationState; schemaVersion: number; payload: unknown; objects: number;
}

export async function recordSubmission(client: Queryable, r: SubmissionRecord): Promise<AnnotationRow> {
  const result = await client.query<AnnotationRow>({
    ...RECORD_SUBMISSION,
    values: [r.id, r.projectId, r.itemId, r.taskId, r.authorId, r.submissionId, r.state, r.schemaVersion, JSON.stringify(r.payload), r.objects],
  });
  return result.rows[0]!;
}

/** The payloads of the given annotations, by id. */
export async function payloadsOf(db: Db, ids: string[]): Promise<Map<string, unknown>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('annotations').select(['id', 'payload']).where('id', 'in', ids).execute();
  return new Map(rows.map((a) => [a.id, a.payload]));
}

/** Annotations a file brought with it: each its item's version 1, accepted, by the importing person, on no task. */
export async function insertImported(client: Queryable, projectId: string, authorId: string, list: { id: string; itemId: string; payload: unknown }[]): Promise<void> {
  await client.query(
    `INSERT INTO annotations (id, project_id, item_id, task_id, version, author_id, author_kind, state, schema_version, payload)
     SELECT x.id, $1, x.item_id, NULL, 1, $2, 'human', 'accepted', 1, x.payload
     FROM jsonb_to_recordset($3::jsonb) AS x(id uuid, item_id uuid, payload jsonb)`,
    [projectId, authorId, JSON.stringify(list.map((a) => ({ id: a.id, item_id: a.itemId, payload: a.payload })))],
  );
}

/**
 * Each item's latest annotation in the project (item order; after `afterItemId` when given), as a
 * subquery with item_id, id, author_id, state, payload and created_at: the one place "the item's
 * current labels" is written in SQL.
 */
export function latestOfItems(projectId: string, afterItemId: string | null = null) {
  return sql`(
    SELECT DISTINCT ON (item_id) item_id, id, author_id, state, payload, created_at FROM annotations
    WHERE project_id = ${projectId} AND (${afterItemId}::uuid IS NULL OR item_id > ${afterItemId}::uuid)
    ORDER BY item_id, version DESC
  )`;
}

/** The payloads of a project's accepted work, the most recently accepted items first, at most `limit`. */
export async function recentAcceptedPayloads(db: Db, projectId: string, limit: number): Promise<unknown[]> {
  const { rows } = await sql<{ payload: unknown }>`
    SELECT payload FROM ${latestOfItems(projectId)} latest WHERE state = 'accepted' ORDER BY created_at DESC LIMIT ${limit}`.execute(db);
  return rows.map((r) => r.payload);
}
