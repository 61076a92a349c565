// Consensus: the copies of an item labelled by several people, and the merged result of their work.
import { sql } from 'kysely';
import type { Db } from '../connection.ts';
import type { TaskRow } from '../schema.ts';

/** Whose work went into a merge. */
export interface ConsensusSource { annotationId: string; authorId: string | null }

/** The item's labelling copies, locked, in replica order. */
export async function lockCopies(db: Db, itemId: string): Promise<TaskRow[]> {
  return db.selectFrom('tasks').selectAll().where('item_id', '=', itemId).where('stage', '=', 'annotate')
    .orderBy('replica').forUpdate().execute();
}

/** The newest annotation stored on a task (its submitted work). */
export async function latestWorkOfTask(db: Db, taskId: string): Promise<{ id: string; payload: unknown; author_id: string | null }> {
  return db.selectFrom('annotations').select(['id', 'payload', 'author_id']).where('task_id', '=', taskId)
    .orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
}

export interface MergeRecord { itemId: string; projectId: string; agreement: number; mergedAnnotationId: string; sources: ConsensusSource[] }

/** Records an item's majority merge (a later merge of the same item replaces it). */
export async function saveMerge(db: Db, m: MergeRecord): Promise<void> {
  await db.insertInto('consensus').values({
    item_id: m.itemId, project_id: m.projectId, method: 'majority', agreement: m.agreement, merged_annotation_id: m.mergedAnnotationId,
    sources: JSON.stringify(m.sources),
  }).onConflict((oc) => oc.column('item_id').doUpdateSet({ agreement: m.agreement, merged_annotation_id: m.mergedAnnotationId, created_at: sql`now()` })).execute();
}

/** Adds the missing labelling copies (replicas 1 .. overlap-1) of every open item of the project; returns how many. */
export async function addCopies(db: Db, projectId: string, overlap: number): Promise<number> {
  const result = await sql`
    INSERT INTO tasks (id, project_id, item_id, stage, status, priority, replica, created_at, updated_at)
    SELECT uuidv7(), t.project_id, t.item_id, 'annotate', 'open', t.priority, r, now(), now()
    FROM tasks t CROSS JOIN generate_series(1, ${overlap - 1}::int) AS r
    WHERE t.project_id = ${projectId} AND t.replica = 0 AND t.stage = 'annotate' AND t.status IN ('open', 'leased')
      AND NOT EXISTS (SELECT 1 FROM tasks o WHERE o.item_id = t.item_id AND o.replica = r)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** The project's merged items, locked: who contributed and the merged annotation. */
export async function lockMerges(db: Db, projectId: string): Promise<{ item_id: string; sources: ConsensusSource[]; merged_annotation_id: string | null }[]> {
  const rows = await db.selectFrom('consensus').select(['item_id', 'sources', 'merged_annotation_id']).where('project_id', '=', projectId).forUpdate().execute();
  return rows.map((r) => ({ ...r, sources: r.sources as ConsensusSource[] }));
}

/** Replaces an item's merged annotation with a Dawid–Skene one. */
export async function setDawidSkeneMerge(db: Db, itemId: string, mergedAnnotationId: string): Promise<void> {
  await db.updateTable('consensus').set({ method: 'dawid_skene', merged_annotation_id: mergedAnnotationId }).where('item_id', '=', itemId).execute();
}

/** The classes LLM models proposed for the project's consensus items: each model votes as its worker user. */
export async function llmClassVotes(db: Db, projectId: string): Promise<Array<{ item_id: string; worker_id: string; payload: unknown }>> {
  const { rows } = await sql<{ item_id: string; worker_id: string; payload: unknown }>`
    SELECT p.item_id, m.worker_id, p.payload FROM predictions p
    JOIN models m ON m.id = p.model_id JOIN consensus c ON c.item_id = p.item_id
    WHERE p.project_id = ${projectId} AND m.spec->>'type' = 'llm'`.execute(db);
  return rows;
}
