// Moving work on to the project's next stage. The outcomes (accept, return for rework) live in
// outcomes.ts, which qa-batches.ts also uses: so moves -> qa-batches -> outcomes, no circle.
import { workflow, type Db } from '@cadre/db';
import { ACCEPTED, type StageName, type WorkflowSettings } from '@cadre/core';
import { sampledForReview, stageAfter } from './stages.ts';
import { joinBatch } from './qa-batches.ts';
import { accept, logTask, type Actor, type Work } from './outcomes.ts';

export { accept, logTask, MACHINE, returnForRework, type Actor, type Reason, type Work } from './outcomes.ts';

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

