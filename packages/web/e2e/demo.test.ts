// The demo projects a first start makes, opened in the browser: the machine labels are drawn on the
// generated street scene and on the generated LiDAR sweep, where the data says they are.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { dispenser, media, projectService } from '@cadre/server';
import { createDemoProjects, IMAGE_DEMO, LIDAR_DEMO } from '../../server/src/demo/index.ts';
import { frameLoaded } from './pointcloud-setup.ts';
import { saveScreenshot, signedInPage, useBrowserApp } from './setup.ts';

// The demo media go where a first start puts them, `<CADRE_DATA_DIR>/media`, which the server serves.
const dataDir = mkdtempSync(join(tmpdir(), 'cadre-demo-e2e-'));
process.env.CADRE_DATA_DIR = dataDir;
const env = useBrowserApp();
after(() => rmSync(dataDir, { recursive: true, force: true }));
let made: Promise<void> | null = null;

async function demoProject(name: string): Promise<string> {
  made ??= createDemoProjects(env.h.deps, env.h.admin, media.mediaConfig());
  await made;
  const p = (await projectService.listProjects(env.h.deps, env.h.admin)).find((x) => x.name === name);
  assert.ok(p, `the demo project ${name}`);
  return p.id;
}

interface Region { x: number; y: number; width: number; height: number }

/**
 * How many pixels of each region (page pixels) changed between two screenshots: what a person sees
 * appear or go away there. The browser decodes the screenshots.
 */
async function changedPixels(page: Page, before: Buffer, after: Buffer, regions: Region[]): Promise<number[]> {
  return page.evaluate(async ([a, b, regions]) => {
    // No named functions in here: the test's compiler would wrap them in a helper the page lacks.
    const [p, q] = await Promise.all([a, b].map(async (b64) => {
      // From bytes, not a data: URL, which the app's content security policy may refuse to fetch.
      const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const c = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      return { width: bitmap.width, data: ctx.getImageData(0, 0, bitmap.width, bitmap.height).data };
    })) as [{ width: number; data: Uint8ClampedArray }, { width: number; data: Uint8ClampedArray }];
    return regions.map((r) => {
      let n = 0;
      for (let y = Math.max(0, Math.floor(r.y)); y < Math.ceil(r.y + r.height); y++) {
        for (let x = Math.max(0, Math.floor(r.x)); x < Math.min(p.width, Math.ceil(r.x + r.width)); x++) {
          const i = (y * p.width + x) * 4;
          if (Math.max(Math.abs(p.data[i]! - q.data[i]!), Math.abs(p.data[i + 1]! - q.data[i + 1]!), Math.abs(p.data[i + 2]! - q.data[i + 2]!)) > 40) n++;
        }
      }
      return n;
    });
  }, [before.toString('base64'), after.toString('base64'), regions] as const);
}

const nextFrames = (page: Page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

test('the image demo opens with the detector\'s boxes drawn on the street scene, each where its box is', async () => {
  const projectId = await demoProject(IMAGE_DEMO.name);
  const page = await signedInPage(env);
  await page.goto(`${env.base}/projects/${projectId}/label`);
  const proposals = page.locator('[data-testid=proposals] .ol-row');
  await proposals.first().waitFor();
  // The page works on the task it claimed first; the second one it holds is the prefetched next.
  const [current] = await dispenser.heldTasks(env.h.deps, env.h.admin, projectId);
  const boxes = current!.predictions.flatMap((p) => p.objects) as { geometry: Region }[];
  assert.ok(boxes.length >= 4, 'the scene comes with machine boxes');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=proposals] .ol-row').length === n, boxes.length);
  await nextFrames(page);
  await saveScreenshot(page, 'demo-image.png');
  const withBoxes = await page.screenshot();

  // Every proposal deleted (Tab selects the next, Delete drops it): what goes away is the machine's.
  for (let left = boxes.length; left > 0; left--) {
    await page.keyboard.press('Tab');
    await page.keyboard.press('Delete');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=proposals] .ol-row').length === n, left - 1);
  }
  assert.equal(await proposals.count(), 0);
  await nextFrames(page);
  const without = await page.screenshot();

  // The canvas fits the 800 × 450 scene with a 16 px margin, centred.
  const canvas = (await page.locator('[data-testid=canvas]').boundingBox())!;
  const scale = Math.min((canvas.width - 32) / 800, (canvas.height - 32) / 450);
  const left = canvas.x + (canvas.width - 800 * scale) / 2, top = canvas.y + (canvas.height - 450 * scale) / 2;
  const regions = boxes.map(({ geometry: g }) => ({ x: left + g.x * scale - 3, y: top + g.y * scale - 3, width: g.width * scale + 6, height: g.height * scale + 6 }));
  const changed = await changedPixels(page, withBoxes, without, regions);
  changed.forEach((n, i) => assert.ok(n >= 4, `machine box ${i} (${JSON.stringify(boxes[i]!.geometry)}) is drawn: ${n} pixels of its outline`));
  await page.close();
});

