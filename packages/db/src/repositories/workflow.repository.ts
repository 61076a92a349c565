import { sql } from 'kysely';
import type { Db, Queryable } from '../connection.ts';
import type { AnnotationState, AttemptOutcome, ReviewRow, TaskRow } from '../schema.ts';

// Thin reads and writes of the workflow; the rules (which stage is next, who may take it) live in
// the server's workflow services.

export interface TaskMove {
  stage: string;
  status: 'open' | 'done' | 'waiting';
  reservedFor?: string | null;
  annotatorId?: string | null;
  rejections?: number;
  batchId?: string | null;
  /** Lift the task ahead of new work (rework). */
  urgent?: boolean;
}

export async function moveTask(db: Db, taskId: string, m: TaskMove): Promise<TaskRow> {
  return db.updateTable('tasks').set({
    stage: m.stage, status: m.status, assignee_id: null, lease_expires_at: null, updated_at: sql`now()`,
    ...(m.reservedFor !== undefined ? { reserved_for: m.reservedFor } : {}),
    ...(m.annotatorId !== undefined ? { annotator_id: m.annotatorId } : {}),
    ...(m.rejections !== undefined ? { rejections: m.rejections } : {}),
    ...(m.batchId !== undefined ? { batch_id: m.batchId } : {}),
    ...(m.urgent ? { priority: sql`greatest(priority, 1000)` } : {}),
  }).where('id', '=', taskId).returningAll().executeTakeFirstOrThrow();
}

export interface NewReview {
  id: string; projectId: string; taskId: string; itemId: string; annotationId: string | null; stage: string;
  reviewerId: string | null; verdict: 'accept' | 'reject'; fixedAnnotationId?: string | null; reasons: unknown[]; decisionId?: string | null;
}

export async function insertReview(db: Db, r: NewReview): Promise<ReviewRow> {
  return db.insertInto('reviews').values({
    id: r.id, project_id: r.projectId, task_id: r.taskId, item_id: r.itemId, annotation_id: r.annotationId, stage: r.stage,
    reviewer_id: r.reviewerId, reviewer_kind: r.reviewerId ? 'human' : 'machine', verdict: r.verdict,
    fixed_annotation_id: r.fixedAnnotationId ?? null, reasons: JSON.stringify(r.reasons), decision_id: r.decisionId ?? null,
  }).returningAll().executeTakeFirstOrThrow();
}

export async function findReviewByDecision(db: Db, decisionId: string): Promise<ReviewRow | undefined> {
  return db.selectFrom('reviews').selectAll().where('decision_id', '=', decisionId).executeTakeFirst();
}

/** The task's latest rejection, if its latest verdict is one. */
export async function lastRejection(db: Db, taskId: string): Promise<(ReviewRow & { reviewer_name: string | null }) | undefined> {
  const row = await db.selectFrom('reviews').leftJoin('users', 'users.id', 'reviews.reviewer_id')
    .selectAll('reviews').select('users.name as reviewer_name')
    .where('task_id', '=', taskId).orderBy('reviews.created_at', 'desc').orderBy('reviews.id', 'desc').limit(1).executeTakeFirst();
  return row?.verdict === 'reject' ? row : undefined;
}

export async function setAnnotationState(db: Db, annotationId: string, state: AnnotationState): Promise<void> {
  await db.updateTable('annotations').set({ state }).where('id', '=', annotationId).execute();
}

