// `cadre backup` and `cadre restore` as an operator runs them: a database made through the server's
// services (projects, imports, claims, submits, reviews, a closed pay period, a queued machine job),
// backed up, restored into a fresh database, compared table by table (rows and a checksum of their
// content), then used: people sign in and the next task is handed out. A truncated backup is refused
// and leaves the target empty; with no DATABASE_URL both commands work on the embedded PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { backup, connect } from '@cadre/db';
import { buildApp, dispenser, type Actor, type ServiceDeps } from '@cadre/server';
import { closePeriod, writeRateCard } from '../../server/src/services/pay/index.ts';
import { attachModel, registerModel } from '../../server/src/services/machine/models.service.ts';
import { startJob } from '../../server/src/services/machine/jobs.service.ts';
import { harness, signIn, box, type Harness } from '../../server/test/harness.ts';
import { crew, decide, label } from '../../server/test/workflow-harness.ts';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/cadre.mjs', import.meta.url));
let h: Harness;
let dir: string;
let projectId: string;
let annotator: Actor;
let jobId: string;
const dropped: string[] = [];

function cadre(env: Record<string, string | undefined>, ...args: string[]) {
  const clean: Record<string, string | undefined> = { ...process.env, CADRE_DEMO: 'false', CADRE_ADMIN_PASSWORD: 'first-admin-pw' };
  delete clean.DATABASE_URL;
  return run(process.execPath, [bin, ...args], { env: { ...clean, ...env } });
}

/** A new database with nothing in it, on the test server. */
async function freshDatabase(): Promise<string> {
  const name = `cadre_restored_${randomBytes(5).toString('hex')}`;
  await h.t.pool.query(`CREATE DATABASE ${name}`);
  dropped.push(name);
  const u = new URL(h.t.url);
  u.pathname = `/${name}`;
  return u.toString();
}

before(async () => {
  h = await harness();
  dir = mkdtempSync(join(tmpdir(), 'cadre-backup-cli-'));
  // A review workflow: two annotators, a reviewer; 6 items, 4 labelled, one rejected and redone, pay settled and a period closed.
  const c = await crew(h, 'Backup streets', { stages: ['annotate', 'review'], reviewRate: 1 }, 6);
  projectId = c.projectId;
  annotator = c.annotator;
  await writeRateCard(h.deps.db, projectId, ['car', 'lane'], {
    currency: 'EUR', period: 'monthly', annotator: { perItem: 10, objects: [{ class: 'car', minor: 50 }] }, review: { perItem: 5 }, client: { perItem: 40 },
  }, h.admin.userId, new Date(Date.now() - 60_000));
  await label(h, projectId, c.annotator, [box('car-1'), { ...box('car-2', 40), attributes: { occluded: true } }]);
  await label(h, projectId, c.second, [box('car-1')]);
  await decide(h, projectId, c.reviewer, 'review', 'accept');
  await decide(h, projectId, c.reviewer, 'review', 'reject', { reasons: [{ code: 'wrong_class', objectId: null, note: 'a "van",\tnot a car\nsee notes \\ here' }] });
  await label(h, projectId, c.annotator, [box('car-ü')]);
  await label(h, projectId, c.second, [box('car-3')]);
  await decide(h, projectId, c.reviewer, 'review', 'accept');
  await decide(h, projectId, c.reviewer, 'review', 'accept');
  const now = new Date();
  await closePeriod(h.deps.pool, projectId, now, h.admin.userId, new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 0, 0, 1)));
  // A machine job queued (no runner here): its queue entry is not in the backup; the restore queues it again.
  const queued = await h.project('Queued prelabel', { stages: ['prelabel', 'annotate'] });
  await h.importText(queued, h.imageRows(2));
  const model = await registerModel(h.deps, h.admin, { name: 'offline-http', version: '1', spec: { type: 'http', url: 'http://127.0.0.1:9/predict' }, classes: ['car'] });
  await attachModel(h.deps, h.admin, queued, model.id, { classMap: { car: 'car' } });
  jobId = (await startJob(h.deps, h.admin, queued, { kind: 'prelabel', modelId: model.id })).id;
});

