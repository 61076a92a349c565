import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { dispenser, importer, predictions, projectService, submissions, type Actor } from '@cadre/server';
import { review } from '../../server/src/services/workflow/review.service.ts';
import { COCO, needsSharedData, saveScreenshot, type BrowserApp, useBrowserApp } from './setup.ts';
import { personWithRole } from './review-setup.ts';

// A person holding several tasks: Returned to me opens the one clicked; a QA inspector who still
// holds review tasks is shown them, opens each, skips them with a reason and reaches QA; a task
// whose lease ran out on someone else opens with their draft, marked as theirs.
const env = useBrowserApp();

async function* firstRows<T>(rows: AsyncIterable<T>, n: number): AsyncIterable<T> {
  let i = 0;
  for await (const r of rows) { if (i++ >= n) return; yield r; }
}

/** A project over `n` coco128 images with these settings. */
async function imageProject(e: BrowserApp, name: string, n: number, settings: Record<string, unknown>): Promise<string> {
  const p = await projectService.createProject(e.h.deps, e.h.admin, { name, ontology: { classes: [{ name: 'car', kind: 'bbox2d' }] } as never, settings });
  const rows = predictions.folderRowsWithPredictions(`${COCO}images`, { kind: 'yolo', labelsDir: `${COCO}labels/train2017`, classesFile: `${COCO}config.yaml` });
  await importer.importRows(e.h.deps, e.h.admin, firstRows(rows, n), { projectId: p.id, file: `${COCO}images`, format: 'folder', skipInvalid: true });
  return p.id;
}

const oneBox = (id: string) => ({ schemaVersion: 1, objects: [{ id, label: 'car', kind: 'bbox2d', geometry: { x: 10, y: 10, width: 40, height: 30 }, attributes: {} }] });

/** The annotator labels their next task (one box); returns the task id. */
async function labelNext(projectId: string, who: Actor): Promise<string> {
  const view = await dispenser.claimNextView(env.h.deps, who, projectId);
  assert.ok(view, 'a task to label');
  await submissions.submit(env.h.deps, who, view.task.id, randomUUID(), oneBox('b1'));
  return view.task.id;
}

async function decideNext(projectId: string, who: Actor, verdict: 'accept' | 'reject', note = ''): Promise<string> {
  const view = await dispenser.claimNextView(env.h.deps, who, projectId, 'review');
  assert.ok(view, 'a task to review');
  const reasons = verdict === 'reject' ? [{ code: 'missed_object', objectId: null, note }] : undefined;
  await review(env.h.deps, who, view.task.id, { decisionId: randomUUID(), verdict, ...(reasons ? { reasons } : {}) });
  return view.task.id;
}

test('Returned to me: Open opens the task clicked, not another one the person holds', needsSharedData, async () => {
  const projectId = await imageProject(env, 'Returned twice', 2, { stages: ['annotate', 'review'] });
  const annotator = await personWithRole(env, projectId, 'ann-returned', 'annotator');
  const reviewer = await personWithRole(env, projectId, 'rev-returned', 'reviewer');
  await labelNext(projectId, annotator.actor);
  await labelNext(projectId, annotator.actor);
  await decideNext(projectId, reviewer.actor, 'reject', 'first wheel');
  const second = await decideNext(projectId, reviewer.actor, 'reject', 'second wheel');

  const page = annotator.page;
  await page.goto(`${env.base}/projects/${projectId}/returned`);
  const row = page.locator('[data-testid=returned-row]', { hasText: 'second wheel' });
  await row.getByRole('button', { name: 'Open' }).click();
  await page.locator('[data-testid=rework]').waitFor();
  assert.match(await page.locator('[data-testid=rework]').innerText(), /second wheel/);
  assert.ok(page.url().endsWith(second), `the address names the task: ${page.url()}`);
  for (const p of [page, reviewer.page]) await p.close();
});

