// `GET /metrics` in Prometheus' text format: request latency per route pattern, requests in flight,
// the queues (tasks per project, stage and status; live and expired leases), machine jobs, the
// database pool, and Node's own process figures (event-loop lag among them). Each app has its own
// registry, so two apps in one process (the tests) never share or double-register a metric.
// Prometheus scrapes without a session: the route is open to loopback callers and, with
// CADRE_METRICS_TOKEN set, to any caller that sends it as a bearer token.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { metrics as repo } from '@cadre/db';
import { forbidden } from '../errors.ts';
import type { ServiceDeps } from '../services/index.ts';

export interface MetricsOptions {
  /** Lets a caller that is not on this machine scrape with `Authorization: Bearer <token>` (CADRE_METRICS_TOKEN). */
  token?: string | null;
  /** How long the database figures of one scrape serve the next ones (default 5000 ms). */
  cacheMs?: number;
}

declare module 'fastify' {
  interface FastifyRequest { metricsInFlight?: boolean }
}

const DEFAULT_CACHE_MS = 5000;
const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/**
 * Adds the request hooks and `GET /metrics`: after the error handler is set (a route takes the
 * handler there is when it is built) and before the other routes (whose hooks are copied then).
 */
export function installMetrics(app: FastifyInstance, deps: ServiceDeps, options: MetricsOptions = {}): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  instrumentRequests(app, registry);
  // A scrape collects in this order: the pool is read before the queue queries take connections from it.
  poolMetrics(deps, registry);
  databaseMetrics(deps, registry, options.cacheMs ?? DEFAULT_CACHE_MS);

  const digest = (s: string) => createHash('sha256').update(s).digest();
  const token = options.token ? digest(options.token) : null;
  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    if (!fromLoopback(request)) {
      const sent = request.headers.authorization?.startsWith('Bearer ') ? request.headers.authorization.slice(7).trim() : null;
      if (!token) throw forbidden('the metrics are open to callers on this machine only; set CADRE_METRICS_TOKEN on the server and send it as "Authorization: Bearer <token>" to scrape from elsewhere');
      if (sent === null || !timingSafeEqual(digest(sent), token)) throw forbidden('send the metrics token (CADRE_METRICS_TOKEN) as "Authorization: Bearer <token>"');
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}

/**
 * A caller on this machine, not through a proxy: a reverse proxy on the same host connects from
 * loopback too, but says whom it forwards for, and such a request needs the token.
 */
function fromLoopback(request: FastifyRequest): boolean {
  const forwarded = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  return !forwarded && LOOPBACK.test(request.raw.socket?.remoteAddress ?? '');
}

