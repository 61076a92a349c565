// Gold items carry a known answer. They are mixed into labelling queues (the person cannot tell),
// scored against the answer, and make up the qualification set newcomers pass before paid work.
import { scoreAgainstGold, uuidv7, type AnnotationPayload } from '@cadre/core';
import { sql } from 'kysely';
import { events, type Db, type TaskRow } from '@cadre/db';
import { AppError, forbidden, invalid, notFound } from '../../errors.ts';
import { requireProjectRole } from '../access.ts';
import type { Actor, ServiceDeps } from '../context.ts';
import type { ProjectSettings } from '@cadre/core';
import { cachedProject } from '../project-cache.ts';
import { validWork } from '../submission.service.ts';

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** Leases a gold task to the person when it is their turn for one; null when it is not. */
export async function goldTurn(deps: ServiceDeps, actor: Actor, projectId: string, settings: ProjectSettings): Promise<TaskRow | null> {
  if (settings.qualificationSize > 0) {
    const verdict = await qualification(deps.db, projectId, actor.userId, settings);
    if (verdict === 'failed') {
      const q = await deps.db.selectFrom('qualifications').select('accuracy').where('project_id', '=', projectId).where('user_id', '=', actor.userId).executeTakeFirst();
      throw forbidden(`you did not pass this project's qualification: your score is ${pct(q?.accuracy ?? 0)}, ${pct(settings.qualificationAccuracy)} is needed`);
    }
    if (verdict === 'pending') {
      await requireProjectRole(deps, actor, projectId, ['annotator', 'manager']);
      const task = await leaseGold(deps.db, projectId, actor.userId, settings);
      if (task) return task;
      const n = await goldCount(deps.db, projectId);
      throw new AppError('conflict', `you need ${settings.qualificationSize} qualification items but the project has only ${n} gold items you have not done; ask a manager to add more`);
    }
  }
  if (settings.goldRate > 0 && Math.random() < settings.goldRate) return leaseGold(deps.db, projectId, actor.userId, settings);
  return null;
}

async function goldCount(db: Db, projectId: string): Promise<number> {
  const row = await db.selectFrom('gold_items').select((eb) => eb.fn.countAll<number>().as('n')).where('project_id', '=', projectId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** 'qualified', 'failed', or 'pending' (still doing the set); decided once the set is done. */
async function qualification(db: Db, projectId: string, userId: string, settings: ProjectSettings): Promise<'qualified' | 'failed' | 'pending'> {
  const q = await db.selectFrom('qualifications').select('status').where('project_id', '=', projectId).where('user_id', '=', userId).executeTakeFirst();
  if (q) return q.status;
  const done = await db.selectFrom('gold_results').select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.avg<number>('score').as('mean')])
    .where('project_id', '=', projectId).where('user_id', '=', userId).executeTakeFirst();
  if (Number(done?.n ?? 0) < settings.qualificationSize) return 'pending';
  const accuracy = Number(done?.mean ?? 0);
  const status = accuracy >= settings.qualificationAccuracy ? 'qualified' : 'failed';
  await db.insertInto('qualifications').values({ project_id: projectId, user_id: userId, status, accuracy }).onConflict((oc) => oc.doNothing()).execute();
  await events.appendEvent(db, { actorId: null, actorKind: 'system', projectId, entity: 'user', entityId: userId, action: status, data: { accuracy } });
  return status;
}

/** A gold item this person has not done, as a task leased to them (or their earlier one, if its lease ran out). */
async function leaseGold(db: Db, projectId: string, userId: string, settings: ProjectSettings): Promise<TaskRow | null> {
  const result = await sql<TaskRow>`
    WITH held AS (
      SELECT count(*)::int AS n FROM tasks WHERE assignee_id = ${userId} AND status = 'leased' AND project_id = ${projectId}
    ), again AS (
      UPDATE tasks SET status = 'leased', assignee_id = ${userId}, lease_expires_at = now() + make_interval(secs => ${settings.leaseSeconds}),
        attempts = attempts + 1, updated_at = now()
      WHERE id = (SELECT t.id FROM tasks t WHERE t.project_id = ${projectId} AND t.stage = 'gold' AND t.status = 'open' AND t.reserved_for = ${userId}
                  AND NOT EXISTS (SELECT 1 FROM task_skips s WHERE s.task_id = t.id AND s.user_id = ${userId}) LIMIT 1 FOR UPDATE SKIP LOCKED)
        AND (SELECT n FROM held) < ${settings.maxHeldTasks}
      RETURNING *
    ), pick AS (
      SELECT g.item_id FROM gold_items g
      WHERE g.project_id = ${projectId} AND NOT EXISTS (SELECT 1 FROM again)
        AND (SELECT n FROM held) < ${settings.maxHeldTasks}
        AND NOT EXISTS (SELECT 1 FROM gold_results r WHERE r.item_id = g.item_id AND r.user_id = ${userId})
        AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.item_id = g.item_id AND t.stage = 'gold' AND t.reserved_for = ${userId})
      ORDER BY random() LIMIT 1
    ), made AS (
      INSERT INTO tasks (id, project_id, item_id, stage, status, assignee_id, reserved_for, lease_expires_at, attempts, created_at, updated_at)
      SELECT uuidv7(), ${projectId}, item_id, 'gold', 'leased', ${userId}, ${userId}, now() + make_interval(secs => ${settings.leaseSeconds}), 1, now(), now()
      FROM pick
      RETURNING *
    )
    SELECT * FROM again UNION ALL SELECT * FROM made`.execute(db);
  return result.rows[0] ?? null;
}

