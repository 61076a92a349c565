// Dashboards: one per role, each a snapshot built from the database, so every Cadre process
// serves the same figures. Access is checked here, not in the routes or the web app.
import { gated, type Role } from '@cadre/db';
import type pg from 'pg';
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

/**
 * How often, at most, an open stream of each view is rebuilt while work goes on: a person's own
 * counts follow their submits closely; the project views are read by watching, not by clicking, and
 * each build reads the whole project (backlog, throughput, quality, everyone's day): under a
 * thousand people's work, rebuilding them every 5 s took more of the database than the claims did.
 */
export const STREAM_GAP_MS: Record<DashboardView, number> = { me: 2000, admin: 15_000, client: 15_000 };

/**
 * The admin and client views are the same for everyone allowed to open them, so the streams of one
 * process share one build (the one in flight or one at most this old): ten managers watching
 * cost what one does. Access is still checked for each caller.
 */
const SHARED_MS = 2000;

/**
 * The project views are built one statement at a time in each process (their statements queue for
 * one connection): a build takes a little longer, and the claims and submits that arrive meanwhile
 * find the database's other cores free.
 */
const narrow = new WeakMap<pg.Pool, ServiceDeps>();
function viewDeps(deps: ServiceDeps): ServiceDeps {
  let d = narrow.get(deps.pool);
  if (!d) narrow.set(deps.pool, (d = gated(deps.pool, 1)));
  return d;
}
type Shared = ReturnType<typeof adminDashboard> | ReturnType<typeof clientDashboard>;
const shared = new Map<string, { at: number; project: object; snapshot: Shared }>();

/**
 * One view, built now; `shared` (the rebuilds of an open stream) may take the process's build of the
 * admin or client view that is at most 2 s old. A page load or a plain GET always builds afresh (a
 * rate card just set shows at once), and that build serves the streams too.
 */
export async function dashboard(deps: ServiceDeps, actor: Actor, projectId: string, view: DashboardView, o: { shared?: boolean } = {}) {
  await requireProjectRole(deps, actor, projectId, VIEW_ROLES[view]);
  const project = await cachedProject(deps.db, projectId);
  if (!project) throw notFound('project');
  const { settings } = project;
  if (view === 'me') return annotatorDashboard(deps, projectId, actor.userId, settings);
  const key = `${view}:${projectId}`;
  const now = Date.now();
  const recent = shared.get(key);
  if (o.shared && recent && now - recent.at < SHARED_MS && recent.project === project) return recent.snapshot; // new settings: a new build
  for (const [k, v] of shared) if (now - v.at >= SHARED_MS) shared.delete(k);
  const d = viewDeps(deps);
  const snapshot: Shared = view === 'admin' ? adminDashboard(d, actor, projectId, settings) : clientDashboard(d, actor, projectId, settings);
  shared.set(key, { at: now, project, snapshot });
  (snapshot as Promise<unknown>).catch(() => { if (shared.get(key)?.snapshot === snapshot) shared.delete(key); });
  return snapshot;
}

export { openStream, type StreamOptions } from './stream.ts';