function instrumentRequests(app: FastifyInstance, registry: Registry): void {
  const duration = new Histogram({
    name: 'cadre_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern (never the raw URL) and status class.',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const inFlight = new Gauge({ name: 'cadre_http_requests_in_flight', help: 'HTTP requests being answered now.', registers: [registry] });
  const leave = (request: FastifyRequest) => {
    if (!request.metricsInFlight) return;
    request.metricsInFlight = false;
    inFlight.dec();
  };
  app.addHook('onRequest', async (request) => {
    request.metricsInFlight = true;
    inFlight.inc();
  });
  // A client that hangs up before its answer may never see onResponse: it leaves the count here.
  app.addHook('onRequestAbort', async (request) => leave(request));
  app.addHook('onResponse', async (request, reply) => {
    leave(request);
    // An unmatched URL (404) has no pattern; its raw URL would make a series per typo.
    const route = request.routeOptions.url ?? '(unmatched)';
    duration.observe({ method: request.method, route, status_class: `${Math.floor(reply.statusCode / 100)}xx` }, reply.elapsedTime / 1000);
  });
}

/** The queues and machine jobs, read at scrape time and kept `cacheMs` so frequent scrapes cost one read. */
function databaseMetrics(deps: ServiceDeps, registry: Registry, cacheMs: number): void {
  const read = async () => {
    const [tasks, jobs] = await Promise.all([repo.taskCounts(deps.db), repo.jobCounts(deps.db)]);
    return { tasks, jobs };
  };
  // One read serves every gauge of a scrape, and the scrapes that come within `cacheMs` of its end.
  let last: { settledAt: number | null; value: Promise<Awaited<ReturnType<typeof read>> | null> } | null = null;
  const snapshot = () => {
    if (!last || (last.settledAt !== null && performance.now() - last.settledAt >= cacheMs)) {
      const entry: NonNullable<typeof last> = {
        settledAt: null,
        // A failed read (the database away) reports database_up 0 and leaves the gauges empty, not stale.
        value: read().catch(() => null).finally(() => { entry.settledAt = performance.now(); }),
      };
      last = entry;
    }
    return last.value;
  };

  new Gauge({
    name: 'cadre_database_up', help: '1 when the last scrape could read the queues from the database, else 0.', registers: [registry],
    async collect() { this.set((await snapshot()) ? 1 : 0); },
  });
  new Gauge({
    name: 'cadre_tasks', help: 'Tasks per live project, stage and status (open, leased, done, waiting): the queue depths.',
    labelNames: ['project_id', 'project', 'stage', 'status'] as const, registers: [registry],
    async collect() {
      this.reset();
      for (const c of (await snapshot())?.tasks ?? []) this.set({ project_id: c.projectId, project: c.projectName, stage: c.stage, status: c.status }, c.tasks);
    },
  });
  new Gauge({
    name: 'cadre_task_leases', help: 'Leased tasks per live project and stage: active, or expired and not yet freed by the reaper.',
    labelNames: ['project_id', 'project', 'stage', 'state'] as const, registers: [registry],
    async collect() {
      this.reset();
      for (const c of (await snapshot())?.tasks ?? []) {
        if (c.status !== 'leased') continue;
        const labels = { project_id: c.projectId, project: c.projectName, stage: c.stage };
        this.set({ ...labels, state: 'active' }, c.tasks - c.expiredLeases);
        this.set({ ...labels, state: 'expired' }, c.expiredLeases);
      }
    },
  });
  new Gauge({
    name: 'cadre_machine_jobs', help: 'Machine jobs per kind and state (queued, running, done, failed, cancelled), across every worker.',
    labelNames: ['kind', 'state'] as const, registers: [registry],
    async collect() {
      this.reset();
      for (const j of (await snapshot())?.jobs ?? []) this.set({ kind: j.kind, state: j.state }, j.jobs);
    },
  });
  new Gauge({
    name: 'cadre_machine_job_items', help: 'Items machine jobs have worked, per kind and outcome (done, failed); its rate is their throughput.',
    labelNames: ['kind', 'outcome'] as const, registers: [registry],
    async collect() {
      this.reset();
      const sums = new Map<string, { done: number; failed: number }>();
      for (const j of (await snapshot())?.jobs ?? []) {
        const s = sums.get(j.kind) ?? { done: 0, failed: 0 };
        s.done += j.itemsDone;
        s.failed += j.itemsFailed;
        sums.set(j.kind, s);
      }
      for (const [kind, s] of sums) {
        this.set({ kind, outcome: 'done' }, s.done);
        this.set({ kind, outcome: 'failed' }, s.failed);
      }
    },
  });
}

/** The pg pool of this process, read from the pool itself (no query). */
function poolMetrics(deps: ServiceDeps, registry: Registry): void {
  const pool = deps.pool;
  const gauge = (name: string, help: string, value: () => number) =>
    new Gauge({ name, help, registers: [registry], collect() { this.set(value()); } });
  gauge('cadre_db_pool_clients', 'Connections the database pool holds open (busy and idle).', () => pool.totalCount);
  gauge('cadre_db_pool_idle_clients', 'Open connections of the pool that no query is using.', () => pool.idleCount);
  gauge('cadre_db_pool_waiting', 'Queries waiting for a connection because the pool is at its size.', () => pool.waitingCount);
  gauge('cadre_db_pool_max_clients', 'The size of the pool (CADRE_DB_POOL).', () => pool.options.max ?? 10);
}
