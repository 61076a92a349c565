// What happens to a task when its labelling is submitted.
import { uuidv7, type AnnotationPayload, type Ontology } from '@cadre/core';
import type { PoolClient } from 'pg';
import { workflow, type AnnotationRow, type Db, type TaskRow } from '@cadre/db';
import type { Actor as Person } from '../context.ts';
import { onCopySubmitted } from './consensus.ts';
import { advance, logTask, MACHINE, returnForRework } from './moves.ts';
import { contextFromRow, errorsOf, type ItemFacts } from './inline-check.ts';
import { sampledForReview, stageAfter } from './stages.ts';
import type { WorkflowSettings } from '@cadre/core';
import { failureReason, kickMachineStage } from './machine-stage.ts';

function kicked(to: string): string {
  if (to === 'check') kickMachineStage();
  return to;
}

/**
 * Whether this task's work, once it passes the inline checks, goes straight to review: one copy,
 * the check stage right after labelling and review after it, and the task sampled at the review rate.
 * The submit's one-statement path (submission.service) asks this before it writes anything.
 */
export function reviewedNext(settings: WorkflowSettings, task: Pick<TaskRow, 'id' | 'rejections'>): boolean {
  return settings.overlap === 1 && stageAfter(settings, 'annotate') === 'check' && stageAfter(settings, 'check') === 'review'
    && sampledForReview(`${task.id}:${task.rejections}`, settings.reviewRate);
}

export async function afterSubmit(
  client: PoolClient, tx: Db, settings: WorkflowSettings, task: TaskRow & ItemFacts, annotation: AnnotationRow, payload: AnnotationPayload, ontology: Ontology, person: Person,
): Promise<string> {
  const attempt = {
    id: uuidv7(), projectId: task.project_id, taskId: task.id, itemId: task.item_id, userId: person.userId,
    stage: 'annotate', annotationId: annotation.id, objects: payload.objects.length, outcome: 'pending' as const,
  };
  const actor = { id: person.userId, kind: 'user' as const };
  const work = { task, annotationId: annotation.id, annotatorId: person.userId };
  const ctx = settings.overlap === 1 && stageAfter(settings, 'annotate') === 'check' ? contextFromRow(task, ontology, settings.checks, payload) : null;
  const failures = ctx ? errorsOf(payload, ctx, settings.checks) : [];
  // The common case in one round trip: checks passed here, and the work goes to review.
  if (ctx && failures.length === 0 && reviewedNext(settings, task)) {
    await workflow.submittedToStage(client, { ...attempt, attemptId: attempt.id, stage: 'review' });
    return 'review';
  }
  await workflow.insertAttempt(tx, attempt);
  if (settings.overlap > 1) return kicked(await onCopySubmitted(tx, settings, task, actor));
  if (!ctx) return kicked(await advance(tx, settings, work, 'annotate', actor));
  if (failures.length > 0) {
    await logTask(tx, MACHINE, task, 'check_failed', { failures: failures.length });
    await returnForRework(tx, settings, work, 'check', failures.map(failureReason), MACHINE, { counts: false });
    return 'annotate';
  }
  await logTask(tx, MACHINE, task, 'checked', { annotationId: annotation.id });
  return advance(tx, settings, work, 'check', MACHINE);
}
