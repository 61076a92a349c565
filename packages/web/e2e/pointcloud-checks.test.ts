import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dispenser } from '@cadre/server';
import { needsSharedData, signedInPage, useBrowserApp } from './setup.ts';
import { cloudPath, cloudProject, fitAround, frameLoaded, SUSTECH, truth } from './pointcloud-setup.ts';

// The machine checks in the 3D workspace count the points of the loaded frame inside each box.
process.env.CADRE_MEDIA_ROOTS = SUSTECH;
const env = useBrowserApp();

test('a cuboid lifted into the air holds no points: the check says so with the limit, beside the box, and holds the submit back', needsSharedData, async () => {
  const projectId = await cloudProject(env, 'Cuboid checks', { pcd: cloudPath('000950') });
  const page = await signedInPage(env, { width: 1400, height: 900 });
  await page.goto(`${env.base}/projects/${projectId}/label`);
  await frameLoaded(page, 0);
  await page.keyboard.press('c');
  await fitAround(page, truth('000950', '1'));
  await page.locator('[data-testid=box-panel]').waitFor({ timeout: 15_000 });
  await page.locator('[data-testid=checks]', { hasText: 'all pass' }).waitFor();
  const z = page.locator('[data-field=z]');
  await z.fill(String(Number(await z.inputValue()) + 20));
  await z.press('Enter');
  const failure = page.locator('[data-testid=checks] [data-check=min-cuboid-points]');
  await failure.waitFor();
  assert.match(await failure.innerText(), /holds 0 points; at least 5 needed/);
  const boxId = await page.locator('[data-testid=objects] .ol-row').first().getAttribute('data-id');
  await page.locator(`.cadre-note[data-object-id="${boxId}"]`, { hasText: 'at least 5 needed' }).first().waitFor();
  await page.keyboard.press('Control+Enter');
  assert.match(await page.locator('[role=alert]').innerText(), /Not submitted: 1 check fails: holds 0 points; at least 5 needed/);
  const held = await dispenser.heldTasks(env.h.deps, env.h.admin, projectId);
  assert.ok(held.length === 1 && held[0]!.task.status === 'leased', 'nothing was submitted');
  await page.close();
});