/** The answer to a retried gold submission, if the first one was stored. */
/** The first answer to a gold submission id, and the work it scored (a retry must carry the same). */
export async function goldReplay(tx: Db, submissionId: string) {
  const r = await tx.selectFrom('gold_results').select(['id', 'payload']).where('submission_id', '=', submissionId).executeTakeFirst();
  return r ? { result: { annotationId: r.id, version: 0, state: 'submitted', replayed: true, stage: 'annotate' }, payload: r.payload as unknown } : null;
}

/** Scores a gold task's submission; it never enters the workflow. Idempotent on the submission id. */
export async function submitGold(tx: Db, task: TaskRow, userId: string, submissionId: string, work: AnnotationPayload, settings: ProjectSettings) {
  const earlier = await tx.selectFrom('gold_results').selectAll().where('submission_id', '=', submissionId).executeTakeFirst();
  if (earlier) return { id: earlier.id, replayed: true };
  const gold = await tx.selectFrom('gold_items').select('payload').where('item_id', '=', task.item_id).executeTakeFirstOrThrow();
  const s = scoreAgainstGold(work, gold.payload as AnnotationPayload, { iou: settings.goldIou });
  const id = uuidv7();
  await tx.insertInto('gold_results').values({
    id, project_id: task.project_id, item_id: task.item_id, user_id: userId, task_id: task.id, submission_id: submissionId,
    payload: JSON.stringify(work), score: s.score, details: JSON.stringify({ precision: s.precision, recall: s.recall, f1: s.f1, matched: s.matched, missed: s.missed, extra: s.extra, wrongClass: s.wrongClass }),
  }).execute();
  await tx.updateTable('tasks').set({ status: 'done', lease_expires_at: null, updated_at: sql`now()` }).where('id', '=', task.id).execute();
  await tx.deleteFrom('drafts').where('task_id', '=', task.id).execute();
  await events.appendEvent(tx, { actorId: userId, actorKind: 'user', projectId: task.project_id, entity: 'task', entityId: task.id, action: 'gold_scored', data: { score: s.score } });
  return { id, replayed: false };
}

/** Makes an item gold, with the given answer or its latest accepted annotation; its own task leaves the queue. */
export async function makeGold(deps: ServiceDeps, actor: Actor, projectId: string, input: { itemId: string; annotation?: unknown }) {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  const project = await cachedProject(deps.db, projectId);
  if (!project) throw notFound('project');
  const item = await deps.db.selectFrom('items').select(['id', 'project_id', 'content', 'frames']).where('id', '=', input.itemId).executeTakeFirst();
  if (!item || item.project_id !== projectId) throw notFound('item');
  let payload: AnnotationPayload;
  if (input.annotation !== undefined) {
    payload = validWork(project, { text_length: item.content === null ? null : [...item.content].length, item_text: item.content, frame_count: Array.isArray(item.frames) ? item.frames.length : null }, input.annotation);
  } else {
    const accepted = await deps.db.selectFrom('annotations').select('payload').where('item_id', '=', item.id).where('state', '=', 'accepted').orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (!accepted) throw invalid('the item has no accepted annotation to use as its answer; send `annotation`');
    payload = accepted.payload as AnnotationPayload;
  }
  await deps.db.transaction().execute(async (tx) => {
    await tx.insertInto('gold_items').values({ item_id: item.id, project_id: projectId, payload: JSON.stringify(payload), created_by: actor.userId })
      .onConflict((oc) => oc.column('item_id').doUpdateSet({ payload: JSON.stringify(payload) })).execute();
    await tx.updateTable('tasks').set({ stage: 'gold', status: 'done', assignee_id: null, lease_expires_at: null, reserved_for: null, updated_at: sql`now()` })
      .where('item_id', '=', item.id).where('stage', '=', 'annotate').where('status', 'in', ['open', 'leased']).execute();
    await events.appendEvent(tx, { actorId: actor.userId, actorKind: 'user', projectId, entity: 'item', entityId: item.id, action: 'made_gold', data: { objects: payload.objects.length } });
  });
  return { itemId: item.id, objects: payload.objects.length };
}

export async function listGold(deps: ServiceDeps, actor: Actor, projectId: string) {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  const rows = await deps.db.selectFrom('gold_items').leftJoin('gold_results', 'gold_results.item_id', 'gold_items.item_id')
    .select(['gold_items.item_id', (eb) => eb.fn.count<number>('gold_results.id').as('done'), (eb) => eb.fn.avg<number>('gold_results.score').as('mean')])
    .where('gold_items.project_id', '=', projectId).groupBy('gold_items.item_id').orderBy('gold_items.item_id').execute();
  return rows.map((r) => ({ itemId: r.item_id, done: Number(r.done), meanScore: r.mean === null ? null : Number(r.mean) }));
}
