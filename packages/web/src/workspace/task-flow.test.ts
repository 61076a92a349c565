import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TaskFlow } from './task-flow.ts';

/** A dispenser over fetch: open tasks in order, a hold limit of 2, submissions that answer when told. */
function fakeServer(count: number) {
  const open = Array.from({ length: count }, (_, i) => `t${i + 1}`);
  const held = new Set<string>();
  const log: string[] = [];
  const pending: Array<{ id: string; answer: (ok: boolean) => void }> = [];
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const view = (id: string) => ({ task: { id }, item: { id, kind: 'text', text: id }, predictions: [], draft: null });
  globalThis.fetch = (async (url: string, init?: RequestInit) => {
    if (url.endsWith('/tasks/mine')) return json([...held].map(view));
    if (url.endsWith('/tasks/next')) {
      if (held.size >= 2) { log.push('claim refused: hold limit'); return json({ error: { code: 'lease_limit', message: 'limit' } }, 409); }
      const id = open.shift();
      if (id) { held.add(id); log.push(`claimed ${id}`); }
      return json({ task: id ? view(id) : null });
    }
    const id = /tasks\/(t\d+)\/submit/.exec(url)?.[1];
    assert.ok(id && init?.method === 'POST');
    log.push(`submitting ${id}`);
    return new Promise<Response>((resolve) => pending.push({ id, answer: (ok) => {
      if (ok) held.delete(id);
      log.push(`${ok ? 'stored' : 'refused'} ${id}`);
      resolve(ok ? json({}) : json({ error: { code: 'lease_lost', message: 'lost' } }, 409));
    } }));
  }) as typeof fetch;
  return { log, pending, held };
}

const settle = () => new Promise((r) => setTimeout(r, 10));

test('submitAndMoveOn hands over the prefetched task before the submission is stored, and claims the one after only then', async () => {
  const server = fakeServer(4);
  const flow = new TaskFlow('p', { text: async () => {} });
  const first = await flow.first();
  await settle();
  assert.equal(first!.view.task.id, 't1');
  const next = await flow.submitAndMoveOn('t1', { objects: [] }, () => assert.fail('no error expected'));
  assert.equal(next!.view.task.id, 't2', 'the next task, while t1 is still being submitted');
  assert.deepEqual(server.log, ['claimed t1', 'claimed t2', 'submitting t1']);
  server.pending.shift()!.answer(true);
  await settle();
  assert.deepEqual(server.log.slice(3), ['stored t1', 'claimed t3'], 'never more than two held');
});

test('a refused submission is reported; the flow goes on once the next one is stored', async () => {
  const server = fakeServer(3);
  const flow = new TaskFlow('p', { text: async () => {} });
  await flow.first();
  await settle();
  const errors: unknown[] = [];
  const next = await flow.submitAndMoveOn('t1', { objects: [] }, (e) => errors.push(e));
  server.pending.shift()!.answer(false);
  await settle();
  assert.equal(errors.length, 1);
  assert.equal(next!.view.task.id, 't2');
  // t1 is still held (refused), so nothing was claimed behind it; the next submission frees room.
  const after = flow.submitAndMoveOn('t2', { objects: [] }, () => {});
  await settle();
  server.pending.shift()!.answer(true);
  assert.equal((await after)!.view.task.id, 't3');
});

test('submissions stored out of order still hand the tasks over in queue order', async () => {
  const server = fakeServer(6);
  const flow = new TaskFlow('p', { text: async () => {} });
  await flow.first();
  await settle();
  const second = await flow.submitAndMoveOn('t1', { objects: [] }, () => {});
  const third = flow.submitAndMoveOn('t2', { objects: [] }, () => {});
  await settle();
  const [t1, t2] = server.pending.splice(0, 2);
  t2!.answer(true); // the later submission lands first
  await settle();
  t1!.answer(true);
  assert.deepEqual([second!.view.task.id, (await third)!.view.task.id], ['t2', 't3']);
  await settle();
  const fourth = flow.submitAndMoveOn('t3', { objects: [] }, () => {});
  await settle();
  server.pending.shift()!.answer(true);
  assert.equal((await fourth)!.view.task.id, 't4');
});
