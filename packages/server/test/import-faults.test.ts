// Faults around imports and uploads, against real `cadre serve` children over real sockets:
// PostgreSQL killed with SIGKILL while an import's rows flow, a client whose connection dies half
// way through an upload, a client that trickles its body, and a disk that is full (a tiny tmpfs).
// What a user would notice afterwards: a clear answer, nothing half stored, and a server that serves on.
// Machine jobs that resume after a crash without doubling work: machine-jobs.test.ts (a `cadre worker` killed with SIGKILL mid-job).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connect, freePort, migrateToLatest, startEmbeddedPostgres, type RunningPostgres } from '@cadre/db';
import { auth, projectService, type ServiceDeps } from '../src/index.ts';
import { needsSharedData, SHARED_DATA } from '../src/import/testing.ts';
import { harness, ontology, type Harness } from './harness.ts';
import { serveCadre, sleep, stopCadre } from './cadre-process.ts';
import { houseError, sendBody, type Answer } from './raw-client.ts';

const IMAGES = new URL('images/coco128/images/train2017/', SHARED_DATA);
const image = (name: string) => readFileSync(new URL(name, IMAGES));
const rows = (from: number, to: number, tag = 'row') => {
  let s = '';
  for (let i = from; i < to; i++) s += `{"data":{"image":"/images/${tag}-${String(i).padStart(6, '0')}.jpg"}}\n`;
  return s;
};
const counts = async (db: pg.Pool | pg.Client, projectId: string) => {
  const r = await db.query('SELECT (SELECT count(*) FROM items WHERE project_id = $1)::int AS items, (SELECT count(*) FROM tasks WHERE project_id = $1)::int AS tasks', [projectId]);
  return r.rows[0] as { items: number; tasks: number };
};
/** The import records of a project (of one file, when named): their statuses, oldest first. */
const importStatuses = async (db: pg.Pool | pg.Client, projectId: string, file?: string) =>
  (await db.query('SELECT status FROM imports WHERE project_id = $1 AND ($2::text IS NULL OR file = $2) ORDER BY created_at', [projectId, file ?? null])).rows.map((r: { status: string }) => r.status);
/** An open transaction that has copied rows in (the importer's bulk writer): an import's rows are flowing. */
const copying = async (db: pg.Pool | pg.Client) =>
  (await db.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT NULL AND query LIKE 'COPY %'")).rows[0].n > 0;

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`waited in vain: ${what}`);
    await sleep(100);
  }
}

const ok = (a: Answer): { status: number; json: Record<string, unknown> } => {
  if ('dropped' in a) throw new Error(`the connection was dropped: ${a.dropped}`);
  return { status: a.status, json: JSON.parse(a.body) as Record<string, unknown> };
};

// ── PostgreSQL killed mid-import ─────────────────────────────────────────────────────────────────

