import { test } from 'node:test';
import type { Page } from 'playwright-core';
import assert from 'node:assert/strict';
import { projectService } from '@cadre/server';
import { stripedPng } from './png.ts';
import { readFileSync } from 'node:fs';
import { withOrientation } from './exif.ts';
import { COCO, dragBox, needsSharedData, objectCount, signedInPage, useBrowserApp } from './setup.ts';

const env = useBrowserApp();

// How fast it opens is measured by `npm run bench` (image canvas: open an 8000 × 6000 PNG); this
// test checks what a person sees, whatever the machine's speed.
test('an 8000 × 6000 image uploaded from the page opens, is sharp at full zoom, pans and takes a box', async () => {
  const project = await projectService.createProject(env.h.deps, env.h.admin, { name: 'Large images', ontology: { classes: [{ name: 'car', kind: 'bbox2d' }] } });
  const page = await signedInPage(env);
  await page.goto(`${env.base}/projects/${project.id}/data`);
  await page.setInputFiles('[aria-label="image files"]', { name: 'huge.png', mimeType: 'image/png', buffer: stripedPng(8000, 6000) });
  assert.match(await page.locator('[data-testid=upload-result]').innerText(), /Uploaded 1 of 1 images/);

  await page.click('text=Start labeling');
  await objectCount(page, 0).waitFor();
  // Fitted, the 200 px bands of the image show as thin stripes.
  const fitted = await bands(page);
  assert.ok(fitted.runs.length >= 10, `the fitted image shows its bands (${fitted.runs.length} seen)`);

  // Zoom in at the centre until one image pixel covers at least one screen pixel (each wheel step of
  // 300 doubles the scale; fitted it is about 1/8).
  const canvas = (await page.locator('[data-testid=canvas]').boundingBox())!;
  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -300);
  await page.waitForFunction(() => true);
  const zoomed = await bands(page);
  // Sharp: a 200-pixel band is at least 150 screen pixels tall, and the column is made of the two
  // band colours with at most a couple of blended pixels at each edge (a blurred preview would not be).
  const tallest = Math.max(...zoomed.runs);
  assert.ok(tallest >= 150, `at full zoom a band is ${tallest} px tall`);
  assert.ok(zoomed.blended <= 3 * (zoomed.runs.length + 1), `${zoomed.blended} blended pixels at ${zoomed.runs.length} band edges`);

  await page.keyboard.press('f');
  await dragBox(page);
  await objectCount(page, 1).waitFor();
  await page.close();
});

/** The image canvas down its middle column: lengths of runs of one band colour, and pixels of neither. */
async function bands(page: Page): Promise<{ runs: number[]; blended: number }> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(() => {
    const c = document.querySelector('canvas.workspace-image') as HTMLCanvasElement;
    const x = Math.floor(c.width / 2);
    const column = c.getContext('2d')!.getImageData(x, 0, 1, c.height).data;
    // stripedPng's bands: red 60 or 180 (blue the complement); transparent where no image is drawn.
    const runs: number[] = [];
    let blended = 0, current = -1, length = 0;
    for (let y = 0; y < c.height; y++) {
      const [r, , , a] = [column[4 * y]!, column[4 * y + 1]!, column[4 * y + 2]!, column[4 * y + 3]!];
      const band = a < 250 ? -1 : Math.abs(r - 60) <= 6 ? 0 : Math.abs(r - 180) <= 6 ? 1 : 2;
      if (band === 2) blended++;
      if (band === current) { length++; continue; }
      if (current === 0 || current === 1) runs.push(length);
      current = band;
      length = 1;
    }
    if (current === 0 || current === 1) runs.push(length);
    return { runs, blended };
  });
}

test('a photo stored rotated (EXIF orientation 6) is shown upright: a landscape file displays portrait', needsSharedData, async () => {
  const project = await projectService.createProject(env.h.deps, env.h.admin, { name: 'Rotated photos', ontology: { classes: [{ name: 'car', kind: 'bbox2d' }] } });
  const file = withOrientation(readFileSync(`${COCO}images/train2017/000000000009.jpg`), 6); // stored 640 × 480
  const page = await signedInPage(env);
  await page.goto(`${env.base}/projects/${project.id}/data`);
  await page.setInputFiles('[aria-label="image files"]', { name: 'rotated.jpg', mimeType: 'image/jpeg', buffer: file });
  assert.match(await page.locator('[data-testid=upload-result]').innerText(), /Uploaded 1 of 1 images/);
  const [item] = await env.h.deps.db.selectFrom('items').select('id').where('project_id', '=', project.id).execute();
  const info = await page.evaluate((id) => fetch(`/api/items/${id}/info`).then((r) => r.json()), item!.id);
  assert.deepEqual([info.width, info.height, info.orientation], [480, 640, 6]);

  await page.click('text=Start labeling');
  await objectCount(page, 0).waitFor();
  // Where the image landed on its canvas: taller than wide means it is upright.
  const drawn = await page.evaluate(() => {
    const c = document.querySelector('canvas.workspace-image') as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let minX = c.width, maxX = 0, minY = c.height, maxY = 0;
    for (let y = 0; y < c.height; y += 2) for (let x = 0; x < c.width; x += 2) {
      if (data[(y * c.width + x) * 4 + 3]! > 0) { minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y); }
    }
    return { width: maxX - minX, height: maxY - minY };
  });
  assert.ok(drawn.height > drawn.width * 1.2, `drawn ${drawn.width} × ${drawn.height}`);
  await page.close();
});
