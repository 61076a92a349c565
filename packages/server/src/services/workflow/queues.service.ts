// What people see of the workflow: work returned to them, QA batches, the backlog per stage.
import { kyselyOn, qa, withTransaction, workflow } from '@cadre/db';
import { AppError, notFound } from '../../errors.ts';
import { requireProjectRole } from '../access.ts';
import type { Actor, ServiceDeps } from '../context.ts';
import { cachedProjectOn } from '../project-cache.ts';
import { closeBatch } from './qa-batches.ts';
import type { Reason } from './moves.ts';

export async function returnedToMe(deps: ServiceDeps, actor: Actor, projectId: string) {
  await requireProjectRole(deps, actor, projectId, ['annotator', 'manager']);
  const rows = await workflow.returnedTo(deps.db, projectId, actor.userId, 200);
  return rows.map((r) => ({
    taskId: r.id, itemId: r.item_id, rejections: r.rejections, status: r.status, reasons: r.reasons as Reason[],
    rejectedAt: r.created_at.toISOString(), reviewerName: r.reviewer_name,
  }));
}

const batchView = (b: Awaited<ReturnType<typeof qa.listBatches>>[number]) => ({
  id: b.id, annotatorId: b.annotator_id, annotatorName: b.annotator_name, key: b.key, status: b.status,
  size: b.size, sampled: b.sampled, inspected: b.inspected, correct: b.correct, accuracy: b.accuracy,
  closedAt: b.closed_at?.toISOString() ?? null, decidedAt: b.decided_at?.toISOString() ?? null,
});

export async function listBatches(deps: ServiceDeps, actor: Actor, projectId: string) {
  await requireProjectRole(deps, actor, projectId, ['manager', 'reviewer']);
  return (await qa.listBatches(deps.db, projectId, 500)).map(batchView);
}

/** A manager closes a batch before it is full or its day is over: its sample opens for inspection. */
export async function closeBatchNow(deps: ServiceDeps, actor: Actor, batchId: string) {
  return withTransaction(deps.pool, async (client) => {
    const tx = kyselyOn(client);
    const batch = await qa.lockBatch(tx, batchId);
    if (!batch) throw notFound('batch');
    await requireProjectRole(deps, actor, batch.project_id, ['manager'], 'batch');
    if (batch.status !== 'open') throw new AppError('conflict', `this batch is already closed (${batch.status})`);
    const { settings } = (await cachedProjectOn(client, batch.project_id))!;
    await closeBatch(tx, settings, batch, { id: actor.userId, kind: 'user' });
    const [view] = (await qa.listBatches(tx, batch.project_id, 500)).filter((b) => b.id === batchId);
    return batchView(view!);
  });
}

/** The backlog: tasks per stage, by status. */
export async function stageBacklog(deps: ServiceDeps, actor: Actor, projectId: string) {
  await requireProjectRole(deps, actor, projectId, ['manager', 'reviewer', 'client']);
  return backlogOf(deps, projectId);
}

/** The same, for the system (the red lines): no access check. */
export async function backlogOf(deps: ServiceDeps, projectId: string) {
  const rows = await workflow.stageCounts(deps.db, projectId);
  const by = new Map<string, { stage: string; open: number; leased: number; waiting: number; done: number }>();
  for (const r of rows) {
    const s = by.get(r.stage) ?? { stage: r.stage, open: 0, leased: 0, waiting: 0, done: 0 };
    s[r.status] = Number(r.n);
    by.set(r.stage, s);
  }
  const order = ['annotate', 'check', 'review', 'qa', 'accepted', 'gold', 'merged'];
  return [...by.values()].sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage));
}
