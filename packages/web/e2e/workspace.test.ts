import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp, dispenser, exporter, importer, predictions, projectService } from '@cadre/server';
import { harness, type Harness } from '../../server/test/harness.ts';
import { needsSharedData, SHARED_DATA } from '../../server/src/import/testing.ts';
import { launchBrowser } from './browser.ts';

const COCO = fileURLToPath(new URL('images/coco128/', SHARED_DATA));
// The README shows the workspace as this test last saw it.
const SCREENSHOTS = fileURLToPath(new URL('../../../docs/screenshots', import.meta.url));
let h: Harness;
let app: FastifyInstance;
let browser: Browser;
let base: string;

before(async () => {
  h = await harness();
  app = await buildApp(h.deps, { webRoot: fileURLToPath(new URL('../dist', import.meta.url)) });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await app?.close();
  await h?.close();
});

async function cocoProject(): Promise<string> {
  const names = predictions.parseClassNames(readFileSync(`${COCO}config.yaml`, 'utf8'));
  const project = await projectService.createProject(h.deps, h.admin, { name: 'COCO boxes', ontology: { classes: names.map((name) => ({ name, kind: 'bbox2d' })) } });
  const rows = predictions.folderRowsWithPredictions(`${COCO}images`, { kind: 'yolo', labelsDir: `${COCO}labels/train2017`, classesFile: `${COCO}config.yaml` });
  await importer.importRows(h.deps, h.admin, rows, { projectId: project.id, file: `${COCO}images`, format: 'folder', skipInvalid: false });
  return project.id;
}

async function signIn(page: Page): Promise<void> {
  await page.goto(base);
  await page.fill('#email', 'admin@test.local');
  await page.fill('#password', 'admin-password');
  await page.click('button[type=submit]');
  await page.locator('h1', { hasText: 'Projects' }).waitFor();
}

/** The object count in the workspace bar, matched whole ("1 objects" must not match "11 objects"). */
const objectCount = (page: Page, n: number) => page.locator('.workspace-bar .muted').filter({ hasText: new RegExp(`^${n} objects`) });

async function dragBox(page: Page): Promise<void> {
  const box = (await page.locator('[data-testid=canvas]').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.keyboard.press('r');
  await page.mouse.move(cx - 40, cy - 30);
  await page.mouse.down();
  await page.mouse.move(cx, cy, { steps: 4 });
  await page.mouse.move(cx + 40, cy + 30, { steps: 4 });
  await page.mouse.up();
}

test('an annotator accepts one machine box, deletes another, draws one, submits, and the export holds exactly those', needsSharedData, async () => {
  const projectId = await cocoProject();
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  await signIn(page);
  await page.goto(`${base}/projects/${projectId}/label`);
  await objectCount(page, 0).waitFor();
  // The page works on the task it claimed first; the second one it holds is the prefetched next.
  const [current] = await dispenser.heldTasks(h.deps, h.admin, projectId);
  const machine = current!.predictions.flatMap((p) => p.objects) as { id: string; geometry: Record<string, number> }[];
  assert.ok(machine.length >= 2, 'the first coco128 image comes with machine boxes');

  await page.keyboard.press('Tab'); // the first machine box
  await page.keyboard.press('a'); // accepted as it is
  await objectCount(page, 1).waitFor();
  await page.keyboard.press('Tab'); // the next one waiting
  await page.keyboard.press('Delete'); // dropped
  await dragBox(page);
  await objectCount(page, 2).waitFor();
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/workspace.png` });
  await page.keyboard.press('Control+Enter');
  await page.locator('text=submitted').waitFor();

  let text = '';
  for await (const chunk of exporter.exportJsonl(h.deps, h.admin, projectId, { onlyAnnotated: true })) text += chunk;
  const rows = text.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(rows.length, 1);
  const objects = rows[0].annotation.objects as { origin: string; predictionId?: string; geometry: Record<string, number> }[];
  assert.equal(objects.length, 2, 'the accepted box and the drawn one; the deleted prediction is gone');
  const accepted = objects.find((o) => o.origin === 'prediction_accepted')!;
  assert.equal(accepted.predictionId, machine[0]!.id);
  for (const k of ['x', 'y', 'width', 'height']) assert.ok(Math.abs(accepted.geometry[k]! - machine[0]!.geometry[k]!) <= 1, `${k} within 1 px`);
  const drawn = objects.find((o) => o.origin === 'human')!;
  assert.ok(drawn.geometry.width! > 10 && drawn.geometry.height! > 10);
  await page.close();
});

test('a required attribute left empty blocks submit with a message', needsSharedData, async () => {
  const project = await projectService.createProject(h.deps, h.admin, {
    name: 'Required attribute',
    ontology: { classes: [{ name: 'car', kind: 'bbox2d', attributes: [{ name: 'occluded', type: 'boolean', required: true }] }] },
  });
  const rows = predictions.folderRowsWithPredictions(`${COCO}images`, { kind: 'yolo', labelsDir: `${COCO}labels/train2017`, classesFile: `${COCO}config.yaml` });
  await importer.importRows(h.deps, h.admin, rows, { projectId: project.id, file: `${COCO}images`, format: 'folder', skipInvalid: true });
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  await signIn(page);
  await page.goto(`${base}/projects/${project.id}/label`);
  await objectCount(page, 0).waitFor();
  await dragBox(page);
  await objectCount(page, 1).waitFor();
  await page.keyboard.press('Control+Enter');
  const alert = await page.locator('[role=alert]').innerText();
  assert.match(alert, /occluded/);
  assert.match(alert, /required/);
  const held = await dispenser.heldTasks(h.deps, h.admin, project.id);
  assert.ok(held.every((t) => t.task.status === 'leased'), 'nothing was submitted');
  await page.close();
});

test('a box drawn on the next task survives a page reload', needsSharedData, async () => {
  const projectId = (await projectService.listProjects(h.deps, h.admin)).find((p) => p.name === 'COCO boxes')?.id ?? (await cocoProject());
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  await signIn(page);
  await page.goto(`${base}/projects/${projectId}/label`);
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
