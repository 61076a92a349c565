import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { dispenser, predictions } from '@cadre/server';
import { COCO, cocoProject, dragBox, needsSharedData, objectCount, objectRows, signedInPage, useBrowserApp } from './setup.ts';

const env = useBrowserApp();
const project = (name: string, ontology: unknown, skipInvalid: boolean) => cocoProject(env, name, ontology, skipInvalid);

async function openWorkspace(projectId: string): Promise<Page> {
  const page = await signedInPage(env, { width: 1280, height: 800 });
  await page.goto(`${env.base}/projects/${projectId}/label`);
  await objectCount(page, 0).waitFor();
  return page;
}

test('the object list shows accepted and drawn objects with their origin, proposals with scores, and hides one', needsSharedData, async () => {
  const names = predictions.parseClassNames((await import('node:fs')).readFileSync(`${COCO}config.yaml`, 'utf8'));
  const projectId = await project('COCO panels', { classes: names.map((name) => ({ name, kind: 'bbox2d' })) }, false);
  const page = await openWorkspace(projectId);
  const [current] = await dispenser.heldTasks(env.h.deps, env.h.admin, projectId);
  const machine = current!.predictions.flatMap((p) => p.objects);
  assert.ok(machine.length >= 2, 'the first coco128 image comes with machine boxes');
  await page.locator('[data-testid=proposals] .ol-row').nth(machine.length - 1).waitFor();
  assert.match(await page.locator('[data-testid=proposals] .ol-badge').first().innerText(), /^(\d\.\d\d|proposal)$/, 'a proposal shows its score, or that it is one');

  await page.keyboard.press('Tab');
  await page.keyboard.press('a');
  await objectCount(page, 1).waitFor();
  await dragBox(page);
  await objectCount(page, 2).waitFor();
  await objectRows(page).nth(1).waitFor(); // the list catches up on the next frame
  assert.equal(await objectRows(page).count(), 2);
  assert.deepEqual(await objectRows(page).locator('.ol-badge').allInnerTexts(), ['accepted', 'hand']);
  assert.equal(await page.locator('[data-testid=proposals] .ol-row').count(), machine.length - 1, 'the accepted one left the proposals');

  // Clicking a row selects it and shows its class.
  const drawn = objectRows(page).nth(1);
  const id = (await drawn.getAttribute('data-id'))!;
  await drawn.locator('.ol-main').click();
  await page.locator(`.ol-row[data-id="${id}"][data-selected=true]`).waitFor();
  const label = await drawn.locator('.ol-label').innerText();
  await page.waitForFunction((want) => (document.querySelector('[data-testid=class-picker]') as HTMLSelectElement | null)?.value === want, label);

  // Hide: the row says so and the selection lets go of it (the list updates on the next frame).
  const row = (state: string) => page.locator(`.ol-row[data-id="${id}"]${state}`).waitFor();
  await drawn.getByRole('button', { name: 'Hide' }).click();
  await row('[data-hidden=true][data-selected=false]');
  await drawn.getByRole('button', { name: 'Show' }).click();
  await row('[data-hidden=false]');
  // Lock is view state too.
  await drawn.getByRole('button', { name: 'Lock' }).click();
  await row('[data-locked=true]');

  // The ? overlay lists every shortcut; Escape closes it.
  await page.locator('[data-testid=canvas]').hover();
  await page.keyboard.press('?');
  const overlay = page.locator('[data-testid=help-overlay]');
  await overlay.waitFor();
  assert.ok((await overlay.innerText()).includes('Undo'));
  await page.keyboard.press('Escape');
  await overlay.waitFor({ state: 'detached' });
  await page.keyboard.press('?');
  await overlay.waitFor();
  await page.keyboard.press('?');
  await overlay.waitFor({ state: 'detached' });
  await page.close();
});

test('a required boolean set in the panel unblocks submit, and Copy previous brings the objects to the next item', needsSharedData, async () => {
  const projectId = await project('Panels required', { classes: [{ name: 'car', kind: 'bbox2d', attributes: [{ name: 'occluded', type: 'boolean', required: true }] }] }, true);
  const page = await openWorkspace(projectId);
  const copy = page.getByRole('button', { name: 'Copy previous' });
  assert.equal(await copy.isDisabled(), true, 'nothing submitted yet');
  await dragBox(page);
  await objectCount(page, 1).waitFor();
  await page.keyboard.press('Control+Enter');
  assert.match(await page.locator('[role=alert]').innerText(), /occluded/);

  await objectRows(page).first().locator('.ol-main').click();
  const field = page.locator('[data-attribute=occluded]');
  assert.match(await field.innerText(), /occluded is required/);
  await field.locator('input[type=checkbox]').check();
  await page.locator('[data-attribute=occluded] .attr-message').waitFor({ state: 'detached' });
  await page.keyboard.press('Control+Enter');
  await page.locator('text=submitted').waitFor();
  await objectCount(page, 0).waitFor();

  assert.equal(await copy.isDisabled(), false);
  await copy.click();
  await objectCount(page, 1).waitFor();
  await objectRows(page).first().waitFor();
  assert.deepEqual(await objectRows(page).locator('.ol-badge').allInnerTexts(), ['hand']);
  await objectRows(page).first().locator('.ol-main').click();
  assert.equal(await page.locator('[data-attribute=occluded] input[type=checkbox]').isChecked(), true, 'the copy keeps its attributes');
  // One undo step takes the copy back.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Control+z');
  await objectCount(page, 0).waitFor();
  await page.close();
});
