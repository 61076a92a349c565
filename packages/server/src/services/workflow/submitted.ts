// What happens to a task when its labelling is submitted.
import { uuidv7 } from '@cadre/core';
import { workflow, type AnnotationRow, type Db, type TaskRow } from '@cadre/db';
import type { Actor as Person } from '../context.ts';
import { onCopySubmitted } from './consensus.ts';
import { advance } from './moves.ts';
import type { WorkflowSettings } from './settings.ts';
import { kickMachineStage } from './machine-stage.ts';

export async function afterSubmit(tx: Db, settings: WorkflowSettings, task: TaskRow, annotation: AnnotationRow, objects: number, person: Person): Promise<string> {
  await workflow.insertAttempt(tx, {
    id: uuidv7(), projectId: task.project_id, taskId: task.id, itemId: task.item_id, userId: person.userId,
    stage: 'annotate', annotationId: annotation.id, objects, outcome: 'pending',
  });
  const actor = { id: person.userId, kind: 'user' as const };
  const to = settings.overlap > 1
    ? await onCopySubmitted(tx, settings, task, actor)
    : await advance(tx, settings, { task, annotationId: annotation.id, annotatorId: person.userId }, 'annotate', actor);
  if (to === 'check') kickMachineStage();
  return to;
}
