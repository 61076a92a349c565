import { events, users } from '@cadre/db';
import { notFound, invalid } from '../errors.ts';
import { requireAdmin } from './access.ts';
import { checkPassword, createUser, endSessions, publicUser, type PublicUser } from './auth.service.ts';
import { hashPassword, verifyPassword } from './password.ts';
import type { Actor, ServiceDeps } from './context.ts';

export async function addUser(deps: ServiceDeps, actor: Actor, input: { email: string; name?: string; password: string; isAdmin?: boolean }): Promise<PublicUser> {
  requireAdmin(actor);
  const user = await createUser(deps, input);
  await events.appendEvent(deps.db, { actorId: actor.userId, actorKind: 'user', projectId: null, entity: 'user', entityId: user.id, action: 'created', data: { email: user.email, isAdmin: user.isAdmin } });
  return user;
}

/** Who a command-line session acts as: the user with this email, or the first administrator. */
export async function commandLineActor(deps: ServiceDeps, email?: string): Promise<Actor & { email: string }> {
  const user = email !== undefined ? await users.findUserByEmail(deps.db, email) : await users.firstAdmin(deps.db);
  if (!user) throw notFound(email !== undefined ? `user with email ${email}` : 'administrator (none exists yet)');
  return { userId: user.id, isAdmin: user.is_admin, email: user.email };
}

/** An administrator looks a user up by email. */
export async function findUserByEmail(deps: ServiceDeps, actor: Actor, email: string): Promise<PublicUser> {
  requireAdmin(actor);
  const user = await users.findUserByEmail(deps.db, email);
  if (!user) throw notFound(`user with email ${email}`);
  return publicUser(user);
}

export async function listUsers(deps: ServiceDeps, actor: Actor): Promise<PublicUser[]> {
  requireAdmin(actor);
  return (await users.listUsers(deps.db)).map(publicUser);
}

/**
 * A person changes their own password. The session making the change stays signed in; every other
 * session of theirs ends. API tokens are separate, named credentials for scripts and keep working
 * (each is revoked on its own, `DELETE /api/tokens/:id`).
 */
export async function changeOwnPassword(deps: ServiceDeps, actor: Actor, input: { currentPassword: string; newPassword: string }, sessionToken?: string): Promise<void> {
  const user = await users.findUser(deps.db, actor.userId);
  if (!user) throw notFound('user');
  checkPassword(input.newPassword, 'newPassword');
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) throw invalid('currentPassword: is not your current password');
  const hash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (tx) => {
    await users.setPassword(tx, user.id, hash);
    const ended = await endSessions(tx, user.id, sessionToken);
    await events.appendEvent(tx, { actorId: actor.userId, actorKind: 'user', projectId: null, entity: 'user', entityId: user.id, action: 'password_changed', data: { by: 'self', sessionsEnded: ended } });
  });
}

/**
 * An administrator sets a new password for someone who forgot theirs and tells them; every session
 * of that person ends, so whoever held one must sign in with the new password.
 */
export async function setPasswordFor(deps: ServiceDeps, actor: Actor, userId: string, password: string): Promise<void> {
  requireAdmin(actor);
  const user = await users.findUser(deps.db, userId);
  if (!user) throw notFound('user');
  checkPassword(password, 'password');
  const hash = await hashPassword(password);
  await deps.db.transaction().execute(async (tx) => {
    await users.setPassword(tx, user.id, hash);
    const ended = await endSessions(tx, user.id);
    await events.appendEvent(tx, { actorId: actor.userId, actorKind: 'user', projectId: null, entity: 'user', entityId: user.id, action: 'password_changed', data: { by: 'admin', sessionsEnded: ended } });
  });
}
