import { work } from '@cadre/db';
import type { Actor, ServiceDeps } from './context.ts';

/** What an annotator sees on "my work": today's count, counts by state, held tasks, latest submissions. */
export async function myWork(deps: ServiceDeps, actor: Actor) {
  const [summary, held] = await Promise.all([work.workSummary(deps.db, actor.userId, 50), work.heldEverywhere(deps.db, actor.userId)]);
  return {
    doneToday: summary.today,
    byState: summary.byState,
    held: held.map((t) => ({
      taskId: t.id, projectId: t.project_id, projectName: t.project_name, stage: t.stage === 'gold' ? 'annotate' : t.stage, leaseExpiresAt: t.lease_expires_at?.toISOString() ?? null,
    })),
    recent: summary.recent.map((r) => ({
      annotationId: r.annotation_id, taskId: r.task_id, projectId: r.project_id, projectName: r.project_name,
      version: r.version, state: r.state, objects: r.objects, submittedAt: r.created_at.toISOString(),
    })),
  };
}
