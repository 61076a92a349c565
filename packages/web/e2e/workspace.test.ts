import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dispenser, exporter, predictions, projectService } from '@cadre/server';
import { COCO, cocoProject, dragBox, needsSharedData, objectCount, saveScreenshot, signedInPage, useBrowserApp } from './setup.ts';

// The README shows the workspace as this test sees it (CADRE_UPDATE_SCREENSHOTS=1 refreshes it).
const env = useBrowserApp();

function cocoBoxes(): Promise<string> {
  const names = predictions.parseClassNames(readFileSync(`${COCO}config.yaml`, 'utf8'));
  return cocoProject(env, 'COCO boxes', { classes: names.map((name) => ({ name, kind: 'bbox2d' })) });
}

test('an annotator accepts one machine box, deletes another, draws one, submits, and the export holds exactly those', needsSharedData, async () => {
  const projectId = await cocoBoxes();
  const page = await signedInPage(env);
  await page.goto(`${env.base}/projects/${projectId}/label`);
  await objectCount(page, 0).waitFor();
  // The page works on the task it claimed first; the second one it holds is the prefetched next.
  const [current] = await dispenser.heldTasks(env.h.deps, env.h.admin, projectId);
  const machine = current!.predictions.flatMap((p) => p.objects) as { id: string; geometry: Record<string, number> }[];
  assert.ok(machine.length >= 2, 'the first coco128 image comes with machine boxes');

  await page.keyboard.press('Tab'); // the first machine box
  await page.keyboard.press('a'); // accepted as it is
  await objectCount(page, 1).waitFor();
  await page.keyboard.press('Tab'); // the next one waiting
  await page.keyboard.press('Delete'); // dropped
  const box = (await page.locator('[data-testid=canvas]').boundingBox())!;
  const canvas = { width: Math.round(box.width), height: Math.round(box.height) };
  await dragBox(page);
  await objectCount(page, 2).waitFor();
  await saveScreenshot(page, 'workspace.png');
  await page.keyboard.press('Control+Enter');
  await page.locator('text=submitted').waitFor();

  let text = '';
  for await (const chunk of exporter.exportJsonl(env.h.deps, env.h.admin, projectId, { onlyAnnotated: true, which: 'latest' })) text += chunk;
  const rows = text.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(rows.length, 1);
  const objects = rows[0].annotation.objects as { origin: string; predictionId?: string; geometry: Record<string, number> }[];
  assert.equal(objects.length, 2, 'the accepted box and the drawn one; the deleted prediction is gone');
  const accepted = objects.find((o) => o.origin === 'prediction_accepted')!;
  assert.equal(accepted.predictionId, machine[0]!.id);
  for (const k of ['x', 'y', 'width', 'height']) assert.ok(Math.abs(accepted.geometry[k]! - machine[0]!.geometry[k]!) <= 1, `${k} within 1 px`);
  // The drawn box, in image pixels within 1 px of where the mouse went: the canvas fits the
  // 640 × 480 image with a 16 px margin, and dragBox drags 80 × 60 canvas px around the centre.
  const drawn = objects.find((o) => o.origin === 'human')!;
  const scale = Math.min((canvas.width - 32) / 640, (canvas.height - 32) / 480);
  const offsetX = (canvas.width - 640 * scale) / 2;
  const offsetY = (canvas.height - 480 * scale) / 2;
  const expected = { x: (canvas.width / 2 - 40 - offsetX) / scale, y: (canvas.height / 2 - 30 - offsetY) / scale, width: 80 / scale, height: 60 / scale };
  for (const k of ['x', 'y', 'width', 'height'] as const) assert.ok(Math.abs(drawn.geometry[k]! - expected[k]) <= 1, `drawn ${k} ${drawn.geometry[k]} vs ${expected[k]}`);
  await page.close();
});

test('a required attribute left empty blocks submit with a message', needsSharedData, async () => {
  const projectId = await cocoProject(env, 'Required attribute',
    { classes: [{ name: 'car', kind: 'bbox2d', attributes: [{ name: 'occluded', type: 'boolean', required: true }] }] }, true);
  const project = { id: projectId };
  const page = await signedInPage(env);
  await page.goto(`${env.base}/projects/${project.id}/label`);
  await objectCount(page, 0).waitFor();
  await dragBox(page);
  await objectCount(page, 1).waitFor();
  await page.keyboard.press('Control+Enter');
  const alert = await page.locator('[role=alert]').innerText();
  assert.match(alert, /occluded/);
  assert.match(alert, /required/);
  const held = await dispenser.heldTasks(env.h.deps, env.h.admin, project.id);
  assert.ok(held.every((t) => t.task.status === 'leased'), 'nothing was submitted');
  await page.close();
});

test('a box drawn on the next task survives a page reload', needsSharedData, async () => {
  const projectId = (await projectService.listProjects(env.h.deps, env.h.admin)).find((p) => p.name === 'COCO boxes')?.id ?? (await cocoBoxes());
  const page = await signedInPage(env);
  await page.goto(`${env.base}/projects/${projectId}/label`);
  await objectCount(page, 0).waitFor();
  // With space held, a drag pans instead of drawing.
  await page.keyboard.down(' ');
  await dragBox(page);
  await page.keyboard.up(' ');
  await page.waitForTimeout(200);
  assert.equal(await objectCount(page, 0).count(), 1, 'space+drag drew nothing');
  await dragBox(page);
  await objectCount(page, 1).waitFor();
  await page.locator('text=draft saved').waitFor({ timeout: 10_000 });
  await page.reload();
  await objectCount(page, 1).waitFor();
  await page.close();
});
