// QA sampling: reviewed work waits in batches (per annotator per day, or every N tasks); a closed
// batch opens a random sample for inspection; the sample's accuracy decides the whole batch.
import { batchVerdict, drawSample, sampleSize, uuidv7 } from '@cadre/core';
import { events, qa, tasks as taskRepo, type Db, type QaBatchRow, type TaskRow } from '@cadre/db';
import type { WorkflowSettings } from '@cadre/core';
import { accept, logTask, returnForRework, type Actor, type Reason, type Work } from './outcomes.ts';

const today = () => new Date().toISOString().slice(0, 10);

async function logBatch(tx: Db, actor: Actor, batch: QaBatchRow, action: string, data: Record<string, unknown>) {
  await events.appendEvent(tx, { actorId: actor.id, actorKind: actor.kind, projectId: batch.project_id, entity: 'batch', entityId: batch.id, action, data });
}

async function freshBatch(tx: Db, settings: WorkflowSettings, projectId: string, annotatorId: string): Promise<QaBatchRow> {
  const prefix = settings.qaBatchBy === 'count' ? 'n' : today();
  for (;;) {
    const n = await qa.batchKeys(tx, projectId, annotatorId, prefix);
    const key = settings.qaBatchBy === 'annotator_day' && n === 0 ? prefix : `${prefix}#${n + 1}`;
    const made = await qa.openBatch(tx, uuidv7(), projectId, annotatorId, key);
    if (made) return (await qa.lockBatch(tx, made.id))!;
    // Someone opened that key at the same moment: theirs is the open batch now.
    const open = await qa.lockOpenBatch(tx, projectId, annotatorId);
    if (open) return open;
  }
}

/** Puts reviewed work into its annotator's open batch, closing the batch when it is full or its day is over. */
export async function joinBatch(tx: Db, settings: WorkflowSettings, work: Work, actor: Actor): Promise<void> {
  const annotatorId = work.annotatorId!;
  let batch = await qa.lockOpenBatch(tx, work.task.project_id, annotatorId);
  if (batch && settings.qaBatchBy === 'annotator_day' && !batch.key.startsWith(today())) {
    await closeBatch(tx, settings, batch, { id: null, kind: 'system' });
    batch = undefined;
  }
  batch ??= await freshBatch(tx, settings, work.task.project_id, annotatorId);
  await taskRepo.moveForQa(tx, work.task.id, batch.id, annotatorId);
  batch = await qa.addToBatch(tx, batch.id);
  await logTask(tx, actor, work.task, 'batched', { batchId: batch.id, size: batch.size });
  if (settings.qaBatchBy === 'count' && batch.size >= settings.qaBatchSize) await closeBatch(tx, settings, batch, actor);
}

/** Closes a batch and opens a random sample of it for inspection (the same batch always samples the same tasks). */
export async function closeBatch(tx: Db, settings: WorkflowSettings, batch: QaBatchRow, actor: Actor): Promise<QaBatchRow> {
  if (batch.status !== 'open') return batch;
  const ids = await qa.batchTaskIds(tx, batch.id);
  const sample = drawSample(ids, sampleSize(ids.length, settings.qaSampleRate), batch.id);
  await taskRepo.openTasks(tx, sample);
  const closed = await qa.updateBatch(tx, batch.id, { status: ids.length === 0 ? 'accepted' : 'sampling', sampled: sample.length, closed: true });
  await logBatch(tx, actor, closed, 'sampled', { size: ids.length, sampled: sample.length });
  return closed;
}

/**
 * Records one inspection. When the whole sample is inspected the batch is decided: at or above the
 * threshold every task in it is accepted; below it every task returns to its annotator.
 */
export async function inspect(
  tx: Db, settings: WorkflowSettings, work: Work, correct: boolean, reasons: Reason[], actor: Actor, decisionId: string,
): Promise<{ batch: QaBatchRow }> {
  let batch = (await qa.lockBatch(tx, work.task.batch_id!))!;
  await taskRepo.parkInBatch(tx, work.task.id);
  batch = await qa.updateBatch(tx, batch.id, { inspected: batch.inspected + 1, correct: batch.correct + (correct ? 1 : 0) });
  await logTask(tx, actor, work.task, 'inspected', { batchId: batch.id, correct, decisionId });
  if (batch.inspected < batch.sampled) return { batch };
  const ids = await qa.batchTaskIds(tx, batch.id);
  const most = Math.min(settings.qaSecondSample, ids.length);
  const verdict = batchVerdict({
    inspected: batch.inspected, correct: batch.correct, threshold: settings.qaThreshold,
    ...(most > batch.sampled ? { secondSample: { z: 1.5, maxInspected: most } } : {}),
  });
  if (!verdict.decided) {
    // Too close to call: the sample grows (a larger sample holds the first), and the batch waits for it.
    const grown = drawSample(ids, most, batch.id);
    await taskRepo.openTasks(tx, grown.slice(batch.sampled));
    batch = await qa.updateBatch(tx, batch.id, { sampled: grown.length });
    await logBatch(tx, actor, batch, 'sampled_more', { accuracy: verdict.accuracy, sampled: grown.length });
    return { batch };
  }
  const members = await taskRepo.tasksByIds(tx, ids);
  const system: Actor = { id: null, kind: 'system' };
  if (verdict.accepted) {
    for (const t of members) await accept(tx, await carried(tx, t), system);
  } else {
    const note = `batch accuracy ${pct(verdict.accuracy)} is below the threshold ${pct(settings.qaThreshold)} (${batch.correct} of ${batch.inspected} inspected were correct)`;
    const batchReason: Reason = { code: 'qa_batch_failed', label: 'QA batch below threshold', objectId: null, note, source: 'machine' };
    for (const t of members) {
      const own = t.id === work.task.id ? reasons : await qaReasonsOf(tx, t.id);
      await returnForRework(tx, settings, await carried(tx, t), 'qa', [batchReason, ...own], system, { counts: true });
    }
  }
  batch = await qa.updateBatch(tx, batch.id, { status: verdict.accepted ? 'accepted' : 'rejected', accuracy: verdict.accuracy, decided: true });
  await logBatch(tx, system, batch, verdict.accepted ? 'batch_accepted' : 'batch_rejected', { accuracy: verdict.accuracy, size: members.length });
  return { batch };
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

async function carried(tx: Db, t: TaskRow): Promise<Work> {
  const a = await taskRepo.latestAnnotationId(tx, t.item_id);
  return { task: t, annotationId: a, annotatorId: t.annotator_id };
}

/** The reasons an inspector gave this task when marking it incorrect (kept with the batch's reason on rework). */
async function qaReasonsOf(tx: Db, taskId: string): Promise<Reason[]> {
  return ((await qa.lastInspectionReasons(tx, taskId)) as Reason[] | undefined) ?? [];
}

/** Batches of past days that nobody closed: the machine worker closes them. */
export async function closeStaleBatches(tx: Db, settingsOf: (projectId: string) => Promise<WorkflowSettings | null>): Promise<number> {
  const stale = await qa.staleDayBatches(tx, today(), 50);
  let closed = 0;
  for (const b of stale) {
    const settings = await settingsOf(b.project_id);
    const locked = await qa.lockBatch(tx, b.id);
    if (!settings || !locked) continue;
    await closeBatch(tx, settings, locked, { id: null, kind: 'system' });
    closed++;
  }
  return closed;
}
