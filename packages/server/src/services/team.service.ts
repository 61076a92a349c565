import { uuidv7 } from '@cadre/core';
import { events, teams, users } from '@cadre/db';
import { AppError, invalid, notFound } from '../errors.ts';
import { requireAdmin } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';

export async function createTeam(deps: ServiceDeps, actor: Actor, name: string) {
  requireAdmin(actor);
  if (!name.trim()) throw invalid('name: must not be empty');
  const existing = (await teams.listTeams(deps.db)).find((t) => t.name === name.trim());
  if (existing) throw new AppError('conflict', `a team named ${name.trim()} already exists`);
  const team = await teams.insertTeam(deps.db, uuidv7(), name.trim());
  await events.appendEvent(deps.db, { actorId: actor.userId, actorKind: 'user', projectId: null, entity: 'team', entityId: team.id, action: 'created', data: { name: team.name } });
  return { id: team.id, name: team.name };
}

export async function listTeams(deps: ServiceDeps, actor: Actor) {
  requireAdmin(actor);
  return (await teams.listTeams(deps.db)).map((t) => ({ id: t.id, name: t.name }));
}

export async function addTeamMember(deps: ServiceDeps, actor: Actor, teamId: string, input: { userId?: string; email?: string; role?: 'lead' | 'member' }) {
  requireAdmin(actor);
  if (!(await teams.findTeam(deps.db, teamId))) throw notFound('team');
  const user = input.userId ? await users.findUser(deps.db, input.userId) : input.email ? await users.findUserByEmail(deps.db, input.email) : undefined;
  if (!user) throw notFound('user');
  await teams.addTeamMember(deps.db, teamId, user.id, input.role ?? 'member');
  await events.appendEvent(deps.db, { actorId: actor.userId, actorKind: 'user', projectId: null, entity: 'team', entityId: teamId, action: 'member_added', data: { userId: user.id } });
}

export async function teamMembers(deps: ServiceDeps, actor: Actor, teamId: string) {
  requireAdmin(actor);
  if (!(await teams.findTeam(deps.db, teamId))) throw notFound('team');
  return teams.listTeamMembers(deps.db, teamId);
}
