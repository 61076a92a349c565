// The manager's tasks view on the real database: filters, sorts, cursor paging without gaps or
// duplicates, search, each bulk action with its refusals and a retry that changes nothing, who may
// read and who may act; and the route's answers to bad input (400 naming the field).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { TasksSort, TasksViewRow } from '@cadre/contract';
import { audit } from '@cadre/db';
import { dispenser, tasksView, type Actor } from '../src/index.ts';
import type { TasksPageQuery } from '../src/services/tasks-view/index.ts';
import { box, harness, httpApp, signIn, type Harness } from './harness.ts';
import { crew, decide, label, type Crew } from './workflow-harness.ts';

let h: Harness;
let app: FastifyInstance;
let c: Crew;
let manager: Actor;
const ROWS = 24;
const lane = (id: string) => ({ id, label: 'lane', kind: 'polyline', geometry: { points: [[1, 1], [30, 40]] }, attributes: {} });
const PREDICTION = (score: number) => `[{"model_version":"m1","score":${score},"result":[{"type":"rectanglelabels","value":{"x":1,"y":2,"width":3,"height":4,"rectanglelabels":["car"]}}]}]`;

before(async () => {
  h = await harness();
  app = await httpApp(h);
  c = await crew(h, 'Tasks view', { stages: ['annotate', 'review'], reviewRate: 1, maxHeldTasks: 5 }, 0);
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const n = String(i + 1).padStart(3, '0');
    const street = i % 3 === 0 ? 'harbour' : 'market';
    return `{"data":{"image":"/images/street-${n}.jpg","camera":"${street}-cam"}${i % 4 === 0 ? `,"predictions":${PREDICTION(0.5 + i / 100)}` : ''}}\n`;
  }).join('');
  await h.importText(c.projectId, rows);
  manager = await h.user('tv-boss@test.local');
  await h.member(c.projectId, manager, 'manager');
  // Work on the first tasks: three labelled with a car, one with a lane; one reviewed and rejected.
  for (let i = 0; i < 3; i++) await label(h, c.projectId, c.annotator);
  await label(h, c.projectId, c.second, [lane('l-1')]);
  await decide(h, c.projectId, c.reviewer, 'review', 'reject', { reasons: [{ code: 'other', note: 'no' }] });
  // The second annotator holds one task now.
  await dispenser.claimNext(h.deps, c.second, c.projectId);
});
after(async () => { await app.close(); await h.close(); });

const page = (q: TasksPageQuery, who: Actor = manager) => tasksView.tasksPage(h.deps, who, c.projectId, q);

async function all(q: TasksPageQuery, limit = 5): Promise<TasksViewRow[]> {
  const out: TasksViewRow[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const p = await page({ ...q, limit, ...(cursor ? { cursor } : {}) });
    out.push(...p.tasks);
    if (!p.next) return out;
    cursor = p.next;
  }
  throw new Error('paging never ended');
}

test('every sort, both ways, pages through every task once, in order, with an exact total', async () => {
  const first = await page({ limit: 5 });
  assert.deepEqual(first.total, { count: ROWS, exact: true });
  const key: Record<TasksSort, (r: TasksViewRow) => number | string> = {
    created: (r) => r.id, priority: (r) => r.priority, rejections: (r) => r.rejections, changed: (r) => r.changedAt, score: (r) => r.score ?? -Infinity,
  };
  for (const sort of Object.keys(key) as TasksSort[]) {
    for (const dir of ['asc', 'desc'] as const) {
      const rows = await all({ sort, dir });
      assert.equal(rows.length, ROWS, `${sort} ${dir}: every task`);
      assert.equal(new Set(rows.map((r) => r.id)).size, ROWS, `${sort} ${dir}: none twice`);
      const keys = rows.map(key[sort]);
      for (let i = 1; i < keys.length; i++) {
        assert.ok(dir === 'asc' ? keys[i - 1]! <= keys[i]! : keys[i - 1]! >= keys[i]!, `${sort} ${dir}: in order at ${i}`);
      }
    }
  }
});

