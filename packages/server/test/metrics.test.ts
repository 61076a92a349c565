// `GET /metrics`: what Prometheus reads after people work over HTTP (latency per route pattern, the
// queues as the database has them, machine jobs, the pool), who may read it, and the request id
// a log line shares with its response.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { connect, freePort } from '@cadre/db';
import { buildApp, loadConfig } from '../src/index.ts';
import { serveCadre, stopCadre } from './cadre-process.ts';
import { harness, signIn, box, payload, type Harness } from './harness.ts';

let h: Harness;
let app: FastifyInstance;
before(async () => {
  h = await harness();
  app = await buildApp(h.deps, { machineWorker: false, metrics: { cacheMs: 0 } });
});
after(async () => { await app.close(); await h.close(); });

const CLAIM = '/api/projects/:projectId/tasks/next';
const SUBMIT = '/api/tasks/:taskId/submit';

/** The value of the sample `name{labels…}` whose labels include `labels`; undefined when there is none. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

const scrape = async (target = app, o: { remoteAddress?: string; headers?: Record<string, string> } = {}) => {
  const res = await target.inject({ method: 'GET', url: '/metrics', ...o });
  assert.equal(res.statusCode, 200, res.body);
  assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
  return res.body;
};

test('after claims and submits over HTTP, /metrics shows the claim route\'s latency and the queues as the database has them', async () => {
  const projectId = await h.project('Metered');
  await h.importText(projectId, h.imageRows(6));
  const cookies: string[] = [];
  for (const name of ['ann', 'bob']) {
    await h.member(projectId, await h.user(`${name}@test.local`), 'annotator');
    cookies.push(await signIn(app, `${name}@test.local`, 'user-password'));
  }
  const claims = { method: 'POST', route: CLAIM, status_class: '2xx' };
  const before = sample(await scrape(), 'cadre_http_request_duration_seconds_count', claims) ?? 0;

  const claim = async (cookie: string) => {
    const res = await app.inject({ method: 'POST', url: `/api/projects/${projectId}/tasks/next`, headers: { cookie } });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().task.task.id as string;
  };
  const first = await claim(cookies[0]!);
  const submitted = await app.inject({ method: 'POST', url: `/api/tasks/${first}/submit`, headers: { cookie: cookies[0]! }, payload: { submissionId: randomUUID(), annotation: payload(box('a')) } });
  assert.equal(submitted.statusCode, 200, submitted.body);
  await claim(cookies[0]!);
  const walkedAway = await claim(cookies[1]!);
  // Bob's lease runs out; the reaper has not come by yet.
  await h.deps.pool.query(`UPDATE tasks SET lease_expires_at = now() - interval '1 second' WHERE id = $1`, [walkedAway]);
  // Two machine jobs, as a worker would have left them.
  await h.deps.pool.query(`INSERT INTO machine_jobs (id, project_id, kind, state, done, failed) VALUES ($1, $3, 'prelabel', 'done', 7, 1), ($2, $3, 'prelabel', 'failed', 2, 3)`, [randomUUID(), randomUUID(), projectId]);

  const text = await scrape();
  assert.equal(sample(text, 'cadre_http_request_duration_seconds_count', claims), before + 3, 'three claims timed under the route pattern');
  assert.equal(sample(text, 'cadre_http_request_duration_seconds_count', { method: 'POST', route: SUBMIT, status_class: '2xx' }), 1);
  assert.ok(!text.includes(projectId + '/tasks') && !text.includes(first), 'no raw URL with ids is a label');
  assert.equal(sample(text, 'cadre_http_requests_in_flight'), 1, 'the scrape itself');

  const { rows } = await h.deps.pool.query<{ stage: string; status: string; n: number }>(`SELECT stage, status, count(*)::int AS n FROM tasks WHERE project_id = $1 GROUP BY 1, 2`, [projectId]);
  assert.deepEqual(Object.fromEntries(rows.map((r) => [`${r.stage} ${r.status}`, r.n])), { 'annotate open': 3, 'annotate leased': 2, 'accepted done': 1 });
  for (const r of rows) {
    assert.equal(sample(text, 'cadre_tasks', { project_id: projectId, project: 'Metered', stage: r.stage, status: r.status }), r.n, `${r.stage} ${r.status} tasks`);
  }
  assert.equal(sample(text, 'cadre_task_leases', { project_id: projectId, state: 'active' }), 1);
  assert.equal(sample(text, 'cadre_task_leases', { project_id: projectId, state: 'expired' }), 1);
  assert.equal(sample(text, 'cadre_machine_jobs', { kind: 'prelabel', state: 'done' }), 1);
  assert.equal(sample(text, 'cadre_machine_jobs', { kind: 'prelabel', state: 'failed' }), 1);
  assert.equal(sample(text, 'cadre_machine_job_items', { kind: 'prelabel', outcome: 'done' }), 9);
  assert.equal(sample(text, 'cadre_machine_job_items', { kind: 'prelabel', outcome: 'failed' }), 4);
  assert.equal(sample(text, 'cadre_database_up'), 1);
  assert.equal(sample(text, 'cadre_db_pool_max_clients'), 20, 'the harness pool');
  assert.ok(sample(text, 'cadre_db_pool_clients')! >= 1);
  assert.equal(sample(text, 'cadre_db_pool_waiting'), 0, 'read before the scrape\'s own queries');
  for (const name of ['nodejs_eventloop_lag_seconds', 'nodejs_eventloop_lag_p99_seconds', 'process_cpu_user_seconds_total', 'process_resident_memory_bytes']) {
    assert.notEqual(sample(text, name), undefined, name);
  }

  // An archived project is no queue any more: its series go.
  await h.deps.pool.query(`UPDATE projects SET archived_at = now() WHERE id = $1`, [projectId]);
  assert.equal(sample(await scrape(), 'cadre_tasks', { project_id: projectId }), undefined);
});

test('a caller not on this machine is refused without the token and served with it; each app counts on its own', async () => {
  const outside = { remoteAddress: '203.0.113.7' };
  const noToken = await app.inject({ method: 'GET', url: '/metrics', ...outside });
  assert.equal(noToken.statusCode, 403);
  assert.equal(noToken.json().error.code, 'forbidden');
  assert.match(noToken.json().error.message, /CADRE_METRICS_TOKEN/);
  // A proxy on this machine connects from loopback but forwards someone else.
  const proxied = await app.inject({ method: 'GET', url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.7' } });
  assert.equal(proxied.statusCode, 403);

  const projectId = await h.project('Cached');
  await h.importText(projectId, h.imageRows(2));
  const token = 'a-scrape-token-of-some-length';
  const guarded = await buildApp(h.deps, { machineWorker: false, metrics: { token, cacheMs: 60_000 } });
  try {
    const wrong = await guarded.inject({ method: 'GET', url: '/metrics', ...outside, headers: { authorization: 'Bearer not-the-token' } });
    assert.equal(wrong.statusCode, 403);
    assert.equal(wrong.json().error.code, 'forbidden');
    const text = await scrape(guarded, { ...outside, headers: { authorization: `Bearer ${token}` } });
    assert.equal(sample(text, 'cadre_http_request_duration_seconds_count', { route: CLAIM }), undefined, 'the other app\'s claims are not counted here');
    assert.equal(sample(text, 'cadre_http_request_duration_seconds_count', { route: '/metrics', status_class: '4xx' }), 1, 'the refused scrape');

    // The database figures of one scrape serve the next ones within the cache time.
    assert.equal(sample(text, 'cadre_tasks', { project_id: projectId, status: 'open' }), 2);
    await h.importText(projectId, h.imageRows(3));
    assert.equal(sample(await scrape(guarded), 'cadre_tasks', { project_id: projectId, status: 'open' }), 2, 'cached');
    assert.equal(sample(await scrape(), 'cadre_tasks', { project_id: projectId, status: 'open' }), 5, 'an app without the cache reads again');
  } finally {
    await guarded.close();
  }
});

test('a request\'s log lines carry the request id its response names', async () => {
  const lines: Record<string, unknown>[] = [];
  const logStream = new Writable({ write(chunk, _enc, done) { for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l)); done(); } });
  const logged = await buildApp(h.deps, { logger: true, logStream, machineWorker: false });
  try {
    const res = await logged.inject({ method: 'GET', url: '/api/projects', headers: { 'x-request-id': 'chosen-by-the-client' } });
    assert.equal(res.statusCode, 401);
    const id = String(res.headers['x-request-id']);
    assert.match(id, /^[0-9a-f-]{36}$/, 'the server makes the id; a client cannot choose it');
    const ours = lines.filter((l) => l.reqId === id);
    assert.deepEqual(ours.map((l) => l.msg), ['incoming request', 'request completed']);
    assert.equal((ours[1]!.res as { statusCode: number }).statusCode, 401);
  } finally {
    await logged.close();
  }
});

test('a real `cadre serve` reads CADRE_METRICS_TOKEN: a proxied scrape needs it, one from this machine does not', async () => {
  const token = 'token-for-the-real-server';
  const { child, base } = await serveCadre({ DATABASE_URL: h.t.url, CADRE_METRICS_TOKEN: token, CADRE_RUN_JOBS: 'false' });
  try {
    const local = await fetch(`${base}/metrics`);
    assert.equal(local.status, 200);
    assert.notEqual(sample(await local.text(), 'cadre_db_pool_max_clients'), undefined);
    const proxied = await fetch(`${base}/metrics`, { headers: { 'x-forwarded-for': '198.51.100.4' } });
    assert.equal(proxied.status, 403);
    assert.equal(((await proxied.json()) as { error: { code: string } }).error.code, 'forbidden');
    const withToken = await fetch(`${base}/metrics`, { headers: { 'x-forwarded-for': '198.51.100.4', authorization: `Bearer ${token}` } });
    assert.equal(withToken.status, 200);
    assert.equal(sample(await withToken.text(), 'cadre_db_pool_max_clients'), 8, 'CADRE_DB_POOL of the child');
  } finally {
    await stopCadre(child);
  }
});

test('CADRE_METRICS_TOKEN is read at boot; a short one is refused with the other bad settings', () => {
  assert.equal(loadConfig({}).metricsToken, null);
  assert.equal(loadConfig({ CADRE_METRICS_TOKEN: 'long-enough-scrape-token' }).metricsToken, 'long-enough-scrape-token');
  assert.throws(() => loadConfig({ CADRE_METRICS_TOKEN: 'short', PORT: 'x' }), (e: Error) => e.message.includes('CADRE_METRICS_TOKEN: must be at least 16 characters') && e.message.includes('PORT=x'));
});

test('with the database away, a scrape still answers: database_up is 0 and the queue series are left out', async () => {
  // A port nothing listens on: each connection is refused at once.
  const away = connect({ url: `postgres://cadre:cadre@127.0.0.1:${await freePort()}/cadre`, max: 2 });
  const lonely = await buildApp({ db: away.db, pool: away.pool }, { machineWorker: false });
  try {
    const text = await scrape(lonely);
    assert.equal(sample(text, 'cadre_database_up'), 0);
    assert.equal(sample(text, 'cadre_tasks'), undefined);
    assert.notEqual(sample(text, 'process_cpu_user_seconds_total'), undefined);
  } finally {
    await lonely.close();
    await away.db.destroy();
  }
});
