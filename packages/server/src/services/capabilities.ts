// What a person may do, so the web app shows each person only that. The role lists are the ones
// the services' gates use (STAGE_ROLES, VIEW_ROLES, requireProjectRole's lists); a test opens each
// route with each role and holds the two together.
import { projects, type Role } from '@cadre/db';
import { ALL_ROLES, requireProjectRole } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { STAGE_ROLES } from './workflow/stages.ts';

export const CAPABILITY_ROLES = {
  /** Lease annotation tasks ("Label"). */
  annotate: STAGE_ROLES.annotate,
  /** Lease review tasks. */
  review: STAGE_ROLES.review,
  /** Lease QA samples. */
  qa: STAGE_ROLES.qa,
  /** Work sent back to oneself. */
  returned: ['annotator', 'manager'],
  /** Change the project: label classes, settings, rate card, imports, uploads, members, closing batches, pay. */
  manage: ['manager'],
  /** Download the project's labels (the export panel). */
  export: ['manager', 'client'],
  viewMembers: ['manager', 'reviewer'],
  viewTasks: ['manager', 'reviewer'],
  viewBacklog: ['manager', 'reviewer', 'client'],
  viewBatches: ['manager', 'reviewer'],
  viewQuality: ['manager', 'reviewer'],
  viewDashboard: ALL_ROLES,
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITY_ROLES;

export async function projectCapabilities(deps: ServiceDeps, actor: Actor, projectId: string): Promise<{ roles: Role[]; can: Record<Capability, boolean> }> {
  const roles = await requireProjectRole(deps, actor, projectId, ALL_ROLES);
  const can = Object.fromEntries(Object.entries(CAPABILITY_ROLES).map(([c, allowed]) => [c, roles.some((r) => (allowed as readonly Role[]).includes(r))]));
  return { roles, can: can as Record<Capability, boolean> };
}

/** Admins and managers of any project may start new ones; annotators may not. */
export async function mayCreateProjects(deps: ServiceDeps, actor: Actor): Promise<boolean> {
  return actor.isAdmin || projects.holdsRoleAnywhere(deps.db, actor.userId, 'manager');
}

export async function myCapabilities(deps: ServiceDeps, actor: Actor): Promise<{ admin: boolean; createProjects: boolean }> {
  return { admin: actor.isAdmin, createProjects: await mayCreateProjects(deps, actor) };
}
