// The SQL of gold items: their answers, the scored results, and the qualification each person earns.
// Gold tasks are leased through `lease.repository.ts` (kind `gold`) like every other task.
import { sql } from 'kysely';
import type { Db } from '../connection.ts';
import type { QualificationsTable } from '../schema.ts';

export type QualificationStatus = QualificationsTable['status'];

export async function findQualification(db: Db, projectId: string, userId: string): Promise<{ status: QualificationStatus; accuracy: number } | undefined> {
  return db.selectFrom('qualifications').select(['status', 'accuracy'])
    .where('project_id', '=', projectId).where('user_id', '=', userId).executeTakeFirst();
}

/** How many gold items the person has done in the project, and their mean score. */
export async function resultsOf(db: Db, projectId: string, userId: string): Promise<{ done: number; mean: number }> {
  const row = await db.selectFrom('gold_results').select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.avg<number>('score').as('mean')])
    .where('project_id', '=', projectId).where('user_id', '=', userId).executeTakeFirst();
  return { done: Number(row?.n ?? 0), mean: Number(row?.mean ?? 0) };
}

/** Records the decision once; a second decision for the same person is ignored. */
export async function recordQualification(db: Db, q: { projectId: string; userId: string; status: QualificationStatus; accuracy: number }): Promise<void> {
  await db.insertInto('qualifications').values({ project_id: q.projectId, user_id: q.userId, status: q.status, accuracy: q.accuracy })
    .onConflict((oc) => oc.doNothing()).execute();
}

export async function countGoldItems(db: Db, projectId: string): Promise<number> {
  const row = await db.selectFrom('gold_items').select((eb) => eb.fn.countAll<number>().as('n')).where('project_id', '=', projectId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function resultBySubmission(db: Db, submissionId: string): Promise<{ id: string; payload: unknown } | undefined> {
  return db.selectFrom('gold_results').select(['id', 'payload']).where('submission_id', '=', submissionId).executeTakeFirst();
}

export async function goldAnswer(db: Db, itemId: string): Promise<unknown> {
  return (await db.selectFrom('gold_items').select('payload').where('item_id', '=', itemId).executeTakeFirstOrThrow()).payload;
}

export interface NewGoldResult {
  id: string; projectId: string; itemId: string; userId: string; taskId: string; submissionId: string;
  payload: unknown; score: number; details: Record<string, unknown>;
}

/** Stores the scored work and closes its gold task (its drafts go with it). */
export async function recordResult(db: Db, r: NewGoldResult): Promise<void> {
  await db.insertInto('gold_results').values({
    id: r.id, project_id: r.projectId, item_id: r.itemId, user_id: r.userId, task_id: r.taskId, submission_id: r.submissionId,
    payload: JSON.stringify(r.payload), score: r.score, details: JSON.stringify(r.details),
  }).execute();
  await db.updateTable('tasks').set({ status: 'done', lease_expires_at: null, updated_at: sql`now()` }).where('id', '=', r.taskId).execute();
  await db.deleteFrom('drafts').where('task_id', '=', r.taskId).execute();
}

export async function latestAcceptedPayload(db: Db, itemId: string): Promise<unknown> {
  const row = await db.selectFrom('annotations').select('payload').where('item_id', '=', itemId).where('state', '=', 'accepted')
    .orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row?.payload;
}

/** Makes the item gold with this answer; its own labelling task leaves the queue. */
export async function makeGoldItem(db: Db, g: { itemId: string; projectId: string; payload: unknown; createdBy: string }): Promise<void> {
  const payload = JSON.stringify(g.payload);
  await db.insertInto('gold_items').values({ item_id: g.itemId, project_id: g.projectId, payload, created_by: g.createdBy })
    .onConflict((oc) => oc.column('item_id').doUpdateSet({ payload })).execute();
  await db.updateTable('tasks').set({ stage: 'gold', status: 'done', assignee_id: null, lease_expires_at: null, reserved_for: null, updated_at: sql`now()` })
    .where('item_id', '=', g.itemId).where('stage', '=', 'annotate').where('status', 'in', ['open', 'leased']).execute();
}

/** Each gold item of the project with how often it was done and its mean score. */
export async function goldSummary(db: Db, projectId: string): Promise<{ itemId: string; done: number; meanScore: number | null }[]> {
  const rows = await db.selectFrom('gold_items').leftJoin('gold_results', 'gold_results.item_id', 'gold_items.item_id')
    .select(['gold_items.item_id', (eb) => eb.fn.count<number>('gold_results.id').as('done'), (eb) => eb.fn.avg<number>('gold_results.score').as('mean')])
    .where('gold_items.project_id', '=', projectId).groupBy('gold_items.item_id').orderBy('gold_items.item_id').execute();
  return rows.map((r) => ({ itemId: r.item_id, done: Number(r.done), meanScore: r.mean === null ? null : Number(r.mean) }));
}

/** The project's gold items with their texts and answers. */
export async function goldItemsOf(db: Db, projectId: string): Promise<Array<{ item_id: string; payload: unknown }>> {
  return db.selectFrom('gold_items').select(['item_id', 'payload']).where('project_id', '=', projectId).orderBy('item_id').execute();
}

/** A machine worker's answers start over (an attempt after a crash scores every gold item again). */
export async function clearResults(db: Db, projectId: string, userId: string): Promise<void> {
  await db.deleteFrom('gold_results').where('project_id', '=', projectId).where('user_id', '=', userId).execute();
}

/** A machine worker's scored answer to a gold item: no task, no submission. */
export async function recordMachineResult(db: Db, r: { id: string; projectId: string; itemId: string; userId: string; payload: unknown; score: number; details: Record<string, unknown> }): Promise<void> {
  await db.insertInto('gold_results').values({
    id: r.id, project_id: r.projectId, item_id: r.itemId, user_id: r.userId, task_id: null, submission_id: null,
    payload: JSON.stringify(r.payload), score: r.score, details: JSON.stringify(r.details),
  }).execute();
}
