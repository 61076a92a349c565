import { test } from 'node:test';
import assert from 'node:assert/strict';
import { needsSharedData, objectCount, saveScreenshot, useBrowserApp } from './setup.ts';
import { afterChecks, exportAndHistory, helpSaysADecides, oneImageProject, personWithRole, submitOneBox, where } from './review-setup.ts';

// The review loop on an image: an annotator's box is rejected with a reason pinned to it, the
// annotator sees the reason beside the box, fixes it and submits again, the reviewer accepts.
const env = useBrowserApp();

test('image: rejected with a reason pinned to a box, the annotator sees it beside the box, fixes it, the reviewer accepts', needsSharedData, async () => {
  const projectId = await oneImageProject(env, 'Reviewed boxes', ['annotate', 'check', 'review']);
  const annotator = await personWithRole(env, projectId, 'ann-image', 'annotator');
  const reviewer = await personWithRole(env, projectId, 'rev-image', 'reviewer');

  // The annotator draws a box and submits.
  let page = annotator.page;
  const boxId = await submitOneBox(env, page, projectId);

  // The reviewer pins a reason to the box and rejects.
  const rev = reviewer.page;
  await rev.goto(`${env.base}/projects/${projectId}/review`);
  await rev.locator('[data-testid=review-bar]').waitFor();
  assert.match(await rev.locator('[data-testid=changes]').innerText(), /1 by hand/);
  assert.equal(await rev.locator('.review-bar .reject').isDisabled(), true, 'no reason yet: Reject waits');
  await rev.locator(`[data-testid=objects] .ol-row[data-id="${boxId}"] .ol-main`).click();
  await rev.locator('[data-testid=reason-target]', { hasText: 'car' }).waitFor();
  await rev.selectOption('[data-testid=reason-code]', 'loose_fit');
  await rev.fill('[data-testid=reason-note]', 'too wide on the left');
  await rev.click('[data-testid=add-reason]');
  await rev.locator(`.cadre-note[data-object-id="${boxId}"]`, { hasText: 'too wide on the left' }).waitFor();
  // A second reason on the whole image shows in the canvas's corner.
  await rev.locator('.reason-whole input').check();
  await rev.selectOption('[data-testid=reason-code]', 'missed_object');
  await rev.fill('[data-testid=reason-note]', 'the fork on the right');
  await rev.click('[data-testid=add-reason]');
  await rev.locator('.notes-whole .cadre-note', { hasText: 'Object missed: the fork on the right' }).waitFor();
  await saveScreenshot(rev, 'review.png');
  await rev.click('.review-bar .reject');
  await rev.locator('text=No tasks are waiting for review').waitFor();
  assert.equal((await where(env, projectId)).stage, 'annotate');

  // The annotator gets it back with the reason on the canvas beside the box.
  await page.goto(`${env.base}/projects/${projectId}/returned`);
  await page.locator('[data-testid=returned-row]', { hasText: 'too wide on the left' }).waitFor();
  await page.goto(`${env.base}/projects/${projectId}/label`);
  await page.locator('[data-testid=rework]', { hasText: 'Returned 1 time' }).waitFor();
  const note = page.locator(`.cadre-note[data-object-id="${boxId}"]`);
  await note.waitFor();
  assert.match(await note.innerText(), /Not tight to the object: too wide on the left/);
  await page.locator('.notes-whole .cadre-note', { hasText: 'Object missed: the fork on the right' }).waitFor();
  await saveScreenshot(page, 'rework.png');
  // The fix: the box is dragged a little with the select tool, then submitted again.
  const canvas = (await page.locator('[data-testid=canvas]').boundingBox())!;
  await page.keyboard.press('v');
  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  await page.mouse.down();
  await page.mouse.move(canvas.x + canvas.width / 2 + 12, canvas.y + canvas.height / 2, { steps: 4 });
  await page.mouse.up();
  await page.locator('text=unsaved changes').waitFor();
  await page.keyboard.press('Control+Enter');
  await page.locator('text=No tasks are waiting').waitFor();
  await afterChecks(env, projectId, 'review');

  // The reviewer accepts (A), and the work is accepted.
  await rev.goto(`${env.base}/projects/${projectId}/review`);
  await rev.locator('[data-testid=review-bar]').waitFor();
  await objectCount(rev, 1).waitFor();
  await rev.keyboard.press('a');
  await rev.locator('text=No tasks are waiting for review').waitFor();
  const end = await where(env, projectId);
  assert.equal(end.state, 'accepted', `the annotation ends accepted (task ${end.stage}/${end.status})`);
  await page.close();
  await rev.close();
});

test('image: the reviewer moves the box and accepts with A; the export has the move and the history names the reviewer', needsSharedData, async () => {
  const projectId = await oneImageProject(env, 'Fixed boxes', ['annotate', 'check', 'review']);
  const annotator = await personWithRole(env, projectId, 'ann-fix', 'annotator');
  const reviewer = await personWithRole(env, projectId, 'rev-fix', 'reviewer');
  const page = annotator.page;
  const boxId = await submitOneBox(env, page, projectId);
  const before = (await boxWaitingIn(projectId, 'review')).x;

  const rev = reviewer.page;
  await rev.goto(`${env.base}/projects/${projectId}/review`);
  await rev.locator('[data-testid=review-bar]').waitFor();
  await rev.getByRole('button', { name: 'Accept (A)' }).waitFor();
  // One key, one meaning: in review A decides the work, and the help says so.
  const help = await helpSaysADecides(rev, () => rev.keyboard.press('?'));
  assert.match(help, /accept the work as it is on screen, your edits included/);
  assert.doesNotMatch(help, /Accept the selected predictions/);
  const canvas = (await rev.locator('[data-testid=canvas]').boundingBox())!;
  await rev.keyboard.press('v');
  await rev.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  await rev.mouse.down();
  await rev.mouse.move(canvas.x + canvas.width / 2 - 20, canvas.y + canvas.height / 2, { steps: 4 });
  await rev.mouse.up();
  await rev.getByRole('button', { name: 'Accept with my edits (A)' }).waitFor();
  await rev.keyboard.press('a');
  await rev.locator('text=No tasks are waiting for review').waitFor();

  const { objects, authors } = await exportAndHistory(env, projectId);
  assert.equal(objects.length, 1);
  assert.equal(objects[0]!.id, boxId);
  assert.ok(objects[0]!.geometry.x! < before - 5, `the export has the reviewer's move (x ${objects[0]!.geometry.x} after, ${before} before)`);
  assert.deepEqual(authors, ['ann-fix', 'rev-fix'], 'the accepted version is the reviewer\'s');
  await page.close();
  await rev.close();
});

/** The box's x in the work now waiting in `stage`, read from the database (the export shows accepted work only). */
async function boxWaitingIn(projectId: string, stage: string): Promise<{ x: number }> {
  const { rows } = await env.h.deps.pool.query(
    `select a.payload from annotations a join tasks t on t.item_id = a.item_id where t.project_id = $1 and t.stage = $2 order by a.version desc limit 1`, [projectId, stage]);
  return { x: rows[0].payload.objects[0].geometry.x };
}
