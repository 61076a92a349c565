import { annotations, events, leases, tasks, type TaskRow } from '@cadre/db';
import { cachedProject } from './project-cache.ts';
import { AppError, notFound } from '../errors.ts';
import { requireProjectRole } from './access.ts';
import { refuseIfArchived } from './removal.service.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { workDone } from './changes.ts';
import { taskView, type TaskView } from './task-view.ts';
import { goldTurn } from './workflow/gold.service.ts';
import { capGate } from './limits/index.ts';
import { leaseInput } from './lease.service.ts';
import type { HumanStage } from '@cadre/core';
import { STAGE_ROLES } from './workflow/stages.ts';

/** Who may take tasks of the labeling stage. */
export const WORKER_ROLES = STAGE_ROLES.annotate;
/** Who may hold a task of some stage (heartbeat, skip). */
const HOLDER_ROLES = ['annotator', 'reviewer', 'manager'] as const;

async function projectSettings(deps: ServiceDeps, projectId: string) {
  const project = await cachedProject(deps.db, projectId);
  if (!project) throw notFound('project');
  return project.settings;
}

/**
 * Leases the best open task to the actor. Returns null when the queue is empty. A person may hold
 * `maxHeldTasks` (default 2) at once, so the client can prefetch the next task while one is open.
 */
export async function claimNext(deps: ServiceDeps, actor: Actor, projectId: string, stage: HumanStage = 'annotate'): Promise<TaskRow | null> {
  const settings = await projectSettings(deps, projectId);
  await refuseIfArchived(deps, actor, projectId);
  if (!settings.stages.includes(stage)) {
    await requireProjectRole(deps, actor, projectId, STAGE_ROLES[stage]);
    throw new AppError('conflict', `this project has no ${stage} stage (its stages: ${settings.stages.join(', ')})`);
  }
  const roles = STAGE_ROLES[stage];
  if (stage === 'annotate') {
    const capped = await capGate(deps, actor, projectId, settings);
    if (capped) return capped;
    const gold = await goldTurn(deps, actor, projectId, settings);
    if (gold) return gold;
  }
  const input = leaseInput(actor, projectId, settings, { kind: 'queue', stage });
  let task = await leases.lease(deps.pool, input);
  if (task) { workDone(deps.db, projectId); return task; }
  // Nothing claimed: say why (no access, at the hold limit) or free expired leases and look again.
  await requireProjectRole(deps, actor, projectId, roles);
  const held = await tasks.heldLeases(deps.db, actor.userId, projectId);
  if (held.length >= settings.maxHeldTasks) {
    const stages = [...new Set(held.map((t) => (t.stage === 'gold' ? 'annotate' : t.stage)))].join(', ');
    throw new AppError('lease_limit', `you already hold ${held.length} tasks in this project (limit ${settings.maxHeldTasks}; ${stages}): submit or skip one first`, { held: held.map((t) => t.id) });
  }
  if ((await tasks.expireLeases(deps.db)).length > 0) task = await leases.lease(deps.pool, input);
  if (task) workDone(deps.db, projectId);
  return task ?? null;
}

export async function claimNextView(deps: ServiceDeps, actor: Actor, projectId: string, stage: HumanStage = 'annotate'): Promise<TaskView | null> {
  const task = await claimNext(deps, actor, projectId, stage);
  return task ? taskView(deps, task, actor.userId) : null;
}

/** The tasks I hold in one stage (gold tasks look like labelling tasks to the person doing them). */
export async function heldTasks(deps: ServiceDeps, actor: Actor, projectId: string, stage: HumanStage = 'annotate'): Promise<TaskView[]> {
  await requireProjectRole(deps, actor, projectId, STAGE_ROLES[stage]);
  const held = (await tasks.heldLeases(deps.db, actor.userId, projectId)).filter((t) => t.stage === stage || (stage === 'annotate' && t.stage === 'gold'));
  return Promise.all(held.map((t) => taskView(deps, t, actor.userId)));
}

/** Every task I hold in the project, whatever its stage, oldest lease first. */
export async function heldInProject(deps: ServiceDeps, actor: Actor, projectId: string) {
  await requireProjectRole(deps, actor, projectId, HOLDER_ROLES);
  return (await tasks.heldLeases(deps.db, actor.userId, projectId)).map((t) => ({
    id: t.id, itemId: t.item_id, stage: t.stage === 'gold' ? 'annotate' : t.stage, leaseExpiresAt: t.lease_expires_at?.toISOString() ?? null,
  }));
}

/**
 * Opens exactly this task for the person: one they hold, rework reserved for them, or one whose
 * lease ran out on them while nobody else has taken it (their draft is on it). Anything else is
 * refused with why. Taking back one's own work does not count against the hold limit: it is
 * theirs already and takes nothing from the shared queue.
 */
