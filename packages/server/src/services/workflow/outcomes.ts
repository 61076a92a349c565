// The two outcomes every stage can reach: accepted for good, or returned to its annotator for rework.
// moves.ts (advance) and qa-batches.ts both build on these; neither imports the other's callers.
import { uuidv7 } from '@cadre/core';
import { events, tasks, workflow, type Db, type TaskRow } from '@cadre/db';
import { ACCEPTED, type WorkflowSettings } from '@cadre/core';
import { settleAccepted } from '../pay/ledger.ts';
import { recordOutcomes } from '../machine-report/record.ts';

export interface Actor { id: string | null; kind: 'user' | 'machine' | 'system' }

/** The machine stage acting. */
export const MACHINE: Actor = { id: null, kind: 'machine' };

/** What is moving: the task, the annotation it carries and whose work that is. */
export interface Work { task: TaskRow; annotationId: string | null; annotatorId: string | null }

export async function logTask(tx: Db, actor: Actor, task: TaskRow, action: string, data: Record<string, unknown>): Promise<void> {
  await events.appendEvent(tx, { actorId: actor.id, actorKind: actor.kind, projectId: task.project_id, entity: 'task', entityId: task.id, action, data });
}

/**
 * The work counts: the task is done, its annotation accepted, its labelling attempts settled, and
 * what became of the machines' proposals on the item recorded (the model report reads it).
 */
export async function accept(tx: Db, work: Work, actor: Actor): Promise<void> {
  await workflow.moveTask(tx, work.task.id, { stage: ACCEPTED, status: 'done', reservedFor: null, batchId: null, ...(work.annotatorId ? { annotatorId: work.annotatorId } : {}) });
  if (work.annotationId) await workflow.setAnnotationState(tx, work.annotationId, 'accepted');
  await workflow.decideAttempts(tx, work.task.item_id, 'accepted');
  await recordOutcomes(tx, work);
  await settleAccepted(tx, work);
  await logTask(tx, actor, work.task, 'accepted', { annotationId: work.annotationId });
}

export interface Reason {
  code: string; label: string; objectId: string | null; note: string; source: 'human' | 'machine';
  check?: string; measured?: number; limit?: number; unit?: string;
}

/**
 * Returns the work to its annotator with reasons. A human rejection counts: after the project's
 * `maxRejections` rejections of one person's work the task goes to someone else, and the earlier
 * annotators can no longer take it. A machine check's return does not count.
 */
export async function returnForRework(
  tx: Db, settings: WorkflowSettings, work: Work, stage: string, reasons: Reason[], actor: Actor,
  o: { counts: boolean; decisionId?: string | null },
): Promise<{ reassigned: boolean }> {
  const { task } = work;
  await workflow.insertReview(tx, {
    id: uuidv7(), projectId: task.project_id, taskId: task.id, itemId: task.item_id, annotationId: work.annotationId, stage,
    reviewerId: actor.kind === 'user' ? actor.id : null, verdict: 'reject', reasons, decisionId: o.decisionId ?? null,
  });
  if (work.annotationId) await workflow.setAnnotationState(tx, work.annotationId, 'rejected');
  await workflow.decideAttempts(tx, task.item_id, o.counts ? 'rejected' : 'returned');
  const rejections = task.rejections + (o.counts ? 1 : 0);
  const theirs = work.annotatorId && o.counts ? await workflow.rejectedCount(tx, task.id, work.annotatorId) : 0;
  if (work.annotatorId && o.counts && theirs >= settings.maxRejections) {
    const earlier = await workflow.annotatorsOf(tx, task.id);
    for (const userId of earlier) await tasks.recordSkip(tx, task.id, userId, `reassigned after ${theirs} rejections`);
    await workflow.markReassigned(tx, task.id);
    await workflow.moveTask(tx, task.id, { stage: 'annotate', status: 'open', reservedFor: null, annotatorId: null, rejections, batchId: null, urgent: true });
    await logTask(tx, actor, task, 'reassigned', { rejections: theirs, passedOver: earlier });
    return { reassigned: true };
  }
  await workflow.moveTask(tx, task.id, { stage: 'annotate', status: 'open', reservedFor: work.annotatorId, rejections, batchId: null, urgent: true });
  await logTask(tx, actor, task, 'returned', { stage, rejections, reasons: reasons.length });
  return { reassigned: false };
}
