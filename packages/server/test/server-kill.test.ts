// Killing a Cadre process with SIGKILL while annotators work on two processes over one PostgreSQL,
// three times, starting it again on the same port each time. The annotators of the dead process
// retry their submits with the same submission id (as the web app does); some walk away from their
// task instead. Every acknowledged submit is stored, no task is held by two people at once, the
// leases walked away from come back after they expire, and nothing is half-written.
// (bench/faults.ts runs the same at a larger scale and reports the figures.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '@cadre/db';
import { auth } from '../src/index.ts';
import { box, harness, payload } from './harness.ts';
import { sleep } from './cadre-process.ts';

const LEASE_SECONDS = 10;
const PER_SERVER = 10;
const bin = fileURLToPath(new URL('../../cli/bin/cadre.mjs', import.meta.url));

interface Server { child: ChildProcess; base: string; port: number }

/** `cadre serve` on this port; resolves once it answers its health check. */
async function serveOn(url: string, port: number): Promise<Server> {
  const clean = { ...process.env };
  delete clean.DATABASE_URL;
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: { ...clean, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', CADRE_DEMO: 'false', CADRE_DB_POOL: '4' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => { err = (err + d.toString()).slice(-4000); });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`cadre serve exited ${child.exitCode}: ${err}`);
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) return { child, base, port };
    await sleep(200);
  }
  child.kill('SIGKILL');
  throw new Error(`cadre serve did not start: ${err}`);
}

const gone = (child: ChildProcess) => new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));

interface Answer { route: 'claim' | 'submit'; status: number | 'reset'; code?: string | undefined; afterExpiry?: boolean }
interface Lease { task: string; who: number; got: number; sent: number | null; expires: number }
interface Shift {
  answers: Answer[]; leases: Lease[];
  acknowledged: { taskId: string; submissionId: string; who: number; at: number }[];
  walkedAway: { taskId: string; userId: string }[];
}

