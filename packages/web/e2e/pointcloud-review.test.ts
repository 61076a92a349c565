import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { importer, imports, projectService } from '@cadre/server';
import { needsSharedData, saveScreenshot, useBrowserApp } from './setup.ts';
import { cloudPath, fitAround, frameLoaded, ONTOLOGY, SUSTECH, truth } from './pointcloud-setup.ts';
import { afterChecks, exportAndHistory, personWithRole, where } from './review-setup.ts';

// The review loop on a lidar frame: a fitted car box is rejected with a reason pinned to it, the
// annotator sees the reason beside the box, nudges it and submits again, the reviewer resizes it
// and accepts with A.
process.env.CADRE_MEDIA_ROOTS = SUSTECH;
const env = useBrowserApp();

async function oneCloudProject(): Promise<string> {
  const p = await projectService.createProject(env.h.deps, env.h.admin, { name: 'Reviewed cuboids', ontology: ONTOLOGY as never, settings: { stages: ['annotate', 'check', 'review'] } });
  const rows = imports.readTaskRows(Readable.from([Buffer.from(JSON.stringify([{ data: { pcd: cloudPath('000950') } }]))]), { format: 'json', file: 'clouds.json' });
  await importer.importRows(env.h.deps, env.h.admin, rows, { projectId: p.id, file: 'clouds.json', format: 'json' });
  return p.id;
}

test('point cloud: rejected with a reason pinned to a box, the annotator sees it beside the box, fixes it, the reviewer accepts', needsSharedData, async () => {
  const projectId = await oneCloudProject();
  const annotator = await personWithRole(env, projectId, 'ann-cloud', 'annotator');
  const reviewer = await personWithRole(env, projectId, 'rev-cloud', 'reviewer');
  const car = truth('000950', '1');

  const page = annotator.page;
  await page.goto(`${env.base}/projects/${projectId}/label`);
  await frameLoaded(page, 0);
  await page.keyboard.press('c');
  await fitAround(page, car);
  await page.locator('[data-testid=box-panel]').waitFor({ timeout: 15_000 });
  await page.locator('[data-testid=checks]', { hasText: 'all pass' }).waitFor();
  const boxId = (await page.locator('[data-testid=objects] .ol-row').first().getAttribute('data-id'))!;
  await page.keyboard.press('Control+Enter');
  await page.locator('text=No tasks are waiting').waitFor();
  await afterChecks(env, projectId, 'review');

  const rev = reviewer.page;
  await rev.goto(`${env.base}/projects/${projectId}/review`);
  await frameLoaded(rev, 0);
  await rev.locator('[data-testid=review-bar]').waitFor();
  await rev.locator(`[data-testid=objects] .ol-row[data-id="${boxId}"] .ol-main`).click();
  await rev.locator('[data-testid=reason-target]', { hasText: 'Car' }).waitFor();
  await rev.selectOption('[data-testid=reason-code]', 'loose_fit');
  await rev.fill('[data-testid=reason-note]', 'the mirror is outside');
  await rev.click('[data-testid=add-reason]');
  await rev.locator(`.cadre-note[data-object-id="${boxId}"]`, { hasText: 'the mirror is outside' }).first().waitFor();
  await rev.click('.review-bar .reject');
  await rev.locator('text=No tasks are waiting for review').waitFor();
  assert.equal((await where(env, projectId)).stage, 'annotate');

  await page.goto(`${env.base}/projects/${projectId}/label`);
  await frameLoaded(page, 0);
  await page.locator('[data-testid=rework]', { hasText: 'Returned 1 time' }).waitFor();
  const note = page.locator(`.cadre-note[data-object-id="${boxId}"]`).first();
  await note.waitFor();
  assert.match(await note.innerText(), /Not tight to the object: the mirror is outside/);
  await saveScreenshot(page, 'pointcloud-rework.png');
  // The fix: the box is nudged 0.1 m (Shift+Up), then submitted again.
  await page.locator(`[data-testid=objects] .ol-row[data-id="${boxId}"] .ol-main`).click();
  await page.locator('[data-testid=box-panel]').waitFor();
  await page.keyboard.press('Shift+ArrowUp');
  await page.locator('text=unsaved changes').waitFor();
  await page.keyboard.press('Control+Enter');
  await page.locator('text=No tasks are waiting').waitFor();
  await afterChecks(env, projectId, 'review');

  await rev.goto(`${env.base}/projects/${projectId}/review`);
  await frameLoaded(rev, 0);
  await rev.locator('[data-testid=review-bar]').waitFor();
  assert.match(await rev.locator('.pc-keys-help').innerText(), /A accept the work as it is on screen, your edits included/, 'in review A decides the work');
  // The reviewer makes the box 0.3 m longer in the panel, then accepts with A: the longer box is what counts.
  await rev.locator(`[data-testid=objects] .ol-row[data-id="${boxId}"] .ol-main`).click();
  const length = rev.getByLabel('length (m)');
  const longer = Math.round((Number(await length.inputValue()) + 0.3) * 100) / 100;
  await length.fill(String(longer));
  await length.press('Enter');
  await rev.getByRole('button', { name: 'Accept with my edits (A)' }).waitFor();
  await rev.locator('[data-testid=points-inside]').click();
  await rev.keyboard.press('a');
  await rev.locator('text=No tasks are waiting for review').waitFor();
  const end = await where(env, projectId);
  assert.equal(end.state, 'accepted', `the annotation ends accepted (task ${end.stage}/${end.status})`);
  const { objects, authors } = await exportAndHistory(env, projectId);
  assert.equal(objects[0]!.geometry.dx, longer, 'the export has the reviewer\'s resize');
  assert.deepEqual(authors, ['ann-cloud', 'ann-cloud', 'rev-cloud'], 'the accepted version is the reviewer\'s');
  await page.close();
  await rev.close();
});
