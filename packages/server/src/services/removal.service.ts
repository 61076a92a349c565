// Archiving and deleting projects, removing items and tasks. Nothing is destroyed: a deleted project
// stays as a row marked deleted, a removed item or task is copied into `removals` as it leaves the
// live tables (migration 0007). The ledger is append-only and is never touched here: settled pay for
// a removed item stays in it, and the pay and billing figures read from it do not change. The
// confirmation (removalPreview) says so before anything is removed.
import { uuidv7 } from '@cadre/core';
import { events, projects, removal } from '@cadre/db';
import { AppError, invalid, notFound } from '../errors.ts';
import { ALL_ROLES, requireProjectRole } from './access.ts';
import { forget } from './changes.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { formatMinor } from './pay/money.ts';
import { announceProjectChange, cachedProject } from './project-cache.ts';
import { projectView, type ProjectView } from './project.service.ts';

const MANAGERS = ['manager'] as const;
type RemovalFacts = removal.RemovalFacts;

/** No new leases in an archived project; its members are told why, anyone else that it does not exist. */
export async function refuseIfArchived(deps: ServiceDeps, actor: Actor, projectId: string): Promise<void> {
  const project = await cachedProject(deps.db, projectId);
  if (!project?.archived_at) return;
  await requireProjectRole(deps, actor, projectId, ALL_ROLES);
  throw new AppError('conflict', 'this project is archived: no new tasks are handed out until a manager restores it');
}

export async function setArchived(deps: ServiceDeps, actor: Actor, projectId: string, archived: boolean): Promise<ProjectView> {
  await requireProjectRole(deps, actor, projectId, MANAGERS);
  const row = await deps.db.transaction().execute(async (tx) => {
    if (!(await removal.setArchived(tx, projectId, archived))) throw notFound('project');
    await events.appendEvent(tx, { actorId: actor.userId, actorKind: 'user', projectId, entity: 'project', entityId: projectId, action: archived ? 'archived' : 'restored' });
    await announceProjectChange(tx, projectId);
    return projects.findProject(tx, projectId);
  });
  forget(`project:${projectId}`);
  return projectView(row!);
}

/** Deletes a project for good once its name is typed back (`confirmName`); its rows and books stay, out of reach. */
export async function deleteProject(deps: ServiceDeps, actor: Actor, projectId: string, confirmName: string): Promise<void> {
  await requireProjectRole(deps, actor, projectId, MANAGERS);
  const project = await projects.findProject(deps.db, projectId);
  if (!project) throw notFound('project');
  if (confirmName !== project.name) {
    throw invalid(`name: type the project's name, ${JSON.stringify(project.name)}, to delete it`, [{ path: 'name', message: 'does not match the project name' }]);
  }
  await deps.db.transaction().execute(async (tx) => {
    if (!(await removal.markDeleted(tx, projectId, actor.userId))) throw notFound('project');
    await events.appendEvent(tx, { actorId: actor.userId, actorKind: 'user', projectId, entity: 'project', entityId: projectId, action: 'deleted', data: { name: project.name } });
    await announceProjectChange(tx, projectId);
  });
  forget(`project:${projectId}`);
}

export interface RemovalPreview extends Omit<RemovalFacts, 'projectId'> {
  entity: 'item' | 'task';
  id: string;
  /** What removing it does, in words, for the confirmation. */
  message: string;
}

async function facts(deps: ServiceDeps, actor: Actor, entity: 'item' | 'task', id: string): Promise<RemovalFacts> {
  const f = await removal.removalFacts(deps.db, entity, id);
  if (!f) throw notFound(entity);
  await requireProjectRole(deps, actor, f.projectId, MANAGERS, entity);
  return f;
}

function describe(entity: 'item' | 'task', f: RemovalFacts): string {
  const what = entity === 'item' ? 'this item with its tasks, annotations and predictions' : 'this task (its item and annotations stay)';
  const parts = [`Removes ${what} from the project; a copy is kept and the removal is logged.`];
  if (f.held > 0) parts.push(`${f.held === 1 ? 'Someone is' : `${f.held} people are`} working on it now and will lose the lease.`);
  if (f.accepted > 0) parts.push(`It has ${f.accepted} accepted annotation${f.accepted === 1 ? '' : 's'}.`);
  if (f.ledgerEntries > 0) {
    const money = f.labour.map((l) => `${formatMinor(l.amountMinor, l.currency)} ${l.currency}`).join(', ');
    parts.push(`${f.ledgerEntries} ledger entr${f.ledgerEntries === 1 ? 'y names' : 'ies name'} it${money ? ` (labour ${money})` : ''}: they stay in the ledger, and pay and billing figures do not change.`);
  }
  return parts.join(' ');
}

/** Removes one item or task in the caller's transaction (a copy kept, the removal logged); false when it is gone already. */
export async function removeWithin(tx: ServiceDeps['db'], actor: Actor, entity: 'item' | 'task', id: string, f?: RemovalFacts): Promise<boolean> {
  const known = f ?? await removal.removalFacts(tx, entity, id);
  if (!known) return false;
  const r = { id: uuidv7(), projectId: known.projectId, removedBy: actor.userId };
  const removed = entity === 'item' ? await removal.removeItem(tx, { ...r, itemId: id }) : await removal.removeTask(tx, { ...r, taskId: id });
  if (!removed) return false;
  await events.appendEvent(tx, {
    actorId: actor.userId, actorKind: 'user', projectId: known.projectId, entity, entityId: id, action: 'removed',
    data: { removalId: r.id, accepted: known.accepted, held: known.held, ledgerEntries: known.ledgerEntries, labour: known.labour },
  });
  return true;
}

export async function removalPreview(deps: ServiceDeps, actor: Actor, entity: 'item' | 'task', id: string): Promise<RemovalPreview> {
  const { projectId: _p, ...f } = await facts(deps, actor, entity, id);
  return { entity, id, ...f, message: describe(entity, { projectId: _p, ...f }) };
}

export async function remove(deps: ServiceDeps, actor: Actor, entity: 'item' | 'task', id: string): Promise<RemovalPreview> {
  const f = await facts(deps, actor, entity, id);
  await deps.db.transaction().execute(async (tx) => {
    if (!(await removeWithin(tx, actor, entity, id, f))) throw notFound(entity);
  });
  const { projectId, ...rest } = f;
  return { entity, id, ...rest, message: describe(entity, f) };
}
