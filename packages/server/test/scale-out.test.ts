// Several stateless Cadre processes on one PostgreSQL: a second server runs as a real child process.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { auth, dispenser, projectService, submissions, type Actor } from '../src/index.ts';
import { box, harness, payload, type Harness } from './harness.ts';
import { events } from './sse.ts';
import { serveCadre, stopCadre } from './cadre-process.ts';

let h: Harness;
let child: ChildProcess;
let base: string;

before(async () => {
  h = await harness();
  const served = await serveCadre({ DATABASE_URL: h.t.url, CADRE_DB_POOL: '5' });
  child = served.child;
  base = served.base;
});
after(async () => {
  await stopCadre(child);
  await h.close();
});

async function annotator(projectId: string, email: string): Promise<{ actor: Actor; token: string }> {
  const actor = await h.user(email);
  await h.member(projectId, actor, 'annotator');
  return { actor, token: (await auth.createApiToken(h.deps, actor, 'test')).token };
}

const claimOverHttp = async (projectId: string, token: string) => {
  const res = await fetch(`${base}/api/projects/${projectId}/tasks/next`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as { task?: { task: { id: string } } | null; error?: { code: string } } };
};

test('a settings change made in one process applies at once in the other', async () => {
  const projectId = await h.project('Shared settings', { maxHeldTasks: 1 });
  await h.importText(projectId, h.imageRows(5));
  const { token } = await annotator(projectId, 'shared@test.local');
  assert.equal((await claimOverHttp(projectId, token)).status, 200);
  const refused = await claimOverHttp(projectId, token);
  assert.equal(refused.status, 409);
  assert.equal(refused.body.error?.code, 'lease_limit');

  await projectService.updateProject(h.deps, h.admin, projectId, { settings: { maxHeldTasks: 2 } });
  let status = 0;
  for (let i = 0; i < 20 && status !== 200; i++) {
    status = (await claimOverHttp(projectId, token)).status; // the other process hears NOTIFY within milliseconds
    if (status !== 200) await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(status, 200, 'the other process used the new hold limit without waiting for its cache to expire');
});

test('two processes claiming from one queue never hand out the same task', async () => {
  const projectId = await h.project('Shared queue', { maxHeldTasks: 10 });
  await h.importText(projectId, h.imageRows(300));
  const here = await Promise.all(Array.from({ length: 8 }, (_, i) => annotator(projectId, `here${i}@test.local`)));
  const there = await Promise.all(Array.from({ length: 8 }, (_, i) => annotator(projectId, `there${i}@test.local`)));
  const claimed: string[] = [];
  const viaService = async (a: Actor) => { for (let k = 0; k < 10; k++) { const t = await dispenser.claimNext(h.deps, a, projectId); if (t) claimed.push(t.id); } };
  const viaHttp = async (token: string) => { for (let k = 0; k < 10; k++) { const r = await claimOverHttp(projectId, token); if (r.body.task) claimed.push(r.body.task.task.id); } };
  await Promise.all([...here.map((a) => viaService(a.actor)), ...there.map((a) => viaHttp(a.token))]);
  assert.equal(claimed.length, 160);
  assert.equal(new Set(claimed).size, 160);
});

test('a live dashboard open on the other process hears of work done here (LISTEN/NOTIFY fan-out)', async () => {
  const projectId = await h.project('Fan-out', { stages: ['annotate'], maxHeldTasks: 2 });
  await h.importText(projectId, h.imageRows(5));
  const worker = await h.user('fan-out@test.local');
  await h.member(projectId, worker, 'annotator');
  const { token } = await auth.createApiToken(h.deps, h.admin, 'dashboard');
  const ac = new AbortController();
  const res = await fetch(`${base}/api/projects/${projectId}/dashboard/admin/stream`, { headers: { authorization: `Bearer ${token}` }, signal: ac.signal });
  try {
    assert.equal(res.status, 200);
    const next = events(res.body!);
    const first = JSON.stringify(await next());
    // The work happens in this process; the stream is served by the child, which only hears of it over the database.
    for (let i = 0; i < 3; i++) {
      const task = await dispenser.claimNext(h.deps, worker, projectId);
      await submissions.submit(h.deps, worker, task!.id, randomUUID(), payload(box(`f${i}`)));
    }
    const later = JSON.stringify(await next());
    assert.notEqual(later, first, 'a new snapshot arrived on the other process');
    assert.match(later, /"done":3|"accepted":3|"submitted":3/, 'it counts the work done here');
  } finally { ac.abort(); }
});
