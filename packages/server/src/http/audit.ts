// The audit log's one rule: which routes are privileged actions, and what each is called. A hook
// records every privileged request that succeeded (status below 400) before its answer leaves, so
// an acknowledged action has its entry: who (the signed-in user or token's owner), what, on which
// project, the route's parameters and the body's fields that say what changed (never a password
// or a token). `npm test` checks that every route of the contract is either here or in NOT_AUDITED.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { routes } from '@cadre/contract';
import { audit, type Db } from '@cadre/db';
import type { ServiceDeps } from '../services/index.ts';

type RouteKey = keyof typeof routes;

/** Privileged routes and the action each records. */
export const AUDITED: Partial<Record<RouteKey, string>> = {
  addUser: 'user.add', setPassword: 'user.set_password', createTeam: 'team.create', setTeamMember: 'team.set_member',
  createToken: 'token.create', revokeToken: 'token.revoke', logoutEverywhere: 'session.end_all', changePassword: 'user.change_password',
  createProject: 'project.create', updateProject: 'project.update', setMember: 'role.set', removeMember: 'role.remove',
  archiveProject: 'project.archive', restoreProject: 'project.restore', deleteProject: 'delete.project',
  removeItem: 'delete.item', removeTask: 'delete.task',
  bulkTasks: 'tasks.bulk',
  importFile: 'import.file', importFolder: 'import.folder',
  exportProject: 'export.labels', statementCsv: 'export.statement', invoiceCsv: 'export.invoice', auditCsv: 'export.audit',
  projectAlertsCsv: 'export.alerts',
  putRateCard: 'pay.rate_card', closePayPeriod: 'pay.close_period', correctLedger: 'pay.correction',
  makeGold: 'quality.make_gold', dawidSkene: 'quality.dawid_skene', closeBatch: 'quality.close_batch',
  registerModel: 'model.register', updateModel: 'model.update', attachModel: 'model.attach', detachModel: 'model.detach',
  startJob: 'model.start_job', startLearning: 'model.start_learning', cancelJob: 'model.cancel_job',
};

/** Routes deliberately not audited: reading, and the people's own labelling work (the work log keeps that). */
export const NOT_AUDITED_WRITES: ReadonlySet<RouteKey> = new Set<RouteKey>([
  'login', 'logout', 'claimTask', 'openTask', 'heartbeat', 'saveDraft', 'submitTask', 'skipTask', 'reviewTask', 'upload', 'autoLabelItem',
]);

/** Body fields never copied into the log. */
const SECRET = /password|token|secret|key|authorization/i;

function detailOf(request: FastifyRequest): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const params = request.params as Record<string, unknown> | undefined;
  if (params && Object.keys(params).length > 0) out.params = params;
  const query = request.query as Record<string, unknown> | undefined;
  if (query && Object.keys(query).length > 0) out.query = Object.fromEntries(Object.entries(query).filter(([k]) => !SECRET.test(k)));
  const body = request.body;
  // JSON bodies only: an upload's body is a stream or bytes, whose name and size the query carries.
  const plain = body !== null && typeof body === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(body));
  if (plain) {
    const kept = Object.fromEntries(Object.entries(body as Record<string, unknown>).filter(([k]) => !SECRET.test(k)));
    let text: string;
    try { text = JSON.stringify(kept); } catch { text = '{"unserializable":true}'.padEnd(4001); }
    if (text.length <= 4000) out.body = kept;
    else out.body = { fields: Object.keys(kept), truncated: true };
  }
  return out;
}

declare module 'fastify' {
  interface FastifyRequest { auditProjectId?: string | null }
}

/** The project a route acts on: named in its path, or the project of the item, task, job or batch it names (looked up before the action, which may delete it). */
async function projectOf(db: Db, request: FastifyRequest): Promise<string | null> {
  const p = (request.params ?? {}) as Record<string, unknown>;
  if (typeof p.projectId === 'string') return p.projectId;
  const url = request.routeOptions.url ?? '';
  const lookups: Array<[unknown, 'items' | 'tasks' | 'machine_jobs' | 'qa_batches']> = [
    [p.itemId ?? (url.startsWith('/api/items/') ? p.id : undefined), 'items'],
    [p.taskId ?? (url.startsWith('/api/tasks/') ? p.id : undefined), 'tasks'],
    [p.jobId, 'machine_jobs'], [p.batchId, 'qa_batches'],
  ];
  for (const [id, table] of lookups) {
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) continue;
    return audit.projectOfRow(db, table, id);
  }
  return null;
}

export function installAudit(app: FastifyInstance, deps: ServiceDeps): void {
  const byRoute = new Map<string, string>();
  for (const [key, action] of Object.entries(AUDITED)) {
    const r = routes[key as RouteKey] as { method: string; url: string };
    byRoute.set(`${r.method} ${r.url}`, action);
  }
  app.addHook('preHandler', async (request) => {
    if (byRoute.has(`${request.method} ${request.routeOptions.url}`)) request.auditProjectId = await projectOf(deps.db, request);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const action = byRoute.get(`${request.method} ${request.routeOptions.url}`);
    if (!action || reply.statusCode >= 400) return payload;
    await audit.record(deps.db, {
      actorId: request.actor?.userId ?? null, actorEmail: null, action,
      projectId: request.auditProjectId ?? null,
      method: request.method, path: request.url.split('?')[0]!, status: reply.statusCode, detail: detailOf(request), requestId: String(request.id),
    });
    return payload;
  });
}
