import { ACCEPTED, isUuid, spanCutIssues, textSettingIssues, uuidv7, validateAnnotation, type AnnotationPayload, type Ontology } from '@cadre/core';
import { annotations, items, kyselyOn, submissions, tasks, withTransaction, type AnnotationRow, type Db } from '@cadre/db';
import { afterSubmit, reviewedNext } from './workflow/submitted.ts';
import { contextFromRow, errorsOf } from './workflow/inline-check.ts';
import { goldReplay, submitGold } from './workflow/gold.service.ts';
import { cachedProject, cachedProjectOn, type CachedProject } from './project-cache.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { requireProjectRole } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { workDone } from './changes.ts';
import { WORKER_ROLES } from './dispenser.service.ts';
import { payloadHash } from './payload-hash.ts';
import { withDecidedOrigins } from './provenance.ts';

/** `stage`: where the task went (on a replay, where it is now). */
export interface SubmitResult { annotationId: string; version: number; state: string; replayed: boolean; stage?: string }

const result = (a: AnnotationRow, replayed: boolean): SubmitResult => ({ annotationId: a.id, version: a.version, state: a.state, replayed });

/**
 * Stores the person's work as the item's next annotation version and closes the task. Idempotent on
 * the client's submission id: a retried request with the same work returns the first result and
 * writes nothing; one with different work is refused (409), never dropped without a word.
 */
export async function submit(deps: ServiceDeps, actor: Actor, taskId: string, submissionId: string, payload: unknown): Promise<SubmitResult> {
  if (!isUuid(submissionId)) throw invalid('submissionId: must be a UUID made by the client, reused on every retry of the same submit');
  return (await straightToReview(deps, actor, taskId, submissionId, payload)) ?? withTransaction(deps.pool, async (client) => {
    // Locking the task first serialises a submit and its retries; the retry then sees the first one's row.
    const task = await tasks.lockForSubmit(client, taskId);
    if (!task) throw notFound('task');
    const earlier = await annotations.findBySubmissionId(client, submissionId);
    if (earlier) {
      if (earlier.task_id !== taskId || earlier.author_id !== actor.userId) throw new AppError('conflict', 'this submission id was already used for another task');
      if (!(await sameWork(kyselyOn(client), (await cachedProjectOn(client, task.project_id))!, task, earlier.payload, payload))) throw differentWork(earlier.version);
      return result(earlier, true);
    }
    if (task.stage === 'gold') {
      const prior = await goldReplay(kyselyOn(client), submissionId);
      if (prior) {
        if (!sameGoldWork((await cachedProjectOn(client, task.project_id))!, task, prior.payload, payload)) throw differentWork(0);
        return prior.result;
      }
    }
    const moved = task.stage !== 'annotate' && task.stage !== 'gold';
    if (task.status !== 'leased' || task.assignee_id !== actor.userId || moved) {
      await requireProjectRole(deps, actor, task.project_id, WORKER_ROLES, 'task');
      if (task.status === 'leased' && task.assignee_id === actor.userId) throw new AppError('conflict', `this task is in the ${task.stage} stage: send a verdict to /review instead`);
      throw new AppError('lease_lost', task.status === 'done' || moved ? 'this task is already submitted' : 'you no longer hold this task: its lease expired or it was given to someone else; your draft is kept');
    }
    const project = (await cachedProjectOn(client, task.project_id))!;
    const checked = { value: validWork(project, task, payload) };
    workDone(deps.db, task.project_id); // sent a moment later, after this transaction
    if (task.stage === 'gold') {
      const scored = await submitGold(kyselyOn(client), task, actor.userId, submissionId, checked.value, project.settings);
      return { annotationId: scored.id, version: 0, state: 'submitted', replayed: scored.replayed, stage: 'annotate' };
    }
    checked.value = await withDecidedOrigins(kyselyOn(client), task.item_id, checked.value);
    const annotation = await annotations.recordSubmission(client, {
      id: uuidv7(), projectId: task.project_id, itemId: task.item_id, taskId, authorId: actor.userId, submissionId,
      state: 'submitted', schemaVersion: checked.value.schemaVersion, payload: checked.value, objects: checked.value.objects.length,
    });
    const to = await afterSubmit(client, kyselyOn(client), project.settings, task, annotation, checked.value, project.ontology as Ontology, actor);
    return { ...result(annotation, false), state: to === ACCEPTED ? 'accepted' : 'submitted', stage: to };
  });
}

/**
 * The common submit in two statements and no transaction of its own: the worker's own leased
 * labelling task, a first submit, work that passes validation and the inline checks, bound for
 * review. Anything else (a retry, a lost lease, gold, consensus, failed checks, another route)
 * returns null before writing, and the locked path below decides it; so does a task that changed
 * between the read and the write (the write then matches nothing).
 */
