import type { Role } from '@cadre/db';
import { ACCEPTED, type StageName, type WorkflowSettings } from '@cadre/core';

/** Who may lease tasks of each human stage. */
export const STAGE_ROLES: Record<'annotate' | 'review' | 'qa', readonly Role[]> = {
  annotate: ['annotator', 'manager'],
  review: ['reviewer', 'manager'],
  qa: ['reviewer', 'manager'],
};

/** The stage after `current` in the project's list, or `accepted` after the last. */
export function stageAfter(settings: Pick<WorkflowSettings, 'stages'>, current: StageName): StageName | typeof ACCEPTED {
  const i = settings.stages.indexOf(current);
  return settings.stages[i + 1] ?? ACCEPTED;
}

/** Whether a task's work is reviewed at the project's review rate: a stable hash of the task id, so a retry decides the same. */
export function sampledForReview(taskId: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  let h = 2166136261;
  for (let i = 0; i < taskId.length; i++) h = Math.imul(h ^ taskId.charCodeAt(i), 16777619);
  return (h >>> 0) / 2 ** 32 < rate;
}
