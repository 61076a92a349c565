// Consensus: with `overlap` k, k people label each item independently; when the last copy is in,
// their work is merged and the merged annotation moves on (to review when agreement is low).
import { readPayload, uuidv7 } from '@cadre/core';
import { sql } from 'kysely';
import { annotations, workflow, type Db, type TaskRow } from '@cadre/db';
import { mergeWork } from './merge.ts';
import { advance, logTask, type Actor } from './moves.ts';
import type { WorkflowSettings } from '@cadre/core';

export async function onCopySubmitted(tx: Db, settings: WorkflowSettings, task: TaskRow, actor: Actor): Promise<string> {
  await workflow.moveTask(tx, task.id, { stage: 'annotate', status: 'waiting', annotatorId: actor.id });
  const copies = await tx.selectFrom('tasks').selectAll().where('item_id', '=', task.item_id).where('stage', '=', 'annotate')
    .orderBy('replica').forUpdate().execute();
  const done = copies.filter((c) => c.status === 'waiting');
  if (done.length < settings.overlap) return 'annotate';
  // One connection (the transaction's): one query at a time.
  const works = [];
  for (const c of done) {
    const a = await tx.selectFrom('annotations').select(['id', 'payload', 'author_id']).where('task_id', '=', c.id)
      .orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
    works.push({ task: c, id: a.id, author: a.author_id, payload: readPayload(a.payload) });
  }
  const merged = mergeWork(works.map((w) => w.payload));
  const [primary, ...rest] = done;
  const row = await annotations.insertAnnotation(tx, {
    id: uuidv7(), projectId: task.project_id, itemId: task.item_id, taskId: primary!.id, authorId: null, authorKind: 'machine',
    submissionId: null, state: 'submitted', schemaVersion: 1, payload: merged.payload,
  });
  await tx.insertInto('consensus').values({
    item_id: task.item_id, project_id: task.project_id, method: 'majority', agreement: merged.agreement, merged_annotation_id: row.id,
    sources: JSON.stringify(works.map((w) => ({ annotationId: w.id, authorId: w.author }))),
  }).onConflict((oc) => oc.column('item_id').doUpdateSet({ agreement: merged.agreement, merged_annotation_id: row.id, created_at: sql`now()` })).execute();
  for (const c of rest) await workflow.moveTask(tx, c.id, { stage: 'merged', status: 'done' });
  await logTask(tx, { id: null, kind: 'machine' }, primary!, 'merged', { agreement: merged.agreement, copies: done.length, annotationId: row.id });
  return advance(tx, settings, { task: primary!, annotationId: row.id, annotatorId: null }, 'annotate', { id: null, kind: 'machine' }, { forceReview: merged.agreement < settings.agreementThreshold });
}

/** Gives every item of the project `overlap` copies of its labelling task (copies already made are kept). */
export async function ensureCopies(tx: Db, projectId: string, overlap: number): Promise<number> {
  if (overlap <= 1) return 0;
  const result = await sql`
    INSERT INTO tasks (id, project_id, item_id, stage, status, priority, replica, created_at, updated_at)
    SELECT uuidv7(), t.project_id, t.item_id, 'annotate', 'open', t.priority, r, now(), now()
    FROM tasks t CROSS JOIN generate_series(1, ${overlap - 1}::int) AS r
    WHERE t.project_id = ${projectId} AND t.replica = 0 AND t.stage = 'annotate' AND t.status IN ('open', 'leased')
      AND NOT EXISTS (SELECT 1 FROM tasks o WHERE o.item_id = t.item_id AND o.replica = r)`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}
