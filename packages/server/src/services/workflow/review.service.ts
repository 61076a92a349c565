// Verdicts of people: review (accept, fix-and-accept, reject with reasons) and QA inspection.
import { isUuid, readPayload, samePayload, uuidv7, type AnnotationPayload } from '@cadre/core';
import { annotations, kyselyOn, tasks, withTransaction, workflow, type Db } from '@cadre/db';
import { validWork } from '../submission.service.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import { requireProjectRole } from '../access.ts';
import type { Actor, ServiceDeps } from '../context.ts';
import { workDone } from '../changes.ts';
import { cachedProjectOn, type CachedProject } from '../project-cache.ts';
import { withDecidedOrigins } from '../provenance.ts';
import { advance, returnForRework, type Reason, type Work } from './moves.ts';
import { inspect } from './qa-batches.ts';
import { STAGE_ROLES } from './stages.ts';
import type { ReasonCode } from '@cadre/core';

export interface ReviewInput { decisionId: string; verdict: 'accept' | 'reject'; reasons?: unknown; annotation?: unknown }
export interface ReviewResult { verdict: 'accept' | 'reject'; stage: string; replayed: boolean }

/** Checks reasons against the project's codes and the objects of the work under review. */
export function parseReasons(input: unknown, codes: ReasonCode[], payload: AnnotationPayload | null): Reason[] {
  if (input === undefined || input === null) return [];
  if (!Array.isArray(input)) throw invalid('reasons: must be a list of { code, objectId, note }');
  const ids = new Set(payload?.objects.map((o) => o.id) ?? []);
  const issues: { path: string; message: string }[] = [];
  const out: Reason[] = [];
  input.forEach((r, i) => {
    const code = codes.find((c) => c.code === r?.code);
    if (!code) issues.push({ path: `reasons[${i}].code`, message: `must be one of the project's reasons (${codes.map((c) => c.code).join(', ')}), got ${JSON.stringify(r?.code)}` });
    const objectId = r?.objectId ?? null;
    if (objectId !== null && (typeof objectId !== 'string' || !ids.has(objectId))) issues.push({ path: `reasons[${i}].objectId`, message: `no object ${JSON.stringify(objectId)} in the work under review` });
    const note = r?.note ?? '';
    if (typeof note !== 'string' || note.length > 2000) issues.push({ path: `reasons[${i}].note`, message: 'must be text of at most 2000 characters' });
    if (code) out.push({ code: code.code, label: code.label, objectId, note: typeof note === 'string' ? note.trim() : '', source: 'human' });
  });
  if (issues.length > 0) throw invalid('the reasons have problems', issues);
  return out;
}

type LockedTask = NonNullable<Awaited<ReturnType<typeof tasks.lockForSubmit>>>;

async function ownReviewTask(task: LockedTask | undefined, deps: ServiceDeps, actor: Actor): Promise<LockedTask> {
  if (!task) throw notFound('task');
  if (task.stage !== 'review' && task.stage !== 'qa') {
    await requireProjectRole(deps, actor, task.project_id, STAGE_ROLES.review, 'task');
    throw new AppError('conflict', `this task is in the ${task.stage} stage, not waiting for review`);
  }
  if (task.status !== 'leased' || task.assignee_id !== actor.userId) {
    await requireProjectRole(deps, actor, task.project_id, STAGE_ROLES.review, 'task');
    throw new AppError('lease_lost', 'you no longer hold this task: its lease expired or it was given to someone else');
  }
  return task;
}

/**
 * Records a reviewer's or inspector's verdict and moves the task on. Idempotent on the client's
 * decision id: a retry answers like the first request and changes nothing.
 */
