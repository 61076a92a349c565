// Dashboards: one per role, each a snapshot built from the database, so every Cadre process
// serves the same figures. Access is checked here, not in the routes or the web app.
import type { Role } from '@cadre/db';
import { notFound } from '../../errors.ts';
import { requireProjectRole } from '../access.ts';
import type { Actor, ServiceDeps } from '../context.ts';
import { cachedProject } from '../project-cache.ts';
import { adminDashboard } from './admin.ts';
import { annotatorDashboard } from './annotator.ts';
import { clientDashboard } from './client.ts';

export type DashboardView = 'me' | 'admin' | 'client';
export const VIEWS: readonly DashboardView[] = ['me', 'admin', 'client'];

/** Who may open which view: a client sees the client's view only; a manager may preview it. */
export const VIEW_ROLES: Record<DashboardView, readonly Role[]> = {
  me: ['annotator', 'reviewer', 'manager'],
  admin: ['manager'],
  client: ['client', 'manager'],
};

/** The views this person may open in the project, best first for them. */
export async function dashboardViews(deps: ServiceDeps, actor: Actor, projectId: string): Promise<{ views: DashboardView[] }> {
  const roles = await requireProjectRole(deps, actor, projectId, ['manager', 'reviewer', 'annotator', 'client']);
  const order: DashboardView[] = roles.includes('manager') ? ['admin', 'me', 'client'] : roles.includes('client') && roles.length === 1 ? ['client'] : ['me', 'client', 'admin'];
  return { views: order.filter((v) => VIEW_ROLES[v].some((r) => roles.includes(r))) };
}

export async function dashboard(deps: ServiceDeps, actor: Actor, projectId: string, view: DashboardView) {
  await requireProjectRole(deps, actor, projectId, VIEW_ROLES[view]);
  const project = await cachedProject(deps.db, projectId);
  if (!project) throw notFound('project');
  const { settings } = project;
  if (view === 'me') return annotatorDashboard(deps, projectId, actor.userId, settings);
  if (view === 'admin') return adminDashboard(deps, actor, projectId, settings);
  return clientDashboard(deps, actor, projectId, settings);
}

export { openStream, type StreamOptions } from './stream.ts';
