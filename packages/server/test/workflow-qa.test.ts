import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { annotations, qa } from '@cadre/db';
import { dispenser } from '../src/index.ts';
import { closeBatchNow, listBatches } from '../src/services/workflow/queues.service.ts';
import { closeOverdueBatches } from '../src/services/workflow/machine-stage.ts';
import { harness, type Harness } from './harness.ts';
import { crew, decide, label } from './workflow-harness.ts';

let h: Harness;
before(async () => { h = await harness(); });
after(async () => { await h.close(); });

const QA = (more: Record<string, unknown>) => ({ stages: ['annotate', 'qa'], qaBatchBy: 'count', qaSecondSample: 0, ...more });

async function fill(c: Awaited<ReturnType<typeof crew>>, n: number) {
  const items: string[] = [];
  for (let i = 0; i < n; i++) items.push((await label(h, c.projectId, c.annotator)).view.item.id);
  return items;
}

test('a full batch closes and opens its sample; at or above the threshold the whole batch is accepted', async () => {
  const c = await crew(h, 'QA pass', QA({ qaBatchSize: 5, qaSampleRate: 0.4 }), 5);
  const items = await fill(c, 5);
  const [batch] = await listBatches(h.deps, h.admin, c.projectId);
  assert.equal(batch!.status, 'sampling');
  assert.equal(batch!.size, 5);
  assert.equal(batch!.sampled, 2, 'ceil(0.4 × 5)');
  await decide(h, c.projectId, c.inspector, 'qa', 'accept');
  await decide(h, c.projectId, c.inspector, 'qa', 'accept');
  assert.equal(await dispenser.claimNext(h.deps, c.inspector, c.projectId, 'qa'), null, 'only the sample is inspected');
  const [done] = await listBatches(h.deps, h.admin, c.projectId);
  assert.equal(done!.status, 'accepted');
  assert.equal(done!.accuracy, 1);
  for (const id of items) assert.equal((await annotations.latestAnnotation(h.deps.db, id))!.state, 'accepted');
});

test('a batch below the threshold returns whole to its annotator, each task with the batch\'s reason', async () => {
  const c = await crew(h, 'QA fail', QA({ qaBatchSize: 5, qaSampleRate: 0.4 }), 5);
  const items = await fill(c, 5);
  await decide(h, c.projectId, c.inspector, 'qa', 'accept');
  await decide(h, c.projectId, c.inspector, 'qa', 'reject', { reasons: [{ code: 'wrong_class', objectId: 'car-1', note: 'a van' }] });
  const [batch] = await listBatches(h.deps, h.admin, c.projectId);
  assert.equal(batch!.status, 'rejected');
  assert.equal(batch!.accuracy, 0.5);
  for (const id of items) assert.equal((await annotations.latestAnnotation(h.deps.db, id))!.state, 'rejected');
  assert.equal(await dispenser.claimNext(h.deps, c.second, c.projectId), null, 'the rework is reserved for its author');
  const returned = [];
  for (let i = 0; i < 5; i++) {
    const t = (await dispenser.claimNextView(h.deps, c.annotator, c.projectId))!;
    returned.push(t);
    await dispenser.skip(h.deps, c.annotator, t.task.id, null).catch(() => undefined);
  }
  assert.equal(new Set(returned.map((t) => t.item.id)).size, 5);
  for (const t of returned) {
    assert.equal(t.reasons[0]!.code, 'qa_batch_failed');
    assert.match(t.reasons[0]!.note, /50% is below the threshold 80%/);
    assert.equal(t.task.rejections, 1);
  }
  const inspected = returned.find((t) => t.reasons.some((r) => r.code === 'wrong_class'));
  assert.ok(inspected, 'the inspected task keeps its inspector\'s reason too');
});

test('double sampling: a first sample too close to the threshold grows before the batch is decided', async () => {
  const c = await crew(h, 'QA double', QA({ qaBatchSize: 40, qaSampleRate: 0.1, qaSecondSample: 12 }), 40);
  await fill(c, 40);
  let [batch] = await listBatches(h.deps, h.admin, c.projectId);
  assert.equal(batch!.sampled, 4);
  for (const v of ['accept', 'accept', 'accept', 'reject'] as const) {
    await decide(h, c.projectId, c.inspector, 'qa', v, v === 'reject' ? { reasons: [{ code: 'other' }] } : {});
  }
  [batch] = await listBatches(h.deps, h.admin, c.projectId);
  assert.equal(batch!.status, 'sampling', '3 of 4 (75%) is too close to 80% to call');
  assert.equal(batch!.sampled, 12);
  for (let i = 0; i < 8; i++) await decide(h, c.projectId, c.inspector, 'qa', 'accept');
  [batch] = await listBatches(h.deps, h.admin, c.projectId);
  assert.equal(batch!.status, 'accepted');
  assert.equal(batch!.inspected, 12);
  assert.equal(batch!.correct, 11);
});

test('day batches: a manager closes one early; a batch whose day is over is closed by the worker', async () => {
  const c = await crew(h, 'QA days', { stages: ['annotate', 'qa'], qaSampleRate: 0.5, qaSecondSample: 0 }, 4);
  await fill(c, 2);
  let [batch] = await listBatches(h.deps, h.admin, c.projectId);
  assert.equal(batch!.status, 'open');
  assert.equal(batch!.key, new Date().toISOString().slice(0, 10));
  await assert.rejects(closeBatchNow(h.deps, c.annotator, batch!.id), /roles manager/);
  const closed = await closeBatchNow(h.deps, h.admin, batch!.id);
  assert.equal(closed.status, 'sampling');
  assert.equal(closed.sampled, 1);
  await fill(c, 1);
  [batch] = await listBatches(h.deps, h.admin, c.projectId);
  assert.equal(batch!.status, 'open');
  await h.deps.db.updateTable('qa_batches').set({ key: '2020-01-01' }).where('id', '=', batch!.id).execute();
  assert.ok((await closeOverdueBatches(h.deps)) >= 1);
  assert.equal((await qa.lockBatch(h.deps.db, batch!.id))!.status, 'sampling');
});