/** Annotators 0..n-1; annotator i works on servers[i % 2] only; the even ones on server 0 walk away from a task whose submit was cut off. */
async function work(servers: () => Server[], projectId: string, people: { token: string; userId: string }[], running: () => boolean, s: Shift): Promise<void> {
  const call = async (route: Answer['route'], i: number, path: string, body?: unknown) => {
    try {
      const res = await fetch(`${servers()[i % 2]!.base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${people[i]!.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const json = (await res.json()) as Record<string, unknown> & { error?: { code: string; details?: { held?: string[] } } };
      const answer: Answer = { route, status: res.status, code: json.error?.code };
      s.answers.push(answer);
      return { status: res.status, json, answer };
    } catch {
      const answer: Answer = { route, status: 'reset' };
      s.answers.push(answer);
      return { status: 0, json: {} as Record<string, never>, answer };
    }
  };
  const one = async (i: number) => {
    for (let n = 0; running(); n++) {
      const asked = Date.now();
      const claimed = await call('claim', i, `/api/projects/${projectId}/tasks/next`);
      let taskId: string | undefined;
      if (claimed.status === 200) {
        taskId = (claimed.json.task as { task: { id: string } } | null)?.task.id;
        if (!taskId) return; // the queue is empty
        s.leases.push({ task: taskId, who: i, got: Date.now(), sent: null, expires: asked + LEASE_SECONDS * 1000 });
      } else if (claimed.json.error?.code === 'lease_limit') {
        taskId = claimed.json.error.details?.held?.[0]; // claims whose answer was lost hold tasks: finish those
      }
      if (!taskId) { await sleep(100); continue; }
      const lease = s.leases.at(-1)?.task === taskId && s.leases.at(-1)?.who === i ? s.leases.at(-1) : undefined;
      await sleep(200 + Math.random() * 400); // thinking
      if (lease) lease.sent = Date.now();
      const submissionId = randomUUID();
      let cut = false;
      while (running()) {
        const sent = await call('submit', i, `/api/tasks/${taskId}/submit`, { submissionId, annotation: payload(box(`w${i}-${n}`)) });
        if (sent.status === 200) { s.acknowledged.push({ taskId, submissionId, who: i, at: Date.now() }); break; }
        // Away longer than the lease: the task went back to the queue, and the person is told so.
        if (cut && sent.answer.code === 'lease_lost') { sent.answer.afterExpiry = Date.now() > asked + LEASE_SECONDS * 1000; break; }
        if (sent.status !== 503 && sent.status !== 0) break;
        if (!cut && sent.status === 0 && i % 4 === 0) { s.walkedAway.push({ taskId, userId: people[i]!.userId }); break; }
        cut = true;
        await sleep(100);
      }
    }
  };
  await Promise.all(people.map((_, i) => one(i)));
}

/** Two people's certain holds of one task that overlap (held from the claim's answer until the submit was sent, at most until the lease's expiry). */
function doubleLeases(leases: Lease[], end: number): number {
  let found = 0;
  const byTask = new Map<string, Lease[]>();
  for (const l of leases) byTask.set(l.task, [...(byTask.get(l.task) ?? []), l]);
  for (const list of byTask.values()) {
    for (const a of list) for (const b of list) {
      if (a.who >= b.who) continue;
      const [af, at, bf, bt] = [a.got, Math.min(a.sent ?? end, a.expires), b.got, Math.min(b.sent ?? end, b.expires)];
      if (Math.min(at, bt) > Math.max(af, bf)) found++;
    }
  }
  return found;
}

test('kill -9 of one of two Cadre processes, three times under load: no acknowledged submit lost, no task held twice, walked-away leases come back, nothing half-written', { timeout: 300_000 }, async (t) => {
  const h = await harness(4);
  const projectId = await h.project('Kill', { stages: ['annotate'], leaseSeconds: LEASE_SECONDS, maxHeldTasks: 10 });
  await h.importText(projectId, h.imageRows(5000));
  const people: { token: string; userId: string }[] = [];
  for (let i = 0; i < 2 * PER_SERVER; i++) {
    const actor = await h.user(`kill${i}@test.local`);
    await h.member(projectId, actor, 'annotator');
    people.push({ token: (await auth.createApiToken(h.deps, actor, 'load')).token, userId: actor.userId });
  }
  const [portA, portB] = [await freePort(), await freePort()];
  const servers = await Promise.all([serveOn(h.t.url, portA), serveOn(h.t.url, portB)]);
  const db = new pg.Client({ connectionString: h.t.url });
  await db.connect();
  try {
    let running = true;
    const s: Shift = { answers: [], leases: [], acknowledged: [], walkedAway: [] };
    const load = work(() => servers, projectId, people, () => running, s);
    /** Until server 0's people had `n` more submits acknowledged after `since` (two minutes at most, for a busy machine). */
    const servedAfter = async (since: number, n: number) => {
      for (let i = 0; i < 600 && s.acknowledged.filter((a) => a.who % 2 === 0 && a.at > since).length < n; i++) await sleep(200);
    };
    await servedAfter(0, 3);
    let restarted = 0;
    for (let k = 0; k < 3; k++) {
      const dead = servers[0]!;
      const exited = gone(dead.child);
      dead.child.kill('SIGKILL');
      await exited;
      servers[0] = await serveOn(h.t.url, portA);
      restarted = Date.now();
      await servedAfter(restarted, 3);
    }
    running = false;
    await load;
    const end = Date.now();
    const count = (st: Answer['status']) => s.answers.filter((a) => a.status === st).length;
    t.diagnostic(`${s.answers.length} answers: ${count(200)} ok, ${count(503)} 503, ${count('reset')} resets; ${s.acknowledged.length} submits acknowledged; ${s.walkedAway.length} leases walked away from`);

    const unexpected = s.answers.filter((a) => !(a.status === 200 || a.status === 'reset' || (a.status === 503 && a.code === 'database_unavailable')
      || (a.status === 409 && a.code === 'lease_limit') || (a.status === 409 && a.code === 'lease_lost' && a.afterExpiry)));
    assert.deepEqual(unexpected, [], 'every answer was a success, a cut connection, a 503, lease_limit, or lease_lost for a lease that had expired meanwhile');
    assert.ok(s.acknowledged.some((a) => a.who % 2 === 0 && a.at > restarted), 'the restarted process served again');

    const stored = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM annotations a JOIN unnest($1::uuid[], $2::uuid[]) AS k(submission_id, task_id)
       ON a.submission_id = k.submission_id AND a.task_id = k.task_id`,
      [s.acknowledged.map((a) => a.submissionId), s.acknowledged.map((a) => a.taskId)]);
    assert.equal(stored.rows[0]!.n, s.acknowledged.length, 'every acknowledged submit is stored, on its task');

    assert.equal(doubleLeases(s.leases, end), 0, 'no task was held by two people at once');
    const twice = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT task_id FROM annotations WHERE project_id = $1 GROUP BY task_id HAVING count(*) > 1) x`, [projectId]);
    assert.equal(twice.rows[0]!.n, 0, 'no task was submitted twice');

    const half = await db.query<{ unmoved: number; empty: number; unlogged: number }>(
      `SELECT
         (SELECT count(*)::int FROM annotations a JOIN tasks t ON t.id = a.task_id WHERE a.project_id = $1 AND t.status <> 'done') AS unmoved,
         (SELECT count(*)::int FROM tasks t WHERE t.project_id = $1 AND t.status = 'done' AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.task_id = t.id)) AS empty,
         (SELECT count(*)::int FROM annotations a WHERE a.project_id = $1 AND NOT EXISTS (
            SELECT 1 FROM events e WHERE e.entity = 'task' AND e.entity_id = a.task_id::text AND e.action = 'submitted')) AS unlogged`, [projectId]);
    assert.deepEqual(half.rows[0], { unmoved: 0, empty: 0, unlogged: 0 }, 'every stored submit closed its task and was logged; no task closed without one');

    // The leases walked away from run out after LEASE_SECONDS; the processes' reaper (every 15 s) returns them to the queue.
    assert.ok(s.walkedAway.length > 0, 'some people of the killed process walked away from their task');
    const stuck = async () => (await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM unnest($1::uuid[], $2::uuid[]) AS k(task_id, user_id)
       WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.entity = 'task' AND e.entity_id = k.task_id::text AND e.action = 'lease_expired' AND e.data->>'assignee_id' = k.user_id::text)
         AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.task_id = k.task_id AND a.author_id = k.user_id)`,
      [s.walkedAway.map((w) => w.taskId), s.walkedAway.map((w) => w.userId)])).rows[0]!.n;
    let left = await stuck();
    for (let i = 0; i < 120 && left > 0; i++) { await sleep(500); left = await stuck(); }
    assert.equal(left, 0, 'every lease walked away from came back to the queue after it expired (or its submit had been stored)');
  } finally {
    await db.end().catch(() => undefined);
    for (const srv of servers) { const exited = gone(srv.child); srv.child.kill('SIGTERM'); await exited; }
    await h.close();
  }
});