export async function review(deps: ServiceDeps, actor: Actor, taskId: string, input: ReviewInput): Promise<ReviewResult> {
  if (!isUuid(input.decisionId)) throw invalid('decisionId: must be a UUID made by the client, reused on every retry of the same decision');
  if (input.verdict !== 'accept' && input.verdict !== 'reject') throw invalid('verdict: must be "accept" or "reject"');
  return withTransaction(deps.pool, async (client) => {
    const tx = kyselyOn(client);
    // Locking the task first serialises a decision and its retries; the retry then finds the first one's row.
    const locked = await tasks.lockForSubmit(client, taskId);
    const earlier = await workflow.findReviewByDecision(tx, input.decisionId);
    if (earlier && locked) {
      if (earlier.task_id !== taskId || earlier.reviewer_id !== actor.userId) throw new AppError('conflict', 'this decision id was already used for another task');
      return { verdict: earlier.verdict, stage: locked.stage, replayed: true };
    }
    const task = await ownReviewTask(locked, deps, actor);
    const project = (await cachedProjectOn(client, task.project_id))!;
    const { settings } = project;
    workDone(deps.db, task.project_id); // sent a moment later, after this transaction
    const base = await workflow.currentAnnotation(tx, task.item_id);
    const basePayload = base ? readPayload(base.payload, { version: base.schema_version }) : undefined;
    const reasons = parseReasons(input.reasons, settings.rejectReasons, basePayload ?? null);
    if (input.verdict === 'reject' && reasons.length === 0) throw invalid('a rejection needs at least one reason');
    const me = { id: actor.userId, kind: 'user' as const };
    const stage = task.stage as 'review' | 'qa';
    let work: Work = { task, annotationId: base?.id ?? null, annotatorId: task.annotator_id };
    await workflow.insertAttempt(tx, { id: uuidv7(), projectId: task.project_id, taskId, itemId: task.item_id, userId: actor.userId, stage, annotationId: work.annotationId, objects: 0, outcome: 'done' });

    if (stage === 'qa') {
      if (input.annotation !== undefined) throw invalid('annotation: QA marks work correct or not; corrections belong to review or rework');
      await workflow.insertReview(tx, { id: uuidv7(), projectId: task.project_id, taskId, itemId: task.item_id, annotationId: work.annotationId, stage, reviewerId: actor.userId, verdict: input.verdict, reasons, decisionId: input.decisionId });
      await inspect(tx, settings, work, input.verdict === 'accept', reasons, me, input.decisionId);
      return { verdict: input.verdict, stage: (await tasks.findTask(tx, taskId))!.stage, replayed: false };
    }
    if (input.verdict === 'reject') {
      await returnForRework(tx, settings, work, stage, reasons, me, { counts: true, decisionId: input.decisionId });
      return { verdict: 'reject', stage: 'annotate', replayed: false };
    }
    // Any accept keeps what the reviewer sees: their screen, where it differs from the work under review, is the next version.
    const fixedId = input.annotation === undefined ? null : await storeFix(tx, project, task, actor, input.annotation, basePayload);
    if (fixedId) work = { ...work, annotationId: fixedId };
    await workflow.insertReview(tx, { id: uuidv7(), projectId: task.project_id, taskId, itemId: task.item_id, annotationId: base?.id ?? null, stage, reviewerId: actor.userId, verdict: 'accept', fixedAnnotationId: fixedId, reasons, decisionId: input.decisionId });
    const to = await advance(tx, settings, work, 'review', me);
    return { verdict: 'accept', stage: to, replayed: false };
  });
}

/**
 * Fix-and-accept: the reviewer's annotation becomes the item's next version, authored by the reviewer,
 * so pay and quality see who changed what; null where it says the same as the work under review.
 */
async function storeFix(tx: Db, project: CachedProject, task: LockedTask, actor: Actor, payload: unknown, base: AnnotationPayload | undefined): Promise<string | null> {
  const checked = await withDecidedOrigins(tx, task.item_id, validWork(project, task, payload));
  if (base && samePayload(base, checked)) return null;
  const row = await annotations.insertAnnotation(tx, {
    id: uuidv7(), projectId: task.project_id, itemId: task.item_id, taskId: task.id, authorId: actor.userId, authorKind: 'human',
    submissionId: null, state: 'submitted', schemaVersion: checked.schemaVersion, payload: checked,
  });
  return row.id;
}
