import { annotations, events, tasks, type TaskRow } from '@cadre/db';
import { cachedProject } from './project-cache.ts';
import { AppError, notFound } from '../errors.ts';
import { requireProjectRole } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { settingsOf } from './settings.ts';
import { taskView, type TaskView } from './task-view.ts';

/** Who may take tasks of the labeling stage. */
export const WORKER_ROLES = ['annotator', 'manager'] as const;

async function projectSettings(deps: ServiceDeps, projectId: string) {
  const project = await cachedProject(deps.db, projectId);
  if (!project) throw notFound('project');
  return settingsOf(project.settings);
}

/**
 * Leases the best open task to the actor. Returns null when the queue is empty. A person may hold
 * `maxHeldTasks` (default 2) at once, so the client can prefetch the next task while one is open.
 */
export async function claimNext(deps: ServiceDeps, actor: Actor, projectId: string): Promise<TaskRow | null> {
  const settings = await projectSettings(deps, projectId);
  const input = {
    userId: actor.userId, projectId, stage: settings.stage, leaseSeconds: settings.leaseSeconds,
    maxHeld: settings.maxHeldTasks, roles: WORKER_ROLES, bypassRoles: actor.isAdmin,
  };
  let task = await tasks.claimNext(deps.pool, input);
  if (task) return task;
  // Nothing claimed: say why (no access, at the hold limit) or free expired leases and look again.
  await requireProjectRole(deps, actor, projectId, WORKER_ROLES);
  const held = await tasks.heldLeases(deps.db, actor.userId, projectId);
  if (held.length >= settings.maxHeldTasks) {
    throw new AppError('lease_limit', `you already hold ${held.length} tasks in this project (limit ${settings.maxHeldTasks}); submit or skip one first`, { held: held.map((t) => t.id) });
  }
  if ((await tasks.expireLeases(deps.db)).length > 0) task = await tasks.claimNext(deps.pool, input);
  return task ?? null;
}

export async function claimNextView(deps: ServiceDeps, actor: Actor, projectId: string): Promise<TaskView | null> {
  const task = await claimNext(deps, actor, projectId);
  return task ? taskView(deps, task, actor.userId) : null;
}

export async function heldTasks(deps: ServiceDeps, actor: Actor, projectId: string): Promise<TaskView[]> {
  await requireProjectRole(deps, actor, projectId, WORKER_ROLES);
  const held = await tasks.heldLeases(deps.db, actor.userId, projectId);
  return Promise.all(held.map((t) => taskView(deps, t, actor.userId)));
}

async function ownLease(deps: ServiceDeps, actor: Actor, task: TaskRow | undefined): Promise<TaskRow> {
  if (!task) throw notFound('task');
  if (task.status !== 'leased' || task.assignee_id !== actor.userId) {
    await requireProjectRole(deps, actor, task.project_id, WORKER_ROLES);
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

export async function skip(deps: ServiceDeps, actor: Actor, taskId: string, reason: string | null): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const task = await ownLease({ ...deps, db: tx }, actor, await tasks.lockTask(tx, taskId));
    await tasks.releaseTask(tx, task.id);
    await tasks.recordSkip(tx, task.id, actor.userId, reason);
    await annotations.deleteDraft(tx, task.id, actor.userId);
    await events.appendEvent(tx, { actorId: actor.userId, actorKind: 'user', projectId: task.project_id, entity: 'task', entityId: task.id, action: 'skipped', data: { reason } });
  });
}

export async function getTask(deps: ServiceDeps, actor: Actor, taskId: string): Promise<TaskView> {
  const task = await tasks.findTask(deps.db, taskId);
  if (!task) throw notFound('task');
  const roles = await requireProjectRole(deps, actor, task.project_id, ['manager', 'reviewer', 'annotator', 'client']);
  // Annotators see their own tasks only; the rest of the project is not theirs to read.
  if (!actor.isAdmin && !roles.some((r) => r === 'manager' || r === 'reviewer') && task.assignee_id !== actor.userId) {
    throw notFound('task');
  }
  return taskView(deps, task, actor.userId);
}

export async function reapExpiredLeases(deps: ServiceDeps): Promise<number> {
  return (await tasks.expireLeases(deps.db)).length;
}


export interface TaskPageQuery { status?: 'open' | 'leased' | 'done' | undefined; after?: string | undefined; order?: 'oldest' | 'newest' | undefined; limit: number }

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
