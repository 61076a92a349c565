import { events, users } from '@cadre/db';
import { requireAdmin } from './access.ts';
import { createUser, publicUser, type PublicUser } from './auth.service.ts';
import type { Actor, ServiceDeps } from './context.ts';

export async function addUser(deps: ServiceDeps, actor: Actor, input: { email: string; name?: string; password: string; isAdmin?: boolean }): Promise<PublicUser> {
  requireAdmin(actor);
  const user = await createUser(deps, input);
  await events.appendEvent(deps.db, { actorId: actor.userId, actorKind: 'user', projectId: null, entity: 'user', entityId: user.id, action: 'created', data: { email: user.email, isAdmin: user.isAdmin } });
  return user;
}

export async function listUsers(deps: ServiceDeps, actor: Actor): Promise<PublicUser[]> {
  requireAdmin(actor);
  return (await users.listUsers(deps.db)).map(publicUser);
}
