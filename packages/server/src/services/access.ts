import { projects, type Role } from '@cadre/db';
import { AppError, forbidden } from '../errors.ts';
import type { Actor, ServiceDeps } from './context.ts';

export const ALL_ROLES: readonly Role[] = ['manager', 'reviewer', 'annotator', 'client'];

/**
 * The one gate for project access. A person outside the project is told it does not exist
 * (no probing of other customers' projects); a member without a needed role is refused.
 * Admins pass every gate. `hiddenAs`: what the caller named, when it was a row of the project
 * (a task, an item): an outsider hears that it was not found, exactly as for an id that does not
 * exist, so the answer does not tell whether the id is some other project's.
 */
export async function requireProjectRole(deps: ServiceDeps, actor: Actor, projectId: string, allowed: readonly Role[], hiddenAs = 'project'): Promise<Role[]> {
  if (actor.isAdmin) return ['manager'];
  const roles = await projects.rolesOf(deps.db, actor.userId, projectId);
  if (roles.length === 0) throw new AppError('not_found', `${hiddenAs} not found`);
  if (!roles.some((r) => allowed.includes(r))) throw forbidden(`this needs one of the roles ${allowed.join(', ')} in the project; you have ${roles.join(', ')}`);
  return roles;
}

export function requireAdmin(actor: Actor): void {
  if (!actor.isAdmin) throw forbidden('this needs an administrator');
}
