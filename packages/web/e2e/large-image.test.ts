import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectService } from '@cadre/server';
import { stripedPng } from './png.ts';
import { readFileSync } from 'node:fs';
import { withOrientation } from './exif.ts';
import { COCO, dragBox, needsSharedData, objectCount, signedInPage, useBrowserApp } from './setup.ts';

const env = useBrowserApp();

test('an 8000 × 6000 image uploaded from the page opens, pans, zooms and takes a box without freezing the page', async () => {
  const project = await projectService.createProject(env.h.deps, env.h.admin, { name: 'Large images', ontology: { classes: [{ name: 'car', kind: 'bbox2d' }] } });
  const page = await signedInPage(env);
  await page.goto(`${env.base}/projects/${project.id}`);
  await page.setInputFiles('[aria-label="image files"]', { name: 'huge.png', mimeType: 'image/png', buffer: stripedPng(8000, 6000) });
  assert.match(await page.locator('[data-testid=upload-result]').innerText(), /Uploaded 1 of 1 images/);

  // Long tasks (main thread busy over 50 ms) are what a person feels as a frozen page.
  await page.evaluate(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.longest = Math.max(w.longest, e.duration); }).observe({ type: 'longtask', buffered: false });
  });
  const opened = Date.now();
  await page.click('text=Start labeling');
  await objectCount(page, 0).waitFor();
  const openMs = Date.now() - opened;
  const canvas = (await page.locator('[data-testid=canvas]').boundingBox())!;
  for (let i = 0; i < 5; i++) {
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    await page.mouse.wheel(0, i % 2 === 0 ? -400 : 300);
  }
  await page.keyboard.press('f');
  await dragBox(page);
  await objectCount(page, 1).waitFor();
  const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
  console.log(`8000x6000: opened in ${openMs} ms, longest main-thread task ${Math.round(longest)} ms (software rendering)`);
  assert.ok(longest < 2000, `the page froze for ${Math.round(longest)} ms`);
  await page.close();
});

test('a photo stored rotated (EXIF orientation 6) is shown upright: a landscape file displays portrait', needsSharedData, async () => {
  const project = await projectService.createProject(env.h.deps, env.h.admin, { name: 'Rotated photos', ontology: { classes: [{ name: 'car', kind: 'bbox2d' }] } });
  const file = withOrientation(readFileSync(`${COCO}images/train2017/000000000009.jpg`), 6); // stored 640 × 480
  const page = await signedInPage(env);
  await page.goto(`${env.base}/projects/${project.id}`);
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
