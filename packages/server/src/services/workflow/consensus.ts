// Consensus: with `overlap` k, k people label each item independently; when the last copy is in,
// their work is merged and the merged annotation moves on (to review when agreement is low).
import { readPayload, uuidv7 } from '@cadre/core';
import { annotations, consensus, workflow, type Db, type TaskRow } from '@cadre/db';
import { mergeWork } from './merge.ts';
import { advance, logTask, type Actor } from './moves.ts';
import type { WorkflowSettings } from '@cadre/core';

export async function onCopySubmitted(tx: Db, settings: WorkflowSettings, task: TaskRow, actor: Actor): Promise<string> {
  await workflow.moveTask(tx, task.id, { stage: 'annotate', status: 'waiting', annotatorId: actor.id });
  const copies = await consensus.lockCopies(tx, task.item_id);
  const done = copies.filter((c) => c.status === 'waiting');
  if (done.length < settings.overlap) return 'annotate';
  // One connection (the transaction's): one query at a time.
  const works = [];
  for (const c of done) {
    const a = await consensus.latestWorkOfTask(tx, c.id);
    works.push({ task: c, id: a.id, author: a.author_id, payload: readPayload(a.payload) });
  }
  const merged = mergeWork(works.map((w) => w.payload));
  const [primary, ...rest] = done;
  const row = await annotations.insertAnnotation(tx, {
    id: uuidv7(), projectId: task.project_id, itemId: task.item_id, taskId: primary!.id, authorId: null, authorKind: 'machine',
    submissionId: null, state: 'submitted', schemaVersion: 1, payload: merged.payload,
  });
  await consensus.saveMerge(tx, {
    itemId: task.item_id, projectId: task.project_id, agreement: merged.agreement, mergedAnnotationId: row.id,
    sources: works.map((w) => ({ annotationId: w.id, authorId: w.author })),
  });
  for (const c of rest) await workflow.moveTask(tx, c.id, { stage: 'merged', status: 'done' });
  await logTask(tx, { id: null, kind: 'machine' }, primary!, 'merged', { agreement: merged.agreement, copies: done.length, annotationId: row.id });
  return advance(tx, settings, { task: primary!, annotationId: row.id, annotatorId: null }, 'annotate', { id: null, kind: 'machine' }, { forceReview: merged.agreement < settings.agreementThreshold });
}

/** Gives every item of the project `overlap` copies of its labelling task (copies already made are kept). */
export async function ensureCopies(tx: Db, projectId: string, overlap: number): Promise<number> {
  if (overlap <= 1) return 0;
  return consensus.addCopies(tx, projectId, overlap);
}
