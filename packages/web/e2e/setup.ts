// Shared set-up of the browser tests: a real database, the server serving the built app, Chromium,
// and the few page actions every workspace test needs.
import { before, after } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp, importer, predictions, projectService } from '@cadre/server';
import { harness, type Harness } from '../../server/test/harness.ts';
import { SHARED_DATA } from '../../server/src/import/testing.ts';
import { launchBrowser } from './browser.ts';

export { needsSharedData } from '../../server/src/import/testing.ts';
export const COCO = fileURLToPath(new URL('images/coco128/', SHARED_DATA));

export interface BrowserApp { h: Harness; app: FastifyInstance; browser: Browser; base: string }

/** Starts everything before the file's tests and stops it after; the fields are set once `before` ran. */
export function useBrowserApp(): BrowserApp {
  const env = {} as BrowserApp;
  before(async () => {
    env.h = await harness();
    env.app = await buildApp(env.h.deps, { webRoot: fileURLToPath(new URL('../dist', import.meta.url)) });
    env.base = await env.app.listen({ port: 0, host: '127.0.0.1' });
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.app?.close();
    await env.h?.close();
  });
  return env;
}

/** A project over the coco128 images with their YOLO labels as predictions. */
export async function cocoProject(env: BrowserApp, name: string, ontology: unknown, skipInvalid = false): Promise<string> {
  const p = await projectService.createProject(env.h.deps, env.h.admin, { name, ontology: ontology as never });
  const rows = predictions.folderRowsWithPredictions(`${COCO}images`, { kind: 'yolo', labelsDir: `${COCO}labels/train2017`, classesFile: `${COCO}config.yaml` });
  await importer.importRows(env.h.deps, env.h.admin, rows, { projectId: p.id, file: `${COCO}images`, format: 'folder', skipInvalid });
  return p.id;
}

/** A new page is a new browser context: it signs in as the test admin. */
export async function signedInPage(env: BrowserApp, viewport = { width: 1200, height: 800 }): Promise<Page> {
  const page = await env.browser.newPage({ viewport });
  await page.goto(env.base);
  await page.fill('#email', 'admin@test.local');
  await page.fill('#password', 'admin-password');
  await page.click('button[type=submit]');
  await page.locator('h1', { hasText: 'Projects' }).waitFor();
  return page;
}

/** The object count in the workspace bar, matched whole ("1 objects" must not match "11 objects"). */
export const objectCount = (page: Page, n: number) => page.locator('.workspace-bar .muted').filter({ hasText: new RegExp(`^${n} objects`) });
export const objectRows = (page: Page) => page.locator('[data-testid=objects] .ol-row');

/** Draws a box with the rectangle tool by dragging across the middle of the canvas. */
export async function dragBox(page: Page): Promise<void> {
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

/**
 * Saves a screenshot for the README. Test runs keep the repository clean: the files go to a
 * temporary folder unless CADRE_UPDATE_SCREENSHOTS=1 asks for docs/screenshots to be refreshed.
 */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const { mkdirSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = process.env.CADRE_UPDATE_SCREENSHOTS === '1'
    ? fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url))
    : `${tmpdir()}/cadre-screenshots/`;
  mkdirSync(dir, { recursive: true });
  const path = `${dir}${name}`;
  await page.screenshot({ path });
  return path;
}
