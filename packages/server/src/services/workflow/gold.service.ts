// Gold items carry a known answer. They are mixed into labelling queues (the person cannot tell),
// scored against the answer, and make up the qualification set newcomers pass before paid work.
// The SQL is in @cadre/db's gold repository; a gold task is leased like any other (`leaseFor`).
// Making items gold is `gold-items.service.ts` (it validates work, so it sits above submissions).
import { readPayload, scoreAgainstGold, uuidv7, type AnnotationPayload, type ProjectSettings } from '@cadre/core';
import { events, gold, type Db, type TaskRow } from '@cadre/db';
import { AppError, forbidden } from '../../errors.ts';
import { requireProjectRole } from '../access.ts';
import type { Actor, ServiceDeps } from '../context.ts';
import { leaseFor } from '../lease.service.ts';

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** Leases a gold task to the person when it is their turn for one; null when it is not. */
export async function goldTurn(deps: ServiceDeps, actor: Actor, projectId: string, settings: ProjectSettings): Promise<TaskRow | null> {
  if (settings.qualificationSize > 0) {
    const verdict = await qualification(deps.db, projectId, actor.userId, settings);
    if (verdict === 'failed') {
      const q = await gold.findQualification(deps.db, projectId, actor.userId);
      throw forbidden(`you did not pass this project's qualification: your score is ${pct(q?.accuracy ?? 0)}, ${pct(settings.qualificationAccuracy)} is needed`);
    }
    if (verdict === 'pending') {
      await requireProjectRole(deps, actor, projectId, ['annotator', 'manager']);
      const task = await leaseFor(deps, actor, projectId, settings, { kind: 'gold', stage: 'annotate' });
      if (task) return task;
      const n = await gold.countGoldItems(deps.db, projectId);
      throw new AppError('conflict', `you need ${settings.qualificationSize} qualification items but the project has only ${n} gold items you have not done; ask a manager to add more`);
    }
  }
  if (settings.goldRate > 0 && Math.random() < settings.goldRate) {
    return (await leaseFor(deps, actor, projectId, settings, { kind: 'gold', stage: 'annotate' })) ?? null;
  }
  return null;
}

/** 'qualified', 'failed', or 'pending' (still doing the set); decided once the set is done. */
async function qualification(db: Db, projectId: string, userId: string, settings: ProjectSettings): Promise<'qualified' | 'failed' | 'pending'> {
  const q = await gold.findQualification(db, projectId, userId);
  if (q) return q.status;
  const done = await gold.resultsOf(db, projectId, userId);
  if (done.done < settings.qualificationSize) return 'pending';
  const accuracy = done.mean;
  const status = accuracy >= settings.qualificationAccuracy ? 'qualified' : 'failed';
  await gold.recordQualification(db, { projectId, userId, status, accuracy });
  await events.appendEvent(db, { actorId: null, actorKind: 'system', projectId, entity: 'user', entityId: userId, action: status, data: { accuracy } });
  return status;
}

/** The first answer to a gold submission id, and the work it scored (a retry must carry the same). */
export async function goldReplay(tx: Db, submissionId: string) {
  const r = await gold.resultBySubmission(tx, submissionId);
  return r ? { result: { annotationId: r.id, version: 0, state: 'submitted', replayed: true, stage: 'annotate' }, payload: r.payload } : null;
}

/** Scores a gold task's submission; it never enters the workflow. Idempotent on the submission id. */
export async function submitGold(tx: Db, task: TaskRow, userId: string, submissionId: string, work: AnnotationPayload, settings: ProjectSettings) {
  const earlier = await gold.resultBySubmission(tx, submissionId);
  if (earlier) return { id: earlier.id, replayed: true };
  const answer = await gold.goldAnswer(tx, task.item_id);
  const s = scoreAgainstGold(work, readPayload(answer), { iou: settings.goldIou });
  const id = uuidv7();
  await gold.recordResult(tx, {
    id, projectId: task.project_id, itemId: task.item_id, userId, taskId: task.id, submissionId, payload: work, score: s.score,
    details: { precision: s.precision, recall: s.recall, f1: s.f1, matched: s.matched, missed: s.missed, extra: s.extra, wrongClass: s.wrongClass },
  });
  await events.appendEvent(tx, { actorId: userId, actorKind: 'user', projectId: task.project_id, entity: 'task', entityId: task.id, action: 'gold_scored', data: { score: s.score } });
  return { id, replayed: false };
}