async function straightToReview(deps: ServiceDeps, actor: Actor, taskId: string, submissionId: string, payload: unknown): Promise<SubmitResult | null> {
  const task = await submissions.readForSubmit(deps.pool, taskId, submissionId);
  if (!task || task.replay || task.stage !== 'annotate' || task.status !== 'leased' || task.assignee_id !== actor.userId) return null;
  const project = await cachedProject(deps.db, task.project_id);
  if (!project) return null;
  const settings = project.settings;
  if (!reviewedNext(settings, task)) return null;
  const value = await withDecidedOrigins(deps.db, task.item_id, validWork(project, task, payload));
  const ctx = contextFromRow(task, project.ontology as Ontology, settings.checks, value);
  if (!ctx || errorsOf(value, ctx, settings.checks).length > 0) return null;
  try {
    const annotation = await submissions.submitToStage(deps.pool, {
      annotationId: uuidv7(), attemptId: uuidv7(), projectId: task.project_id, itemId: task.item_id, taskId, authorId: actor.userId,
      submissionId, schemaVersion: value.schemaVersion, payload: value, objects: value.objects.length, stage: 'review',
    });
    if (!annotation) return null;
    workDone(deps.db, task.project_id);
    return { ...result(annotation, false), stage: 'review' };
  } catch (e) {
    // The submission id or the item's next version taken meanwhile (a concurrent retry): the locked path answers.
    if ((e as { code?: string }).code === '23505') return null;
    throw e;
  }
}

/**
 * Whether a retry carries the work stored by the first submit. The stored payload is the validated
 * one with its origins decided against the predictions, so a retry whose raw hash differs goes
 * through the same steps before it is called different.
 */
async function sameWork(db: Db, project: CachedProject, task: { item_id: string; text_length: number | null; frame_count: number | null; item_text?: string | null }, stored: unknown, retried: unknown): Promise<boolean> {
  const want = payloadHash(stored);
  if (payloadHash(retried) === want) return true;
  try {
    return payloadHash(await withDecidedOrigins(db, task.item_id, validWork(project, task, retried))) === want;
  } catch {
    return false;
  }
}

/** A gold submission stores the validated work as it came (its origins are not decided). */
function sameGoldWork(project: CachedProject, task: { text_length: number | null; frame_count: number | null; item_text?: string | null }, stored: unknown, retried: unknown): boolean {
  const want = payloadHash(stored);
  if (payloadHash(retried) === want) return true;
  try {
    return payloadHash(validWork(project, task, retried)) === want;
  } catch {
    return false;
  }
}

const differentWork = (version: number) => new AppError('conflict',
  `submissionId: this submission id was already used with different content; the first submit${version > 0 ? ` (version ${version})` : ''} is stored and this one was not`,
  { field: 'submissionId', version });

/** The ontology's and the project's rules for a payload; throws every problem at once. */
export function validWork(project: CachedProject, task: { text_length: number | null; frame_count: number | null; item_text?: string | null }, payload: unknown): AnnotationPayload {
  const checked = validateAnnotation(payload, project.ontology as Ontology, { textLength: task.text_length ?? undefined, frameCount: task.frame_count ?? undefined });
  if (!checked.ok) throw invalid('the annotation has problems', checked.error);
  const cut = task.item_text ? spanCutIssues(checked.value, task.item_text) : [];
  if (cut.length > 0) throw invalid('a span cuts a character in two', cut);
  const ruled = textSettingIssues(checked.value, project.settings);
  if (ruled.length > 0) throw invalid('the annotation breaks the project\'s text settings', ruled);
  return checked.value;
}

const MAX_DRAFT_BYTES = 8 * 1024 * 1024;

/** Drafts are saved as they are (work in progress may be incomplete), only while the lease is held. */
export async function saveDraft(deps: ServiceDeps, actor: Actor, taskId: string, payload: unknown): Promise<{ savedAt: string }> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw invalid('draft: must be an object');
  if (JSON.stringify(payload).length > MAX_DRAFT_BYTES) throw new AppError('payload_too_large', 'draft is larger than 8 MiB');
  const task = await tasks.findTask(deps.db, taskId);
  if (!task) throw notFound('task');
  if (task.status !== 'leased' || task.assignee_id !== actor.userId) {
    await requireProjectRole(deps, actor, task.project_id, WORKER_ROLES, 'task');
    throw new AppError('lease_lost', 'you no longer hold this task');
  }
  const version = (payload as { schemaVersion?: unknown }).schemaVersion;
  const savedAt = await annotations.saveDraft(deps.db, taskId, actor.userId, typeof version === 'number' ? version : 1, payload);
  return { savedAt: savedAt.toISOString() };
}

export async function itemAnnotations(deps: ServiceDeps, actor: Actor, itemId: string) {
  const item = await items.findItem(deps.db, itemId);
  if (!item) throw notFound('item');
  await requireProjectRole(deps, actor, item.project_id, ['manager', 'reviewer', 'client'], 'item');
  const rows = await annotations.annotationsOfItem(deps.db, itemId);
  return rows.map((a) => ({
    id: a.id, version: a.version, parentId: a.parent_id, authorId: a.author_id, authorName: a.author_name, authorKind: a.author_kind,
    state: a.state, schemaVersion: a.schema_version, payload: a.payload, createdAt: a.created_at.toISOString(),
  }));
}