/** The annotation a task carries: the newest version of its item written for this task or its review. */
export async function currentAnnotation(db: Db, itemId: string) {
  return db.selectFrom('annotations').leftJoin('users', 'users.id', 'annotations.author_id')
    .selectAll('annotations').select('users.name as author_name')
    .where('item_id', '=', itemId).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export interface NewAttempt { id: string; projectId: string; taskId: string; itemId: string; userId: string; stage: string; annotationId: string | null; objects: number; outcome: AttemptOutcome }

export async function insertAttempt(db: Db, a: NewAttempt): Promise<void> {
  await db.insertInto('work_attempts').values({
    id: a.id, project_id: a.projectId, task_id: a.taskId, item_id: a.itemId, user_id: a.userId, stage: a.stage,
    annotation_id: a.annotationId, objects: a.objects, outcome: a.outcome, decided_at: a.outcome === 'pending' ? null : sql`now()`,
  }).execute();
}

/** Decides the item's pending labelling attempts (all of them, across consensus copies). */
export async function decideAttempts(db: Db, itemId: string, outcome: AttemptOutcome, userId?: string): Promise<void> {
  let q = db.updateTable('work_attempts').set({ outcome, decided_at: sql`now()` })
    .where('item_id', '=', itemId).where('stage', '=', 'annotate').where('outcome', '=', 'pending');
  if (userId) q = q.where('user_id', '=', userId);
  await q.execute();
}

/** Everyone who has labelled this task (they are passed over when it goes to someone else). */
export async function annotatorsOf(db: Db, taskId: string): Promise<string[]> {
  const rows = await db.selectFrom('work_attempts').select('user_id').distinct()
    .where('task_id', '=', taskId).where('stage', '=', 'annotate').execute();
  return rows.map((r) => r.user_id);
}

export async function markReassigned(db: Db, taskId: string): Promise<void> {
  await db.updateTable('work_attempts').set({ outcome: 'reassigned' })
    .where('task_id', '=', taskId).where('stage', '=', 'annotate').where('outcome', '=', 'rejected').execute();
}

/** How many tasks this person has submitted in the project (their novice period counts these). */
export async function submittedCount(db: Db, projectId: string, userId: string): Promise<number> {
  const row = await db.selectFrom('work_attempts').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId).where('user_id', '=', userId).where('stage', '=', 'annotate').executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Tasks returned to this person for rework, newest first. */
export async function returnedTo(db: Db, projectId: string, userId: string, limit: number) {
  return db.selectFrom('tasks')
    .innerJoinLateral(
      (eb) => eb.selectFrom('reviews').leftJoin('users', 'users.id', 'reviews.reviewer_id')
        .select(['reviews.reasons', 'reviews.created_at', 'reviews.verdict', 'users.name as reviewer_name'])
        .whereRef('reviews.task_id', '=', 'tasks.id').orderBy('reviews.created_at', 'desc').limit(1).as('r'),
      (join) => join.onTrue(),
    )
    .select(['tasks.id', 'tasks.item_id', 'tasks.rejections', 'tasks.status', 'r.reasons', 'r.created_at', 'r.reviewer_name'])
    .where('tasks.project_id', '=', projectId).where('tasks.reserved_for', '=', userId).where('tasks.stage', '=', 'annotate')
    .where('tasks.status', 'in', ['open', 'leased']).where('r.verdict', '=', 'reject')
    .orderBy('r.created_at', 'desc').limit(limit).execute();
}

export async function stageCounts(db: Db, projectId: string) {
  return db.selectFrom('tasks').select(['stage', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('project_id', '=', projectId).groupBy(['stage', 'status']).execute();
}

/** Open tasks of a machine stage, locked for this worker (others skip them). */
export async function lockMachineTasks(db: Db, stage: string, limit: number): Promise<TaskRow[]> {
  return db.selectFrom('tasks').selectAll().where('stage', '=', stage).where('status', '=', 'open')
    .orderBy('priority', 'desc').orderBy('id').limit(limit).forUpdate().skipLocked().execute();
}

/** How often this person's work on the task was rejected. */
export async function rejectedCount(db: Db, taskId: string, userId: string): Promise<number> {
  const row = await db.selectFrom('work_attempts').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('task_id', '=', taskId).where('user_id', '=', userId).where('stage', '=', 'annotate')
    .where('outcome', 'in', ['rejected', 'reassigned']).executeTakeFirst();
  return Number(row?.n ?? 0);
}

// The common submit in one round trip: the labelling attempt recorded, the task moved on to an
// open stage (review) for someone else, and the move logged.
const SUBMITTED_TO_STAGE = {
  name: 'cadre_submitted_to_stage_v1',
  text: `
    WITH attempt AS (
      INSERT INTO work_attempts (id, project_id, task_id, item_id, user_id, stage, annotation_id, objects, outcome)
      VALUES ($1, $2, $3, $4, $5, 'annotate', $6, $7, 'pending')
    ), moved AS (
      UPDATE tasks SET stage = $8, status = 'open', assignee_id = NULL, lease_expires_at = NULL, reserved_for = NULL,
        annotator_id = $5, updated_at = now()
      WHERE id = $3
    )
    INSERT INTO events (actor_id, actor_kind, project_id, entity, entity_id, action, data)
    VALUES ($5, 'user', $2, 'task', $3::text, 'advanced', jsonb_build_object('from', 'annotate', 'to', $8::text, 'checked', true, 'annotationId', $6::text))`,
};

export interface SubmittedToStage { attemptId: string; projectId: string; taskId: string; itemId: string; userId: string; annotationId: string; objects: number; stage: string }

export async function submittedToStage(client: Queryable, s: SubmittedToStage): Promise<void> {
  await client.query({ ...SUBMITTED_TO_STAGE, values: [s.attemptId, s.projectId, s.taskId, s.itemId, s.userId, s.annotationId, s.objects, s.stage] });
}
