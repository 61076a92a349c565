import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dispenser } from '@cadre/server';
import { cocoProject, needsSharedData, objectCount, saveScreenshot, signedInPage, useBrowserApp } from './setup.ts';

// The machine checks run in the workspace as the annotator works: a failure names what was
// measured and the limit, and holds the submit back (the check stage would send it back anyway).
const env = useBrowserApp();

test('a box 2 px wide fails the minimum box size check in the workspace, with its measure and limit, and is not submitted', needsSharedData, async () => {
  const projectId = await cocoProject(env, 'Checks', { classes: [{ name: 'car', kind: 'bbox2d' }] }, true);
  const page = await signedInPage(env);
  await page.goto(`${env.base}/projects/${projectId}/label`);
  await objectCount(page, 0).waitFor();
  await page.locator('[data-testid=checks]', { hasText: 'all pass' }).waitFor();

  // The canvas fits the 640 × 480 image with a 16 px margin: 2 image px are `2 × scale` canvas px.
  const box = (await page.locator('[data-testid=canvas]').boundingBox())!;
  const scale = Math.min((box.width - 32) / 640, (box.height - 32) / 480);
  const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
  await page.keyboard.press('r');
  await page.mouse.move(cx, cy - 40);
  await page.mouse.down();
  await page.mouse.move(cx + scale, cy, { steps: 3 });
  await page.mouse.move(cx + 2 * scale, cy + 40, { steps: 3 });
  await page.mouse.up();
  await objectCount(page, 1).waitFor();

  const failure = page.locator('[data-testid=checks] [data-check=min-box-size]');
  await failure.waitFor();
  const text = await failure.innerText();
  const m = /box is ([\d.]+) px wide; at least 4 px/.exec(text);
  assert.ok(m, `the panel gives the measured width and the limit: ${text}`);
  assert.ok(Math.abs(Number(m[1]) - 2) < 0.1, `about 2 px wide, got ${m[1]}`);
  // The same message beside the box on the canvas.
  const boxId = await page.locator('[data-testid=objects] .ol-row').first().getAttribute('data-id');
  await page.locator(`.cadre-note[data-object-id="${boxId}"]`, { hasText: 'at least 4 px' }).waitFor();

  await page.keyboard.press('Control+Enter');
  const alert = await page.locator('[role=alert]').innerText();
  assert.match(alert, /Not submitted/);
  assert.match(alert, /at least 4 px/);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'checks', 'the Checks panel has the focus');
  await saveScreenshot(page, 'checks.png');
  const held = await dispenser.heldTasks(env.h.deps, env.h.admin, projectId);
  assert.ok(held.length > 0 && held.every((t) => t.task.status === 'leased'), 'nothing was submitted');
  await page.close();
});
