import { sql } from 'kysely';
import type { Db } from '../connection.ts';
import type { QaBatchRow } from '../schema.ts';

/** The annotator's open batch in the project, locked so concurrent joins count one at a time. */
export async function lockOpenBatch(db: Db, projectId: string, annotatorId: string): Promise<QaBatchRow | undefined> {
  return db.selectFrom('qa_batches').selectAll().where('project_id', '=', projectId).where('annotator_id', '=', annotatorId)
    .where('status', '=', 'open').orderBy('created_at', 'desc').limit(1).forUpdate().executeTakeFirst();
}

export async function lockBatch(db: Db, batchId: string): Promise<QaBatchRow | undefined> {
  return db.selectFrom('qa_batches').selectAll().where('id', '=', batchId).forUpdate().executeTakeFirst();
}

/** Opens a batch under `key`, or returns the existing one of that key (a key is never reused once closed: the caller picks a fresh one). */
export async function openBatch(db: Db, id: string, projectId: string, annotatorId: string, key: string): Promise<QaBatchRow | undefined> {
  return db.insertInto('qa_batches').values({ id, project_id: projectId, annotator_id: annotatorId, key })
    .onConflict((oc) => oc.columns(['project_id', 'annotator_id', 'key']).doNothing()).returningAll().executeTakeFirst();
}

export async function batchKeys(db: Db, projectId: string, annotatorId: string, prefix: string): Promise<number> {
  const row = await db.selectFrom('qa_batches').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId).where('annotator_id', '=', annotatorId).where('key', 'like', `${prefix}%`).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function addToBatch(db: Db, batchId: string): Promise<QaBatchRow> {
  return db.updateTable('qa_batches').set({ size: sql`size + 1` }).where('id', '=', batchId).returningAll().executeTakeFirstOrThrow();
}

export async function updateBatch(db: Db, batchId: string, set: Partial<Pick<QaBatchRow, 'status' | 'sampled' | 'inspected' | 'correct' | 'accuracy'>> & { closed?: boolean; decided?: boolean }): Promise<QaBatchRow> {
  const { closed, decided, ...rest } = set;
  return db.updateTable('qa_batches').set({
    ...rest,
    ...(closed ? { closed_at: sql`now()` } : {}),
    ...(decided ? { decided_at: sql`now()` } : {}),
  }).where('id', '=', batchId).returningAll().executeTakeFirstOrThrow();
}

export async function batchTaskIds(db: Db, batchId: string): Promise<string[]> {
  return (await db.selectFrom('tasks').select('id').where('batch_id', '=', batchId).orderBy('id').execute()).map((r) => r.id);
}

export async function listBatches(db: Db, projectId: string, limit: number) {
  return db.selectFrom('qa_batches').innerJoin('users', 'users.id', 'qa_batches.annotator_id')
    .selectAll('qa_batches').select('users.name as annotator_name')
    .where('project_id', '=', projectId).orderBy('qa_batches.created_at', 'desc').limit(limit).execute();
}

/** Open batches whose day is over (`annotator_day` batches are keyed by their UTC date). */
export async function staleDayBatches(db: Db, today: string, limit: number): Promise<QaBatchRow[]> {
  return db.selectFrom('qa_batches').selectAll().where('status', '=', 'open').where('key', '<', today)
    .where('key', '~', '^\\d{4}-\\d{2}-\\d{2}').limit(limit).execute();
}

/** The reasons of the latest human QA rejection of a task (none when it has none). */
export async function lastInspectionReasons(db: Db, taskId: string): Promise<unknown[] | undefined> {
  const row = await db.selectFrom('reviews').select(['reasons']).where('task_id', '=', taskId).where('stage', '=', 'qa')
    .where('verdict', '=', 'reject').where('reviewer_kind', '=', 'human').orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  return row?.reasons as unknown[] | undefined;
}
