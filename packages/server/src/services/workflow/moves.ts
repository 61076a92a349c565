// The transitions every stage shares: move on, accept for good, return for rework.
import { uuidv7 } from '@cadre/core';
import { events, tasks, workflow, type Db, type TaskRow } from '@cadre/db';
import { ACCEPTED, type StageName, type WorkflowSettings } from './settings.ts';
import { sampledForReview, stageAfter } from './stages.ts';
import { joinBatch } from './qa-batches.ts';
import { settleAccepted } from '../pay/ledger.ts';

export interface Actor { id: string | null; kind: 'user' | 'machine' | 'system' }

/** The machine stage acting. */
export const MACHINE: Actor = { id: null, kind: 'machine' };

/** What is moving: the task, the annotation it carries and whose work that is. */
export interface Work { task: TaskRow; annotationId: string | null; annotatorId: string | null }

export async function logTask(tx: Db, actor: Actor, task: TaskRow, action: string, data: Record<string, unknown>): Promise<void> {
  await events.appendEvent(tx, { actorId: actor.id, actorKind: actor.kind, projectId: task.project_id, entity: 'task', entityId: task.id, action, data });
}

async function reviewed(tx: Db, settings: WorkflowSettings, work: Work): Promise<boolean> {
  if (sampledForReview(`${work.task.id}:${work.task.rejections}`, settings.reviewRate)) return true;
  // A newcomer's first tasks are always reviewed.
  if (settings.noviceTasks > 0 && work.annotatorId) {
    return (await workflow.submittedCount(tx, work.task.project_id, work.annotatorId)) <= settings.noviceTasks;
  }
  return false;
}

/** Sends the work on from `from` to the project's next stage; returns where it went. */
export async function advance(tx: Db, settings: WorkflowSettings, work: Work, from: StageName, actor: Actor, o: { forceReview?: boolean } = {}): Promise<string> {
  let next = stageAfter(settings, from);
  if (next === 'review' && !o.forceReview && !(await reviewed(tx, settings, work))) next = stageAfter(settings, 'review');
  if (next === ACCEPTED) {
    await accept(tx, work, actor);
  } else if (next === 'qa' && work.annotatorId) {
    await joinBatch(tx, settings, work, actor);
  } else if (next === 'qa') {
    // Merged consensus work has no single author to batch under: review was its inspection.
    await accept(tx, work, actor);
    next = ACCEPTED;
  } else {
    await workflow.moveTask(tx, work.task.id, { stage: next, status: 'open', reservedFor: null, annotatorId: work.annotatorId });
  }
  await logTask(tx, actor, work.task, 'advanced', { from, to: next, annotationId: work.annotationId });
  return next;
}

/** The work counts: the task is done, its annotation accepted, its labelling attempts settled. */
export async function accept(tx: Db, work: Work, actor: Actor): Promise<void> {
  await workflow.moveTask(tx, work.task.id, { stage: ACCEPTED, status: 'done', reservedFor: null, batchId: null, ...(work.annotatorId ? { annotatorId: work.annotatorId } : {}) });
  if (work.annotationId) await workflow.setAnnotationState(tx, work.annotationId, 'accepted');
  await workflow.decideAttempts(tx, work.task.item_id, 'accepted');
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