test('the LiDAR demo opens on its first sweep with the tracker\'s cuboids drawn in the top view, each on its vehicle', async () => {
  const projectId = await demoProject(LIDAR_DEMO.name);
  const page = await signedInPage(env, { width: 1400, height: 900 });
  await page.goto(`${env.base}/projects/${projectId}/label`);
  await frameLoaded(page, 0);
  const [current] = await dispenser.heldTasks(env.h.deps, env.h.admin, projectId);
  const cuboids = (current!.predictions.flatMap((p) => p.objects) as { frame: number; label: string; geometry: { x: number; y: number; dx: number; dy: number; yaw: number } }[])
    .filter((c) => c.frame === 0);
  const proposals = page.locator('[data-testid=proposals] .ol-row');
  assert.equal(await proposals.count(), cuboids.length, 'the first frame\'s pre-labels are listed');
  await nextFrames(page);
  await saveScreenshot(page, 'demo-lidar.png');
  const withBoxes = await page.screenshot();

  while (await proposals.count() > 0) await proposals.first().locator('[aria-label=Delete]').click();
  await nextFrames(page);
  const without = await page.screenshot();

  // Each vehicle's footprint in the top view (page pixels, a few pixels to spare).
  const top = (await page.locator('div[data-view=top]').boundingBox())!;
  const vehicles = cuboids.filter((c) => c.label !== 'Pedestrian');
  const regions: Region[] = [];
  for (const { geometry: g } of vehicles) {
    const corners = await Promise.all([[1, 1], [1, -1], [-1, 1], [-1, -1]].map(([u, v]) => {
      const x = g.x + (u! * g.dx / 2) * Math.cos(g.yaw) - (v! * g.dy / 2) * Math.sin(g.yaw);
      const y = g.y + (u! * g.dx / 2) * Math.sin(g.yaw) + (v! * g.dy / 2) * Math.cos(g.yaw);
      return page.evaluate(([x, y]) => (window as any).__cadrePointcloud.topToClient(x, y) as [number, number], [x, y]);
    }));
    const xs = corners.map((c) => c[0]), ys = corners.map((c) => c[1]);
    regions.push({ x: Math.min(...xs) - 3, y: Math.min(...ys) - 3, width: Math.max(...xs) - Math.min(...xs) + 6, height: Math.max(...ys) - Math.min(...ys) + 6 });
  }
  const inView = regions.map((r) => r.x >= top.x && r.y >= top.y && r.x + r.width <= top.x + top.width && r.y + r.height <= top.y + top.height);
  assert.ok(inView.filter(Boolean).length >= 3, `vehicles in the top view: ${JSON.stringify(regions)} in ${JSON.stringify(top)}`);
  const changed = await changedPixels(page, withBoxes, without, regions);
  changed.forEach((n, i) => {
    if (inView[i]) assert.ok(n >= 4, `the ${vehicles[i]!.label} cuboid at ${vehicles[i]!.geometry.x.toFixed(1)}, ${vehicles[i]!.geometry.y.toFixed(1)} is drawn: ${n} pixels`);
  });
  await page.close();
});