test('filters: stage and status, person, class, rejections, score, search, agreement', async () => {
  const review = await all({ stage: 'review', status: 'open' });
  assert.equal(review.length, 3, 'three labelled tasks wait for review (one went back)');
  assert.ok(review.every((r) => r.stage === 'review' && r.status === 'open'));

  const second = await all({ person: c.second.userId });
  assert.equal(second.length, 2, 'the lane task they labelled and the task they hold');
  assert.ok(second.every((r) => r.person?.id === c.second.userId));
  assert.equal(second.filter((r) => r.person?.holds).length, 1);

  const lanes = await all({ class: 'lane' });
  assert.equal(lanes.length, 1);
  assert.deepEqual(lanes[0]!.classes, ['lane']);
  assert.equal((await all({ class: 'car' })).length, 3, 'the rejected car still is the current annotation');

  const rejected = await all({ minRejections: 1 });
  assert.equal(rejected.length, 1);
  assert.equal(rejected[0]!.rejections, 1);

  const scored = await all({ scoreMin: 0.6 });
  assert.deepEqual(scored.map((r) => r.score).sort(), [0.62, 0.66, 0.7], 'rows 13, 17 and 21 carry predictions scored 0.62 and up');
  assert.equal((await all({ scoreMin: 0.5, scoreMax: 0.55 })).length, 2);

  const harbour = await all({ q: 'harbour' });
  assert.equal(harbour.length, ROWS / 3, 'metadata words');
  const one = await all({ q: 'street-007' });
  assert.deepEqual(one.map((r) => r.item.name), ['street-007.jpg'], 'the file name');
  assert.equal((await all({ q: 'harb' })).length, ROWS / 3, 'a word is matched by its beginning');
  assert.equal((await all({ q: '  ' })).length, ROWS, 'no words, no search');
  // What Cadre keeps of a file's format to give it back (as a Label Studio task's label import stores it) is not searched.
  await h.deps.pool.query(`UPDATE items SET metadata = metadata || '{"labelstudio":{"taskId":7,"dataKey":"image","controls":["label"]}}' WHERE project_id = $1`, [c.projectId]);
  assert.equal((await all({ q: 'labelstudio' })).length, 0, 'bookkeeping is not metadata to search');
  assert.equal((await all({ q: 'datakey' })).length, 0);
  assert.equal((await all({ q: 'harbour' })).length, ROWS / 3, "the item's own metadata still is");

  assert.equal((await all({ agreementMin: 0.5 })).length, 0, 'no consensus in this project');
  const none = await page({ q: 'nowhere-to-be-found' });
  assert.deepEqual([none.tasks.length, none.total], [0, { count: 0, exact: true }]);
});

test('bulk actions: each refuses what the workflow forbids, says why, counts what changed, and a retry changes nothing', async () => {
  const act = (body: Parameters<typeof tasksView.bulk>[3]) => tasksView.bulk(h.deps, manager, c.projectId, body);
  const held = (await all({ status: 'leased' }))[0]!;
  // Fresh ones (the rejected task is reserved for its annotator already).
  const open = (await all({ stage: 'annotate', status: 'open', sort: 'created', dir: 'asc' })).filter((r) => r.rejections === 0).slice(0, 3).map((r) => r.id);

  const reassign = await act({ action: { kind: 'reassign', userId: c.annotator.userId }, taskIds: [...open, held.id] });
  assert.deepEqual([reassign.changed, reassign.unchanged, reassign.refusedCount], [3, 0, 1]);
  assert.equal(reassign.refused[0]!.taskId, held.id);
  assert.match(reassign.refused[0]!.reason, /holds it right now/);
  const again = await act({ action: { kind: 'reassign', userId: c.annotator.userId }, taskIds: open });
  assert.deepEqual([again.changed, again.unchanged], [0, 3], 'a retry changes nothing');
  await assert.rejects(act({ action: { kind: 'reassign', userId: (await h.user('outsider-tv@test.local')).userId }, taskIds: open }), /userId: is not a member/);
  // Reserved for the annotator: their own work comes to them (the rework first), to nobody else.
  const got = await dispenser.claimNext(h.deps, c.annotator, c.projectId);
  assert.equal(got?.reserved_for, c.annotator.userId);

  const raise = await act({ action: { kind: 'priority', mode: 'raise', value: 5 }, taskIds: open });
  assert.equal(raise.changed, 3);
  const set = await act({ action: { kind: 'priority', mode: 'set', value: 5 }, taskIds: open });
  assert.deepEqual([set.changed, set.unchanged], [0, 3], 'already 5');
  assert.deepEqual((await all({ sort: 'priority', dir: 'desc' })).slice(0, 4).map((r) => r.priority), [1000, 5, 5, 5], 'after the rework');

  const inReview = (await all({ stage: 'review', status: 'open' })).map((r) => r.id);
  const back = await act({ action: { kind: 'sendBack', stage: 'annotate' }, taskIds: inReview });
  assert.equal(back.changed, inReview.length);
  assert.equal((await all({ stage: 'review' })).length, 0);
  const forward = await act({ action: { kind: 'sendBack', stage: 'review' }, taskIds: inReview });
  assert.equal(forward.refusedCount, inReview.length);
  assert.match(forward.refused[0]!.reason, /only goes back/);
  await assert.rejects(act({ action: { kind: 'sendBack', stage: 'qa' }, taskIds: inReview }), /has no qa stage/);

  const skip = await act({ action: { kind: 'skip' }, taskIds: [held.id, got!.id] });
  assert.equal(skip.changed, 2, 'both holders lose their task to the queue');
  assert.equal((await all({ status: 'leased' })).length, 0);
  assert.equal((await act({ action: { kind: 'skip' }, taskIds: [held.id] })).unchanged, 1);

  const mine = await dispenser.claimNext(h.deps, c.second, c.projectId);
  const gone = (await all({ stage: 'annotate', status: 'open', sort: 'created', dir: 'desc' })).slice(0, 2).map((r) => r.id);
  const removal = await act({ action: { kind: 'remove' }, taskIds: [...gone, mine!.id] });
  assert.deepEqual([removal.changed, removal.refusedCount], [2, 1]);
  assert.equal((await page({})).total!.count, ROWS - 2);
  const retry = await act({ action: { kind: 'remove' }, taskIds: gone });
  assert.deepEqual([retry.changed, retry.unchanged], [0, 2], 'removed already');
});

