import { isUuid, parseOntology, uuidv7, type Ontology } from '@cadre/core';
import { events, items, projects, tasks, users, type ProjectRow, type Role } from '@cadre/db';
import { AppError, invalid, notFound } from '../errors.ts';
import { ALL_ROLES, requireProjectRole } from './access.ts';
import { mayCreateProjects } from './capabilities.ts';
import { forget } from './changes.ts';
import { announceProjectChange } from './project-cache.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { parseSettings, patchSettings, settingsOf, type ProjectSettings } from '@cadre/core';
import { ensureCopies } from './workflow/consensus.ts';

export interface ProjectView {
  id: string; name: string; description: string; ontology: Ontology; settings: ProjectSettings; createdAt: string;
  /** Set while the project is archived (removal.service.ts). */
  archivedAt: string | null;
}

export const projectView = (p: ProjectRow): ProjectView => ({
  id: p.id, name: p.name, description: p.description, ontology: p.ontology as Ontology,
  settings: settingsOf(p.settings), createdAt: p.created_at.toISOString(), archivedAt: p.archived_at?.toISOString() ?? null,
});

export interface ProjectInput { name: string; description?: string; ontology: unknown; settings?: unknown }

function checkedOntology(input: unknown): Ontology {
  const parsed = parseOntology(input);
  if (!parsed.ok) throw invalid('the ontology has problems', parsed.error.map((i) => ({ path: `ontology.${i.path}`.replace(/\.$/, ''), message: i.message })));
  return parsed.value;
}

export async function createProject(deps: ServiceDeps, actor: Actor, input: ProjectInput): Promise<ProjectView> {
  if (!(await mayCreateProjects(deps, actor))) {
    throw new AppError('forbidden', 'creating a project needs an administrator or a project manager');
  }
  const name = input.name?.trim();
  if (!name) throw invalid('name: must not be empty');
  const ontology = checkedOntology(input.ontology);
  const { settings, issues } = parseSettings(input.settings);
  if (issues.length > 0) throw invalid('the settings have problems', issues);
  const row = await deps.db.transaction().execute(async (tx) => {
    const p = await projects.insertProject(tx, { id: uuidv7(), name, description: input.description ?? '', ontology, settings: { ...settings }, createdBy: actor.userId });
    await projects.upsertMember(tx, p.id, actor.userId, 'manager');
    await events.appendEvent(tx, { actorId: actor.userId, actorKind: 'user', projectId: p.id, entity: 'project', entityId: p.id, action: 'created', data: { name } });
    return p;
  });
  return projectView(row);
}

export async function getProject(deps: ServiceDeps, actor: Actor, projectId: string): Promise<ProjectView> {
  await requireProjectRole(deps, actor, projectId, ALL_ROLES);
  const p = await projects.findProject(deps.db, projectId);
  if (!p) throw notFound('project');
  return projectView(p);
}

/** A project named by its id or its name, as people type it on the command line. */
export async function findProject(deps: ServiceDeps, actor: Actor, ref: string): Promise<ProjectView> {
  const p = isUuid(ref) ? await projects.findProject(deps.db, ref) : await projects.findProjectByName(deps.db, ref);
  if (!p) throw notFound(`project ${ref}`);
  await requireProjectRole(deps, actor, p.id, ALL_ROLES);
  return projectView(p);
}

export async function listProjects(deps: ServiceDeps, actor: Actor) {
  const rows = await projects.listProjects(deps.db, actor.userId, actor.isAdmin);
  const ids = rows.map((p) => p.id);
  const [counts, itemCounts] = await Promise.all([tasks.countTasksByStatus(deps.db, ids), items.countItems(deps.db, ids)]);
  return rows.map((p) => ({ ...projectView(p), counts: counts.get(p.id) ?? {}, items: itemCounts.get(p.id) ?? 0 }));
}

export async function updateProject(deps: ServiceDeps, actor: Actor, projectId: string, patch: Partial<ProjectInput>): Promise<ProjectView> {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  const current = await projects.findProject(deps.db, projectId);
  if (!current) throw notFound('project');
  const ontology = patch.ontology === undefined ? undefined : checkedOntology(patch.ontology);
  const { settings, issues } = patchSettings(settingsOf(current.settings), patch.settings);
  if (issues.length > 0) throw invalid('the settings have problems', issues);
  if (patch.name !== undefined && !patch.name.trim()) throw invalid('name: must not be empty');
  const row = await deps.db.transaction().execute(async (tx) => {
    const p = await projects.updateProject(tx, projectId, { name: patch.name?.trim(), description: patch.description, ontology, settings: { ...settings } });
    await events.appendEvent(tx, { actorId: actor.userId, actorKind: 'user', projectId, entity: 'project', entityId: projectId, action: 'updated', data: { fields: Object.keys(patch) } });
    if (settings.overlap > 1) await ensureCopies(tx, projectId, settings.overlap);
    await announceProjectChange(tx, projectId);
    return p!;
  });
  forget(`project:${projectId}`); // also drop what a concurrent read cached before the commit
  return projectView(row);
}

export async function setMember(deps: ServiceDeps, actor: Actor, projectId: string, input: { userId?: string; email?: string; role: Role }): Promise<void> {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  if (!ALL_ROLES.includes(input.role)) throw invalid(`role: must be one of ${ALL_ROLES.join(', ')}`);
  const user = input.userId ? await users.findUser(deps.db, input.userId) : input.email ? await users.findUserByEmail(deps.db, input.email) : undefined;
  if (!user) throw notFound('user');
  await deps.db.transaction().execute(async (tx) => {
    await projects.upsertMember(tx, projectId, user.id, input.role);
    await events.appendEvent(tx, { actorId: actor.userId, actorKind: 'user', projectId, entity: 'project', entityId: projectId, action: 'member_set', data: { userId: user.id, role: input.role } });
  });
}

export async function removeMember(deps: ServiceDeps, actor: Actor, projectId: string, userId: string): Promise<void> {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  await deps.db.transaction().execute(async (tx) => {
    if (!(await projects.removeMember(tx, projectId, userId))) throw notFound('member');
    await events.appendEvent(tx, { actorId: actor.userId, actorKind: 'user', projectId, entity: 'project', entityId: projectId, action: 'member_removed', data: { userId } });
  });
}

export async function setTeamRole(deps: ServiceDeps, actor: Actor, projectId: string, teamId: string, role: Role): Promise<void> {
  await requireProjectRole(deps, actor, projectId, ['manager']);
  await deps.db.transaction().execute(async (tx) => {
    await projects.upsertTeamRole(tx, projectId, teamId, role);
    await events.appendEvent(tx, { actorId: actor.userId, actorKind: 'user', projectId, entity: 'project', entityId: projectId, action: 'team_set', data: { teamId, role } });
  });
}

export async function listMembers(deps: ServiceDeps, actor: Actor, projectId: string) {
  await requireProjectRole(deps, actor, projectId, ['manager', 'reviewer']);
  return { users: await projects.listMembers(deps.db, projectId), teams: await projects.listProjectTeams(deps.db, projectId) };
}
