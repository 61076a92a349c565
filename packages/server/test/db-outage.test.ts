// Losing the database under load: a Cadre server (a real child process) keeps running while its
// PostgreSQL connections are cut or the database restarts, answers 503 while the database is away,
// and every submit it acknowledged is stored.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { connect, freePort, migrateToLatest, startEmbeddedPostgres, type RunningPostgres } from '@cadre/db';
import { auth, importer, projectService, type Actor, type ServiceDeps } from '../src/index.ts';
import { readTaskRows } from '../src/import/index.ts';
import { harness, ontology } from './harness.ts';
import { acknowledgedAfter, annotate, unexpectedAnswers, type LoadLog } from './annotator-load.ts';
import { serveCadre, sleep, stopCadre } from './cadre-process.ts';

const ANNOTATORS = 6;

/** A project with `rows` image tasks and annotators holding API tokens. */
async function shift(deps: ServiceDeps, admin: Actor, rows: number): Promise<{ projectId: string; tokens: string[] }> {
  const projectId = (await projectService.createProject(deps, admin, { name: 'Outage', ontology, settings: { stages: ['annotate'], maxHeldTasks: 10 } })).id;
  let text = '';
  for (let i = 1; i <= rows; i++) text += `{"data":{"image":"/images/${String(i).padStart(6, '0')}.jpg"}}\n`;
  await importer.importRows(deps, admin, readTaskRows(Readable.from([Buffer.from(text)]), { format: 'jsonl', file: 'tasks.jsonl' }), { projectId, file: 'tasks.jsonl', format: 'jsonl', skipInvalid: false });
  const tokens: string[] = [];
  for (let i = 0; i < ANNOTATORS; i++) {
    const u = await auth.createUser(deps, { email: `annotator${i}@test.local`, password: 'user-password' });
    await projectService.setMember(deps, admin, projectId, { userId: u.id, role: 'annotator' });
    tokens.push((await auth.createApiToken(deps, { userId: u.id, isAdmin: false }, 'load')).token);
  }
  return { projectId, tokens };
}

async function storedSubmissions(url: string, log: LoadLog): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  try {
    const ids = log.acknowledged.map((a) => a.submissionId);
    const r = await c.query('SELECT count(*)::int AS n FROM annotations WHERE submission_id = ANY($1::uuid[])', [ids]);
    return (r.rows[0] as { n: number }).n;
  } finally {
    await c.end();
  }
}

function report(t: TestContext, log: LoadLog): void {
  const count = (status: number | 'reset') => log.answers.filter((a) => a.status === status).length;
  t.diagnostic(`${log.answers.length} answers: ${count(200)} ok, ${count(503)} 503, ${count('reset')} resets; ${log.acknowledged.length} submits acknowledged`);
}

function assertRodeItOut(log: LoadLog, server: Awaited<ReturnType<typeof serveCadre>>, outageEnded: number): void {
  const { child } = server;
  assert.ok(child.exitCode === null && child.signalCode === null, `the server process is still running (it said: ${server.stderr().slice(-2000)})`);
  assert.deepEqual(log.answers.filter((a) => a.status === 'reset'), [], 'no request lost its connection to the server');
  assert.deepEqual(unexpectedAnswers(log), [], 'every answer was a success, a 503 with Retry-After and the house error, or a named 4xx');
  assert.ok(log.acknowledged.some((a) => a.at > outageEnded), 'submits were acknowledged again after the outage');
}

test('terminating every Cadre backend in PostgreSQL while annotators work: the server answers 503 at most, and keeps every acknowledged submit', async (t) => {
  const h = await harness(4);
  const { projectId, tokens } = await shift(h.deps, h.admin, 3000);
  const server = await serveCadre({ DATABASE_URL: h.t.url });
  const killer = new pg.Client({ connectionString: h.t.url });
  killer.on('error', () => undefined);
  await killer.connect();
  try {
    let running = true;
    const live: LoadLog = { answers: [], acknowledged: [] };
    const load = annotate(server.base, projectId, tokens, () => running, live);
    let terminated = 0;
    await acknowledgedAfter(live, 0, 2); // the shift is at work
    for (let round = 0; round < 4; round++) {
      const r = await killer.query('SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      terminated += (r.rows[0] as { n: number }).n;
      await sleep(400);
    }
    const outageEnded = Date.now();
    await acknowledgedAfter(live, outageEnded, 3);
    running = false;
    const log = await load;
    report(t, log);

    assert.ok(terminated >= 4, `backends were terminated (${terminated})`);
    assertRodeItOut(log, server, outageEnded);
    assert.ok(log.acknowledged.length > 0);
    assert.equal(await storedSubmissions(h.t.url, log), log.acknowledged.length, 'every acknowledged submit is stored');
  } finally {
    await killer.end().catch(() => undefined);
    await stopCadre(server.child);
    await h.close();
  }
});

test('restarting the database while annotators work: 503 with Retry-After while it is down, then the server goes on', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cadre-outage-'));
  const dataDir = join(dir, 'pg');
  const port = await freePort();
  let cluster: RunningPostgres = await startEmbeddedPostgres({ dataDir, port, durable: false });
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('CREATE DATABASE cadre');
  await admin.end();
  const url = cluster.url.replace(/\/postgres$/, '/cadre');
  const { db, pool } = connect({ url, max: 4 });
  let server: Awaited<ReturnType<typeof serveCadre>> | undefined;
  try {
    await migrateToLatest(db);
    const deps: ServiceDeps = { db, pool };
    const adminUser = await auth.createUser(deps, { email: 'admin@test.local', password: 'admin-password', isAdmin: true });
    const { projectId, tokens } = await shift(deps, { userId: adminUser.id, isAdmin: true }, 3000);
    server = await serveCadre({ DATABASE_URL: url });

    let running = true;
    const live: LoadLog = { answers: [], acknowledged: [] };
    const load = annotate(server.base, projectId, tokens, () => running, live);
    await acknowledgedAfter(live, 0, 2); // the shift is at work
    await cluster.stop();
    // While the database is down, a request gets the house error and a hint when to come back.
    const serving = server;
    const down = await fetch(`${server.base}/api/projects/${projectId}/tasks/next`, { method: 'POST', headers: { authorization: `Bearer ${tokens[0]}` } })
      .catch((e: unknown) => { throw new Error(`the server did not answer (${String(e)}); it said: ${serving.stderr().slice(-3000)}`); });
    assert.equal(down.status, 503);
    assert.ok(Number(down.headers.get('retry-after')) > 0, 'Retry-After names the seconds to wait');
    assert.equal(((await down.json()) as { error: { code: string } }).error.code, 'database_unavailable');
    await sleep(1000);
    cluster = await startEmbeddedPostgres({ dataDir, port, durable: false });
    const outageEnded = Date.now();
    await acknowledgedAfter(live, outageEnded, 3);
    running = false;
    const log = await load;
    report(t, log);

    assert.ok(log.answers.some((a) => a.status === 503), 'the outage was felt');
    assertRodeItOut(log, server, outageEnded);
    assert.equal(await storedSubmissions(url, log), log.acknowledged.length, 'every acknowledged submit is stored');
  } finally {
    if (server) await stopCadre(server.child);
    await db.destroy().catch(() => undefined);
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