after(async () => {
  for (const name of dropped) await h.t.pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

async function checksums(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    return await backup.tableChecksums(pool);
  } finally {
    await pool.end();
  }
}

test('cadre backup, then cadre restore into a fresh database: every table the same, and the restored Cadre works', async () => {
  const file = join(dir, 'cadre.sql.gz');
  const backedUp = await cadre({ DATABASE_URL: h.t.url }, 'backup', '--out', file);
  const source = await checksums(h.t.url);
  const total = [...source.values()].reduce((n, t) => n + t.rows, 0);
  assert.match(backedUp.stdout, new RegExp(`^backed up ${source.size} tables, ${total} rows \\(schema 0\\d{3}_\\w+\\) to ${file}: [\\d.]+ KiB in [\\d.]+ s$`, 'm'));
  for (const table of ['public.users', 'public.items', 'public.tasks', 'public.annotations', 'public.reviews', 'public.ledger_entries', 'public.ledger_legs', 'public.statements', 'public.invoices', 'public.events', 'public.machine_jobs']) {
    assert.ok(source.get(table)!.rows > 0, `${table} has rows to back up`);
  }

  const target = await freshDatabase();
  const restored = await cadre({ DATABASE_URL: target }, 'restore', '--in', file);
  assert.match(restored.stdout, new RegExp(`^restored ${source.size} tables, ${total} rows \\(schema 0\\d{3}_\\w+\\) from ${file} \\([\\d.]+ KiB\\) in [\\d.]+ s$`, 'm'));
  assert.match(restored.stdout, /^1 machine jobs that were queued or running are queued again$/m);
  assert.deepEqual(await checksums(target), source);

  const { db, pool } = connect({ url: target, max: 4 });
  const deps: ServiceDeps = { db, pool };
  try {
    const queue = await pool.query<{ key: string }>('SELECT key FROM cadre_jobs._private_jobs');
    assert.deepEqual(queue.rows.map((r) => r.key), [jobId]);
    // The restored Cadre in use: the annotator signs in with their password and is handed the next task.
    const app = await buildApp(deps);
    try {
      const cookie = await signIn(app, 'backup-streets-ann@test.local', 'user-password');
      const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
      assert.equal(me.statusCode, 200, me.body);
    } finally {
      await app.close();
    }
    const next = await dispenser.claimNext(deps, annotator, projectId);
    assert.ok(next, 'a task is handed out');
    const open = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM tasks WHERE project_id = $1 AND stage = 'annotate' AND status = 'leased'`, [projectId]);
    assert.equal(open.rows[0]!.n, 1);
  } finally {
    await db.destroy();
  }

  // Restoring again into it is refused: it holds data now.
  await assert.rejects(cadre({ DATABASE_URL: target }, 'restore', '--in', file), (e: { code: number; stderr: string }) => {
    assert.equal(e.code, 1);
    assert.match(e.stderr, /error: the database is not empty \(\d+ rows: .*\): restore into an empty database, or pass --replace to replace what it holds/);
    return true;
  });
});

test('a truncated backup is refused with the file and line, and the target stays empty', async () => {
  const file = join(dir, 'whole.sql');
  await cadre({ DATABASE_URL: h.t.url }, 'backup', '--out', file);
  const lines = readFileSync(file, 'utf8').split('\n');
  const cut = join(dir, 'cut.sql');
  const at = lines.findIndex((l) => l.startsWith('COPY public.annotations ')) + 2;
  writeFileSync(cut, `${lines.slice(0, at).join('\n')}\n`);
  const target = await freshDatabase();
  await assert.rejects(cadre({ DATABASE_URL: target }, 'restore', '--in', cut), (e: { code: number; stderr: string }) => {
    assert.equal(e.code, 1);
    assert.match(e.stderr, new RegExp(`error: ${cut} line ${at}: the file ends inside the rows of public\\.annotations \\(1 of \\d+ read\\): the backup is truncated`));
    return true;
  });
  const pool = new pg.Pool({ connectionString: target, max: 1 });
  try {
    const tables = await pool.query(`SELECT 1 FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`);
    assert.equal(tables.rowCount, 0, 'no schema, no rows: the database is as it was');
  } finally {
    await pool.end();
  }
});

test('with no DATABASE_URL both commands work on the embedded PostgreSQL in CADRE_DATA_DIR', async () => {
  const file = join(dir, 'for-embedded.sql');
  await cadre({ DATABASE_URL: h.t.url }, 'backup', '--out', file);
  const dataDir = join(dir, 'data');
  const none = await cadre({ CADRE_DATA_DIR: join(dir, 'nothing-here') }, 'backup', '--out', join(dir, 'x.sql')).catch((e: { stderr: string }) => e);
  assert.match((none as { stderr: string }).stderr, /there is no Cadre database in .*nothing-here\/pg to back up/);

  const restored = await cadre({ CADRE_DATA_DIR: dataDir }, 'restore', '--in', file);
  assert.match(restored.stdout, /^restored \d+ tables/m);
  // The restored Cadre starts as the old one: its projects, and no new first administrator.
  const listed = await cadre({ CADRE_DATA_DIR: dataDir }, 'project', 'list');
  assert.match(listed.stdout, /Backup streets\s+items=6/);
  assert.doesNotMatch(listed.stdout, /First start/);
  const again = join(dir, 'from-embedded.sql');
  const backedUp = await cadre({ CADRE_DATA_DIR: dataDir }, 'backup', '--out', again);
  const rows = (text: string) => /, (\d+) rows/.exec(text)![1];
  assert.equal(rows(backedUp.stdout), rows(restored.stdout));
  const body = (f: string) => readFileSync(f, 'utf8').split('\n').filter((l) => !l.startsWith('-- taken-at:') && !l.startsWith('-- cadre-version:')).join('\n');
  assert.equal(body(again), body(file), 'the embedded copy backs up to the same file');
});