test('bulk on everything a filter matches acts on at most the confirmed count', async () => {
  const harbour = await page({ q: 'harbour' });
  await assert.rejects(tasksView.bulk(h.deps, manager, c.projectId, { action: { kind: 'priority', mode: 'set', value: 42 }, filter: { q: 'harbour' } }), /confirmCount/);
  const r = await tasksView.bulk(h.deps, manager, c.projectId, { action: { kind: 'priority', mode: 'set', value: 42 }, filter: { q: 'harbour' }, confirmCount: 3 });
  assert.equal(r.matched, 3);
  const all42 = await tasksView.bulk(h.deps, manager, c.projectId, { action: { kind: 'priority', mode: 'set', value: 42 }, filter: { q: 'harbour' }, confirmCount: harbour.total!.count });
  assert.equal(all42.matched, harbour.total!.count);
  assert.equal(all42.unchanged, 3, 'the first three were done already');
});

test('who: an annotator is refused, a reviewer reads but may not act; over HTTP bad input is a 400 naming the field', async () => {
  await assert.rejects(page({}, c.annotator), (e: Error & { code?: string }) => e.code === 'forbidden');
  assert.ok((await page({}, c.reviewer)).tasks.length > 0);
  await assert.rejects(tasksView.bulk(h.deps, c.reviewer, c.projectId, { action: { kind: 'skip' }, taskIds: [c.projectId] }), (e: Error & { code?: string }) => e.code === 'forbidden');

  const boss = await signIn(app, 'tv-boss@test.local', 'user-password');
  const get = (qs: string) => app.inject({ method: 'GET', url: `/api/projects/${c.projectId}/tasks/view?${qs}`, headers: { cookie: boss } });
  assert.equal((await get('limit=3')).statusCode, 200);
  for (const [qs, field] of [['stage=nowhere', 'stage'], ['scoreMin=NaN', 'scoreMin'], ['cursor=!!!', 'cursor'], ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
    ['sort=priority&cursor=' + (await page({ limit: 1 })).next, 'cursor'], ['agreementMin=0.9&agreementMax=0.1', 'agreementMin'], ['limit=100000', 'limit']] as const) {
    const res = await get(qs);
    assert.equal(res.statusCode, 400, `${qs}: ${res.body}`);
    assert.match(res.json().error.message, new RegExp(field), `${qs} names ${field}`);
  }
  const bulk = (payload: object) => app.inject({ method: 'POST', url: `/api/projects/${c.projectId}/tasks/bulk`, headers: { cookie: boss }, payload });
  assert.equal((await bulk({ action: { kind: 'explode' }, taskIds: [c.projectId] })).statusCode, 400);
  const both = await bulk({ action: { kind: 'skip' } });
  assert.equal(both.statusCode, 400);
  assert.match(both.json().error.message, /taskIds|filter/);
  const ok = await bulk({ action: { kind: 'priority', mode: 'raise', value: 1 }, taskIds: [(await page({ limit: 1 })).tasks[0]!.id] });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().changed, 1);
  const reviewer = await signIn(app, 'tasks-view-rev@test.local', 'user-password');
  assert.equal((await app.inject({ method: 'POST', url: `/api/projects/${c.projectId}/tasks/bulk`, headers: { cookie: reviewer }, payload: { action: { kind: 'skip' }, taskIds: [c.projectId] } })).statusCode, 403);
  const entries = await audit.list(h.deps.db, { projectId: c.projectId, limit: 50 });
  assert.ok(entries.some((a) => a.action === 'tasks.bulk' && a.status === 200), 'the bulk action is audited');
});

void box;
