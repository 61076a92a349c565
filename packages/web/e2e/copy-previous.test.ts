// "Copy previous" onto a smaller next image: the boxes are scaled into it, a second click adds no
// duplicates, and the item can be submitted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectService } from '@cadre/server';
import { stripedPng } from './png.ts';
import { objectCount, signedInPage, useBrowserApp } from './setup.ts';

const env = useBrowserApp();

test('copy previous twice onto a smaller image: one copy, scaled inside the image, and submit succeeds', async () => {
  const project = await projectService.createProject(env.h.deps, env.h.admin, { name: 'Copy previous sizes', ontology: { classes: [{ name: 'car', kind: 'bbox2d' }] }, settings: { stages: ['annotate'] } });
  const page = await signedInPage(env);
  await page.goto(`${env.base}/projects/${project.id}/data`);
  // One upload after the other, so the large image is the first task and the small one the next.
  await page.setInputFiles('[aria-label="image files"]', { name: 'large.png', mimeType: 'image/png', buffer: stripedPng(800, 600) });
  await page.locator('[data-testid=upload-result]', { hasText: 'Uploaded 1 of 1' }).waitFor();
  await page.setInputFiles('[aria-label="image files"]', { name: 'small.png', mimeType: 'image/png', buffer: stripedPng(400, 300) });
  await page.locator('[data-testid=upload-result]', { hasText: 'Uploaded 1 of 1' }).waitFor();
  await page.click('text=Start labeling');
  await objectCount(page, 0).waitFor();

  // A box in the lower right of the large image: all of it beyond the small image's 400 × 300.
  const canvas = (await page.locator('[data-testid=canvas]').boundingBox())!;
  const cx = canvas.x + canvas.width / 2, cy = canvas.y + canvas.height / 2;
  await page.keyboard.press('r');
  await page.mouse.move(cx + 40, cy + 40);
  await page.mouse.down();
  await page.mouse.move(cx + 100, cy + 80, { steps: 4 });
  await page.mouse.move(cx + 160, cy + 120, { steps: 4 });
  await page.mouse.up();
  await objectCount(page, 1).waitFor();
  await page.keyboard.press('Control+Enter');
  await objectCount(page, 0).waitFor();

  const copy = page.getByRole('button', { name: 'Copy previous' });
  await copy.click();
  await objectCount(page, 1).waitFor();
  await copy.click();
  await page.locator('.copy-note', { hasText: '1 already copied' }).waitFor();
  assert.equal(await objectCount(page, 1).count(), 1, 'the second click added no duplicate');
  await page.keyboard.press('Control+Enter');
  await page.locator('text=No tasks are waiting in this project').waitFor();

  const rows = await env.h.deps.db.selectFrom('annotations').innerJoin('items', 'items.id', 'annotations.item_id')
    .select(['annotations.payload', 'items.metadata', 'items.asset']).where('annotations.project_id', '=', project.id).orderBy('annotations.created_at').execute();
  assert.equal(rows.length, 2, 'both items submitted');
  const [large, small] = rows.map((r) => (r.payload as { objects: { geometry: { x: number; y: number; width: number; height: number } }[] }).objects);
  assert.equal(small!.length, 1, 'one box, no duplicate');
  const drawn = large![0]!.geometry, copied = small![0]!.geometry;
  assert.ok(copied.x >= 0 && copied.y >= 0 && copied.x + copied.width <= 400 && copied.y + copied.height <= 300, `inside the small image: ${JSON.stringify(copied)}`);
  for (const k of ['x', 'y', 'width', 'height'] as const) assert.ok(Math.abs(copied[k] - drawn[k] / 2) < 1e-6, `${k}: half of ${drawn[k]}, got ${copied[k]}`);
  await page.close();
});
