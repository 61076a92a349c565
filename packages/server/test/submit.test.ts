import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { dispenser, submissions } from '../src/index.ts';
import { annotations } from '@cadre/db';
import { harness, box, payload, type Harness } from './harness.ts';

let h: Harness;
before(async () => { h = await harness(); });
after(async () => { await h.close(); });

test('a retried submit makes one annotation and answers like the first', async () => {
  const { worker: w, task } = await h.leasedTask('Retry');
  const submissionId = randomUUID();
  // The client retries while the first request is still in flight, and once more afterwards.
  const [first, second] = await Promise.all([
    submissions.submit(h.deps, w, task.id, submissionId, payload(box('a'))),
    submissions.submit(h.deps, w, task.id, submissionId, payload(box('a'))),
  ]);
  const third = await submissions.submit(h.deps, w, task.id, submissionId, payload(box('a')));
  assert.equal(first.annotationId, second.annotationId);
  assert.equal(first.annotationId, third.annotationId);
  assert.deepEqual([first.replayed, second.replayed].sort(), [false, true]);
  assert.equal((await annotations.annotationsOfItem(h.deps.db, task.item_id)).length, 1);
});

test('a submit with a different id after success is refused, not stored twice', async () => {
  const { worker: w, task } = await h.leasedTask('Twice');
  await submissions.submit(h.deps, w, task.id, randomUUID(), payload(box('a')));
  await assert.rejects(submissions.submit(h.deps, w, task.id, randomUUID(), payload(box('a'))), /already submitted/);
  assert.equal((await annotations.annotationsOfItem(h.deps.db, task.item_id)).length, 1);
});

test('an invalid annotation is refused with every problem, and the lease is kept', async () => {
  const { projectId, worker: w, task } = await h.leasedTask('Invalid');
  const bad = payload(
    { id: 'a', label: 'car', kind: 'bbox2d', geometry: { x: 1, y: 1, width: Number.NaN, height: 3 }, attributes: { occluded: false } },
    { id: 'b', label: 'car', kind: 'bbox2d', geometry: { x: 1, y: 1, width: 2, height: 3 }, attributes: {} },
  );
  await assert.rejects(submissions.submit(h.deps, w, task.id, randomUUID(), bad), (e: Error & { details?: { path: string }[] }) => {
    const paths = (e.details ?? []).map((d) => d.path).join(' ');
    assert.match(paths, /objects\[0\]\.geometry\.width/);
    assert.match(paths, /objects\[1\]\.attributes/);
    return true;
  });
  const held = await dispenser.heldTasks(h.deps, w, projectId);
  assert.equal(held[0]?.task.id, task.id);
});

test('a draft is kept with the task and gone after submit', async () => {
  const { worker: w, task } = await h.leasedTask('Drafts');
  await submissions.saveDraft(h.deps, w, task.id, payload(box('half-done')));
  const view = await dispenser.getTask(h.deps, w, task.id);
  assert.deepEqual(view.draft, payload(box('half-done')));
  await submissions.submit(h.deps, w, task.id, randomUUID(), payload(box('done')));
  assert.equal((await dispenser.getTask(h.deps, w, task.id)).draft, null);
});