test('PostgreSQL killed with SIGKILL while an import\'s rows flow: nothing of it is kept, the client hears a 503, and the same import run again gives exactly its rows', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cadre-import-kill-'));
  const dataDir = join(dir, 'pg');
  const port = await freePort();
  let cluster: RunningPostgres = await startEmbeddedPostgres({ dataDir, port, durable: false });
  const setup = new pg.Client({ connectionString: cluster.url });
  await setup.connect();
  await setup.query('CREATE DATABASE cadre');
  await setup.end();
  const url = cluster.url.replace(/\/postgres$/, '/cadre');
  let server: Awaited<ReturnType<typeof serveCadre>> | undefined;
  const look = () => { const c = new pg.Client({ connectionString: url }); c.on('error', () => undefined); return c; };
  try {
    let projectId: string;
    let token: string;
    {
      const { db, pool } = connect({ url, max: 2 });
      await migrateToLatest(db);
      const deps: ServiceDeps = { db, pool };
      const admin = await auth.createUser(deps, { email: 'admin@test.local', password: 'admin-password', isAdmin: true });
      projectId = (await projectService.createProject(deps, { userId: admin.id, isAdmin: true }, { name: 'Killed mid-import', ontology, settings: { stages: ['annotate'] } })).id;
      token = (await auth.createApiToken(deps, { userId: admin.id, isAdmin: true }, 'import')).token;
      await db.destroy();
    }
    server = await serveCadre({ DATABASE_URL: url, CADRE_DATA_DIR: join(dir, 'data') });
    const ROWS = 60_000;
    const path = `/api/projects/${projectId}/import?file=shift.jsonl&format=jsonl`;

    // A client streams the file a thousand rows at a time; once the import's transaction has copied
    // rows in (the importer writes every 10,000 rows), PostgreSQL's postmaster is killed, and the client sends the rest.
    const upload = sendBody(server.base, path, { token, contentType: 'application/x-ndjson' });
    let sent = 0;
    for (; sent < 15_000; sent += 1000) {
      await upload.write(rows(sent, sent + 1000));
      await sleep(10);
    }
    const watch = look();
    await watch.connect();
    await until('the import\'s rows reach PostgreSQL', () => copying(watch), 60_000);
    await watch.end().catch(() => undefined);
    const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(postmaster, 'SIGKILL');
    const killedAt = sent;
    while (sent < ROWS && !upload.answered()) {
      await upload.write(rows(sent, sent + 1000));
      sent += 1000;
    }
    upload.end();
    const refused = houseError(await upload.answer);
    t.diagnostic(`killed after ${killedAt} of ${ROWS} rows; answered ${refused.status} ${refused.code}: ${refused.message}`);
    assert.equal(refused.status, 503, `a 503, not a server error: ${refused.message}`);
    assert.equal(refused.code, 'database_unavailable');
    assert.ok(Number(refused.headers['retry-after']) > 0, 'with a Retry-After');

    // The database comes back (once the dead postmaster's backends are gone) with nothing of the import.
    await until('PostgreSQL starts again on its folder', async () => {
      try { cluster = await startEmbeddedPostgres({ dataDir, port, durable: false }); return true; } catch { return false; }
    }, 90_000);
    const after = look();
    await after.connect();
    try {
      assert.deepEqual(await counts(after, projectId), { items: 0, tasks: 0 }, 'no item or task of the killed import');
      assert.ok(!(await importStatuses(after, projectId)).includes('committed'), 'no import is recorded as committed');

      await until('the server answers again', () => fetch(`${server!.base}/api/health`).then((r) => r.ok, () => false));
      const again = await fetch(`${server.base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' }, body: rows(0, ROWS) });
      const report = await again.json() as { imported: number; importedBefore?: unknown };
      assert.equal(again.status, 200, JSON.stringify(report));
      assert.equal(report.imported, ROWS);
      assert.equal(report.importedBefore, undefined, 'the killed import is not taken for an earlier import of the file');
      assert.deepEqual(await counts(after, projectId), { items: ROWS, tasks: ROWS }, 'exactly the file\'s rows');
      const distinct = await after.query('SELECT count(DISTINCT asset)::int AS n FROM items WHERE project_id = $1', [projectId]);
      assert.equal(distinct.rows[0].n, ROWS, 'no row twice');
      assert.deepEqual(await importStatuses(after, projectId), ['committed']);
    } finally {
      await after.end();
    }
    assert.equal(server.child.exitCode, null, 'the server kept running');
  } finally {
    if (server) await stopCadre(server.child);
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

// ── One server for uploads: dropped, trickled, and onto a full disk ──────────────────────────────

let h: Harness;
let server: Awaited<ReturnType<typeof serveCadre>>;
let dir: string;
let mediaDir: string;
let projectId: string;
let manager: string;
let annotators: string[] = [];
let claims = 0;
const BODY_TIMEOUT_SECONDS = 2;

before(async () => {
  h = await harness(4);
  dir = mkdtempSync(join(tmpdir(), 'cadre-upload-faults-'));
  chmodSync(dir, 0o755);
  mediaDir = join(dir, 'data', 'media');
  projectId = await h.project('Uploads', { stages: ['annotate'], maxHeldTasks: 10 });
  await h.importText(projectId, rows(0, 100, 'queued'));
  manager = (await auth.createApiToken(h.deps, h.admin, 'uploads')).token;
  for (let i = 0; i < 4; i++) {
    const worker = await h.user(`annotator${i}@test.local`);
    await h.member(projectId, worker, 'annotator');
    annotators.push((await auth.createApiToken(h.deps, worker, 'work')).token);
  }
  server = await serveCadre({ DATABASE_URL: h.t.url, CADRE_DATA_DIR: join(dir, 'data'), CADRE_BODY_TIMEOUT_SECONDS: String(BODY_TIMEOUT_SECONDS) });
});
after(async () => {
  await stopCadre(server.child);
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

const uploadPath = (name: string) => `/api/projects/${projectId}/uploads?name=${name}`;
const mediaFiles = () => { try { return readdirSync(mediaDir).sort(); } catch { return []; } };
const halfUploads = () => mediaFiles().filter((f) => f.startsWith('.upload-'));
/** An annotator (four take turns, each may hold ten tasks) claims a task: the answer's status. */
const serving = async () => {
  assert.equal(server.child.exitCode, null, `the server runs (it said: ${server.stderr().slice(-2000)})`);
  const claim = await fetch(`${server.base}/api/projects/${projectId}/tasks/next`, { method: 'POST', headers: { authorization: `Bearer ${annotators[claims++ % annotators.length]}` } });
  return claim.status;
};

test('a connection dropped half way through an image upload: no item, no file left in the media folder, and the server serves on', needsSharedData, async () => {
  const jpeg = image('000000000009.jpg');
  const before = await counts(h.deps.pool, projectId);
  const upload = sendBody(server.base, uploadPath('dropped.jpg'), { token: manager, contentType: 'image/jpeg', length: jpeg.length });
  await upload.write(jpeg.subarray(0, jpeg.length >> 1));
  await until('the server writes the upload to a temporary file', () => halfUploads().length === 1);
  upload.drop();
  assert.ok('dropped' in (await upload.answer));
  await until('the half upload is removed', () => halfUploads().length === 0);
  assert.deepEqual(mediaFiles(), [], 'nothing in the media folder');
  assert.deepEqual(await counts(h.deps.pool, projectId), before, 'no item or task');

  const whole = ok(await sendWhole(uploadPath('whole.jpg'), jpeg, 'image/jpeg'));
  assert.equal(whole.status, 201, JSON.stringify(whole.json));
  assert.deepEqual(mediaFiles().filter((f) => !f.startsWith('.')).length, 1, 'the whole upload is one file');
  assert.equal(await serving(), 200);
});

test('a connection dropped half way through a JSONL import, at a line end, with skipInvalid: nothing of it is committed', async () => {
  const before = await counts(h.deps.pool, projectId);
  const path = `/api/projects/${projectId}/import?file=dropped.jsonl&format=jsonl&skipInvalid=true`;
  const upload = sendBody(server.base, path, { token: manager, contentType: 'application/x-ndjson', length: 10_000_000 });
  let sent = 0;
  for (; sent < 15_000; sent += 1000) await upload.write(rows(sent, sent + 1000, 'dropped'));
  await until('the import\'s rows reach PostgreSQL', () => copying(h.deps.pool), 60_000);
  upload.drop(); // right after a whole line: what came is a valid file, but not the file that was sent
  assert.ok('dropped' in (await upload.answer));
  await until('the import\'s transaction ends', async () => !(await copying(h.deps.pool)));
  assert.deepEqual(await counts(h.deps.pool, projectId), before, `none of the ${sent} rows sent is kept`);
  assert.ok(!(await importStatuses(h.deps.pool, projectId, 'dropped.jsonl')).includes('committed'), 'no import of dropped.jsonl is recorded as committed');

  const whole = ok(await sendWhole(`/api/projects/${projectId}/import?file=after.jsonl&format=jsonl`, Buffer.from(rows(0, 10, 'after')), 'application/x-ndjson'));
  assert.equal(whole.status, 200, JSON.stringify(whole.json));
  assert.equal(whole.json.imported, 10);
});

test('a client trickling an upload a byte at a time does not hold up other users, and is cut off with a 408 after CADRE_BODY_TIMEOUT_SECONDS', needsSharedData, async () => {
  const jpeg = image('000000000025.jpg');
  const before = await counts(h.deps.pool, projectId);
  const slow = sendBody(server.base, uploadPath('trickle.jpg'), { token: manager, contentType: 'image/jpeg', length: jpeg.length });
  const trickling = (async () => {
    for (let i = 0; i < jpeg.length && !slow.answered(); i++) {
      await slow.write(jpeg.subarray(i, i + 1));
      await sleep(250);
    }
  })();
  // Meanwhile annotators get their tasks.
  let served = 0;
  const giveUp = Date.now() + 20 * BODY_TIMEOUT_SECONDS * 1000;
  while (!slow.answered()) {
    assert.ok(Date.now() < giveUp, 'the trickling upload is cut off');
    if (served < 5) {
      const status = await serving();
      if (slow.answered()) break;
      assert.equal(status, 200, 'a claim answers while the upload trickles');
      served++;
    }
    await sleep(200);
  }
  await trickling;
  const cut = houseError(await slow.answer);
  assert.ok(served >= 2, `annotators were served while the upload trickled (${served} claims)`);
  assert.equal(cut.status, 408, cut.message);
  assert.equal(cut.code, 'request_timeout');
  assert.match(cut.message, /too slowly/);
  assert.equal(cut.headers.connection, 'close');
  await until('the server closes the trickling connection', () => slow.closed());
  await until('the half upload is removed', () => halfUploads().length === 0);
  assert.deepEqual(await counts(h.deps.pool, projectId), before, 'no item or task');

  // Refused before its body is read (a bad token), a client that trickles on is not waited for either.
  const refused = sendBody(server.base, uploadPath('refused.jpg'), { token: 'cadre_not-a-token', contentType: 'image/jpeg', length: jpeg.length });
  await refused.write(jpeg.subarray(0, 1));
  assert.equal(houseError(await refused.answer).status, 401);
  for (let i = 1; i < jpeg.length && !refused.closed(); i++) {
    assert.ok(i < 20 * BODY_TIMEOUT_SECONDS * 4, 'the server closed the connection of the refused, trickling client');
    await refused.write(jpeg.subarray(i, i + 1));
    await sleep(250);
  }
  assert.equal(await serving(), 200);
});

test('a trickled import is cut off and commits nothing; a slow but steady one, longer than the timeout, goes through', async () => {
  const before = await counts(h.deps.pool, projectId);
  const trickled = sendBody(server.base, `/api/projects/${projectId}/import?file=trickle.jsonl&format=jsonl&skipInvalid=true`, { token: manager, contentType: 'application/x-ndjson' });
  for (let i = 0; !trickled.answered() && i < 200; i++) {
    await trickled.write(rows(i, i + 1, 'trickled'));
    await sleep(300);
  }
  trickled.end();
  const cut = houseError(await trickled.answer);
  assert.equal(cut.status, 408, cut.message);
  assert.equal(cut.code, 'request_timeout');
  assert.deepEqual(await counts(h.deps.pool, projectId), before, 'nothing of the trickled rows is kept');

  // 64 KiB every 700 ms: slow, yet far above the least pace; the whole lasts more than twice the timeout.
  const text = Buffer.from(rows(0, 8000, 'steady'));
  const steady = sendBody(server.base, `/api/projects/${projectId}/import?file=steady.jsonl&format=jsonl`, { token: manager, contentType: 'application/x-ndjson', length: text.length });
  const started = Date.now();
  for (let at = 0; at < text.length && !steady.answered(); at += 64 * 1024) {
    await steady.write(text.subarray(at, at + 64 * 1024));
    await sleep(700);
  }
  steady.end();
  const took = Date.now() - started;
  const done = ok(await steady.answer);
  assert.ok(took > 2 * BODY_TIMEOUT_SECONDS * 1000, `the steady import took longer than the timeout (${took} ms)`);
  assert.equal(done.status, 200, JSON.stringify(done.json));
  assert.equal(done.json.imported, 8000);
});

test('an upload onto a full disk answers 507 naming the full disk, leaves no partial file and no item, and goes through once there is room', needsSharedData, async (t) => {
  mkdirSync(mediaDir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0755', 'tmpfs', mediaDir], { stdio: 'pipe' });
  } catch (e) {
    t.skip(`a tiny file system cannot be mounted here (needs root): ${(e as Error).message.split('\n')[0]}`);
    return;
  }
  // One connection, kept alive, carries the refused upload and the next one, as a browser's would.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const jpeg = image('000000000575.jpg'); // 530 KiB
    writeFileSync(join(mediaDir, 'filler'), Buffer.alloc(700 * 1024));
    const before = await counts(h.deps.pool, projectId);
    const imports = (await importStatuses(h.deps.pool, projectId)).length;
    const full = houseError(await sendWhole(uploadPath('big.jpg'), jpeg, 'image/jpeg', agent));
    t.diagnostic(`${full.status} ${full.code}: ${full.message}`);
    assert.equal(full.status, 507, full.message);
    assert.equal(full.code, 'insufficient_storage');
    assert.match(full.message, /disk is full/);
    assert.deepEqual(mediaFiles(), ['filler'], 'no partial file');
    assert.deepEqual(await counts(h.deps.pool, projectId), before, 'no item or task');
    assert.equal((await importStatuses(h.deps.pool, projectId)).length, imports, 'no import recorded');
    assert.equal(await serving(), 200);

    rmSync(join(mediaDir, 'filler'));
    const stored = ok(await sendWhole(uploadPath('big.jpg'), jpeg, 'image/jpeg', agent));
    assert.equal(stored.status, 201, JSON.stringify(stored.json));
    assert.equal(mediaFiles().length, 1);
  } finally {
    agent.destroy();
    execFileSync('umount', [mediaDir]);
  }
});

async function sendWhole(path: string, body: Buffer, contentType: string, agent?: http.Agent): Promise<Answer> {
  const s = sendBody(server.base, path, { token: manager, contentType, length: body.length, ...(agent ? { agent } : {}) });
  await s.write(body);
  s.end();
  return s.answer;
}