export async function openTask(deps: ServiceDeps, actor: Actor, taskId: string): Promise<TaskView> {
  const task = await deps.db.transaction().execute(async (tx) => {
    const task = await tasks.lockTask(tx, taskId);
    if (!task) throw notFound('task');
    const stage: HumanStage = task.stage === 'review' || task.stage === 'qa' ? task.stage : 'annotate';
    await requireProjectRole({ ...deps, db: tx }, actor, task.project_id, STAGE_ROLES[stage], 'task');
    if (task.status === 'leased' && task.assignee_id === actor.userId) return task;
    if (task.status === 'leased') throw new AppError('conflict', 'this task is no longer yours: someone else is working on it now');
    if (task.status !== 'open') throw new AppError('conflict', task.status === 'done' ? 'this task is already finished' : 'this task is not open for work now');
    const reserved = task.reserved_for === actor.userId;
    if (task.reserved_for !== null && !reserved) throw new AppError('conflict', 'this task is no longer yours: it is reserved for someone else');
    if (!reserved && !(await annotations.hasDraft(tx, task.id, actor.userId))) {
      throw new AppError('conflict', 'this task is not yours to open: take the next task from the queue instead');
    }
    const settings = await projectSettings(deps, task.project_id);
    return leases.leaseThis(tx, task.id, { id: actor.userId, kind: 'user' }, settings.leaseSeconds);
  });
  return taskView(deps, task, actor.userId);
}

async function ownLease(deps: ServiceDeps, actor: Actor, task: TaskRow | undefined): Promise<TaskRow> {
  if (!task) throw notFound('task');
  if (task.status !== 'leased' || task.assignee_id !== actor.userId) {
    await requireProjectRole(deps, actor, task.project_id, HOLDER_ROLES, 'task');
    throw new AppError('lease_lost', task.status === 'done' ? 'this task is already submitted' : 'you no longer hold this task: its lease expired or it was given to someone else');
  }
  return task;
}

export async function heartbeat(deps: ServiceDeps, actor: Actor, taskId: string): Promise<{ leaseExpiresAt: string }> {
  const task = await ownLease(deps, actor, await tasks.findTask(deps.db, taskId));
  const settings = await projectSettings(deps, task.project_id);
  const renewed = await tasks.renewLease(deps.db, taskId, actor.userId, settings.leaseSeconds);
  if (!renewed?.lease_expires_at) throw new AppError('lease_lost', 'you no longer hold this task');
  return { leaseExpiresAt: renewed.lease_expires_at.toISOString() };
}

/** Gives a held task (any stage) back to the queue for someone else; it is not offered to this person again. */
export async function skip(deps: ServiceDeps, actor: Actor, taskId: string, reason: string | null, note: string | null = null): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const task = await ownLease({ ...deps, db: tx }, actor, await tasks.lockTask(tx, taskId));
    await giveBack(tx, task, actor.userId, actor.userId, reason, note);
  });
}

/**
 * The holder's task goes back to the queue for someone else (not to them again), their draft with it.
 * In the caller's transaction, on a locked task: the holder skipping it, or a manager giving it back for them.
 */
export async function giveBack(
  tx: ServiceDeps['db'], task: Pick<TaskRow, 'id' | 'project_id' | 'stage'>, holderId: string, byId: string, reason: string | null, note: string | null = null,
): Promise<void> {
  await tasks.releaseTask(tx, task.id);
  await tasks.recordSkip(tx, task.id, holderId, reason);
  await annotations.deleteDraft(tx, task.id, holderId);
  const data = byId === holderId ? { reason, note, stage: task.stage } : { reason, note, stage: task.stage, holder: holderId };
  await events.appendEvent(tx, { actorId: byId, actorKind: 'user', projectId: task.project_id, entity: 'task', entityId: task.id, action: 'skipped', data });
}

export async function getTask(deps: ServiceDeps, actor: Actor, taskId: string): Promise<TaskView> {
  const task = await tasks.findTask(deps.db, taskId);
  if (!task) throw notFound('task');
  const roles = await requireProjectRole(deps, actor, task.project_id, ['manager', 'reviewer', 'annotator', 'client'], 'task');
  // Annotators see their own tasks only; the rest of the project is not theirs to read.
  const theirs = task.assignee_id === actor.userId || task.annotator_id === actor.userId || task.reserved_for === actor.userId;
  if (!actor.isAdmin && !roles.some((r) => r === 'manager' || r === 'reviewer') && !theirs) {
    throw notFound('task');
  }
  return taskView(deps, task, actor.userId);
}

export async function reapExpiredLeases(deps: ServiceDeps): Promise<number> {
  return (await tasks.expireLeases(deps.db)).length;
}


export interface TaskPageQuery { status?: 'open' | 'leased' | 'done' | 'waiting' | undefined; after?: string | undefined; order?: 'oldest' | 'newest' | undefined; limit: number }

/** A page of a project's tasks for the people who run it; keyset paging stays fast on any page. */
export async function listTasks(deps: ServiceDeps, actor: Actor, projectId: string, q: TaskPageQuery) {
  await requireProjectRole(deps, actor, projectId, ['manager', 'reviewer']);
  const rows = await tasks.listTasks(deps.db, { projectId, status: q.status, after: q.after, limit: q.limit, newestFirst: q.order === 'newest' });
  return {
    tasks: rows.map((t) => ({
      id: t.id, itemId: t.item_id, stage: t.stage, status: t.status, priority: t.priority, attempts: t.attempts,
      assigneeId: t.assignee_id, leaseExpiresAt: t.lease_expires_at?.toISOString() ?? null,
    })),
    next: rows.length === q.limit ? rows[rows.length - 1]!.id : null,
  };
}