test('QA with review tasks still held: the inspector sees them, opens each, skips them with a reason and reaches QA', needsSharedData, async () => {
  const settings = { stages: ['annotate', 'review', 'qa'], qaBatchBy: 'count', qaBatchSize: 1, qaSampleRate: 1 };
  const projectId = await imageProject(env, 'QA dead end', 3, settings);
  const annotator = await personWithRole(env, projectId, 'ann-dead-end', 'annotator');
  const reviewer = await personWithRole(env, projectId, 'rev-dead-end', 'reviewer');
  const inspector = await personWithRole(env, projectId, 'qa-dead-end', 'reviewer');
  for (let i = 0; i < 3; i++) await labelNext(projectId, annotator.actor);
  // One task is reviewed by someone else and waits in QA (a batch of one, all of it sampled).
  await decideNext(projectId, reviewer.actor, 'accept');

  // The inspector opened review first (one task open, the next prefetched), then went to QA.
  const page = inspector.page;
  await page.goto(`${env.base}/projects/${projectId}/review`);
  await page.locator('[data-testid=review-bar]').waitFor();
  await page.goto(`${env.base}/projects/${projectId}/qa`);
  const held = page.locator('[data-testid=held-tasks] a');
  await held.nth(1).waitFor();
  assert.equal(await held.count(), 2);
  await saveScreenshot(page, 'queues-held-tasks.png');

  // Each held task opens by its address; Skip with a reason gives it back.
  const skipped: string[] = [];
  await held.first().click();
  for (let i = 0; i < 2; i++) {
    await page.locator('[data-testid=review-bar]').waitFor();
    const current = (await page.locator('[data-testid=held-tasks] a[aria-current=page]').getAttribute('data-task-id'))!;
    skipped.push(current);
    await page.getByTestId('skip').click();
    await page.getByLabel('Skip reason').selectOption('conflict');
    await page.getByLabel('Skip note').fill('I know this annotator');
    await page.getByRole('button', { name: 'Skip task' }).click();
    if (i === 0) await page.locator(`[data-testid=held-tasks] a[aria-current=page]:not([data-task-id="${current}"])`).waitFor();
  }
  await page.locator('text=No tasks are waiting for review').waitFor();
  assert.equal(new Set(skipped).size, 2);

  await page.goto(`${env.base}/projects/${projectId}/qa`);
  await page.getByRole('button', { name: 'Correct (A)' }).waitFor();

  const { rows } = await env.h.deps.pool.query(`SELECT entity_id, data FROM events WHERE action = 'skipped' AND project_id = $1 ORDER BY id`, [projectId]);
  assert.deepEqual(rows.map((r) => [r.entity_id, r.data.reason, r.data.note]), skipped.map((id) => [id, 'conflict', 'I know this annotator']));
  // The skipped tasks went back to the queue: the other reviewer gets one.
  const other = await dispenser.claimNext(env.h.deps, reviewer.actor, projectId, 'review');
  assert.ok(other && skipped.includes(other.id));
  for (const p of [page, annotator.page, reviewer.page]) await p.close();
});

test('a lease ran out on someone: the next person opens the task with their draft, marked as theirs', needsSharedData, async () => {
  const projectId = await imageProject(env, 'Draft handed on', 1, { stages: ['annotate'] });
  const first = await personWithRole(env, projectId, 'ann-walked-away', 'annotator');
  const second = await personWithRole(env, projectId, 'ann-took-over', 'annotator');
  const task = await dispenser.claimNext(env.h.deps, first.actor, projectId);
  assert.ok(task);
  await submissions.saveDraft(env.h.deps, first.actor, task.id, { annotation: oneBox('left-behind'), pendingPredictions: [] });
  await env.h.deps.pool.query(`UPDATE tasks SET lease_expires_at = now() - interval '1 second' WHERE id = $1`, [task.id]);
  await dispenser.reapExpiredLeases(env.h.deps);

  const page = second.page;
  await page.goto(`${env.base}/projects/${projectId}/label`);
  await page.locator('[data-testid=draft-by]').waitFor();
  assert.match(await page.locator('[data-testid=draft-by]').innerText(), /ann-walked-away's draft/);
  await page.locator('[data-testid=objects] .ol-row[data-id=left-behind]').waitFor();
  for (const p of [page, first.page]) await p.close();
});
