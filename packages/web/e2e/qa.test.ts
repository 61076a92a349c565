import { test } from 'node:test';
import assert from 'node:assert/strict';
import { needsSharedData, saveScreenshot, signedInPage, useBrowserApp } from './setup.ts';
import { oneImageProject, personWithRole, submitOneBox, where } from './review-setup.ts';

// QA after review: the accepted work waits in its annotator's batch; a manager closes the batch,
// its sample is inspected (Correct, refused while the inspector has moved a box), and the whole batch is accepted.
const env = useBrowserApp();

test('QA: a manager closes the batch from the batches page, an inspector marks the sample correct, the batch and the work are accepted', needsSharedData, async () => {
  const projectId = await oneImageProject(env, 'QA boxes', ['annotate', 'check', 'review', 'qa']);
  const annotator = await personWithRole(env, projectId, 'ann-qa', 'annotator');
  const reviewer = await personWithRole(env, projectId, 'rev-qa', 'reviewer');

  const page = annotator.page;
  await submitOneBox(env, page, projectId);

  const rev = reviewer.page;
  await rev.goto(`${env.base}/projects/${projectId}/review`);
  await rev.locator('[data-testid=review-bar]').waitFor();
  await rev.keyboard.press('a');
  await rev.locator('text=No tasks are waiting for review').waitFor();
  assert.equal((await where(env, projectId)).stage, 'qa');

  // The manager sees the open batch on the project page's backlog and on the batches page, and closes it.
  const manager = await signedInPage(env);
  await manager.goto(`${env.base}/projects/${projectId}`);
  await manager.locator('[data-testid=stages] tr[data-stage=qa]').waitFor();
  await manager.getByRole('link', { name: 'QA batches' }).click();
  const row = manager.locator('[data-testid=batch-row]');
  await row.filter({ hasText: 'ann-qa' }).waitFor();
  assert.equal(await row.getAttribute('data-status'), 'open');
  await row.getByRole('button', { name: 'Close' }).click();
  await manager.locator('[data-testid=batch-row][data-status=sampling]').waitFor();

  // The inspector opens QA: the decisions read Correct and Incorrect.
  await rev.goto(`${env.base}/projects/${projectId}/qa`);
  await rev.locator('[data-testid=review-bar]').waitFor();
  await rev.getByRole('button', { name: 'Incorrect' }).waitFor();
  // QA keeps no edits: with the box moved, Correct (A) is refused with a message instead of dropping the move.
  const canvas = (await rev.locator('[data-testid=canvas]').boundingBox())!;
  await rev.keyboard.press('v');
  await rev.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  await rev.mouse.down();
  await rev.mouse.move(canvas.x + canvas.width / 2 - 20, canvas.y + canvas.height / 2, { steps: 4 });
  await rev.mouse.up();
  await rev.keyboard.press('a');
  await rev.locator('[role=alert]', { hasText: 'QA keeps no edits' }).waitFor();
  assert.equal((await where(env, projectId)).stage, 'qa');
  await rev.keyboard.press('Control+z');
  await rev.getByRole('button', { name: 'Correct (A)' }).click();
  await rev.locator('text=No tasks are waiting for QA').waitFor();

  await manager.reload();
  const done = manager.locator('[data-testid=batch-row][data-status=accepted]');
  await done.waitFor();
  assert.match(await done.innerText(), /100%/);
  await saveScreenshot(manager, 'qa-batches.png');
  assert.equal((await where(env, projectId)).state, 'accepted');
  await manager.getByRole('link', { name: 'Quality' }).click();
  await manager.locator('[data-testid=quality-annotators]', { hasText: 'ann-qa' }).waitFor();
  await saveScreenshot(manager, 'quality.png');
  await manager.getByRole('link', { name: 'Overview', exact: true }).click();
  await manager.locator('[data-testid=stages]').waitFor();
  await saveScreenshot(manager, 'project-stages.png');
  for (const p of [page, rev, manager]) await p.close();
});
