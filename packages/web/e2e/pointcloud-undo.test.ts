import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { needsSharedData, signedInPage, useBrowserApp } from './setup.ts';
import { cloudPath, cloudProject, fitAround, FRAMES, frameLoaded, panel, SUSTECH, truth, type Panel } from './pointcloud-setup.ts';

// Undo and redo in the 3D workspace: every edit of a sequence (create, move, resize, rotate, class,
// delete a pre-label, a track's new keyframe and its nudge) is one step; undoing them all brings the
// opening scene back, redoing them all the final one, and the draft the server keeps is what shows.
process.env.CADRE_MEDIA_ROOTS = SUSTECH;
const env = useBrowserApp();
const SEQUENCE = FRAMES.slice(0, 3);

/** One frame as the page shows it: each row of the lists, and the panel of each box. */
interface Shown { proposals: string[]; boxes: { row: string; panel: Panel }[] }

async function frameNow(page: Page): Promise<number> {
  return Number((await page.locator('[data-testid=frame]').innerText()).match(/frame (\d+)/)![1]) - 1;
}

async function goTo(page: Page, frame: number): Promise<void> {
  for (let now = await frameNow(page); now !== frame; now = await frameNow(page)) await page.keyboard.press(now < frame ? '.' : ',');
  await frameLoaded(page, frame);
}

async function shownFrame(page: Page): Promise<Shown> {
  const proposals = await page.locator('[data-testid=proposals] .ol-row').allInnerTexts();
  const boxes: Shown['boxes'] = [];
  const rows = page.locator('[data-testid=objects] .ol-row');
  for (let i = 0; i < await rows.count(); i++) {
    await rows.nth(i).locator('.ol-main').click();
    await page.locator('[data-testid=box-panel]').waitFor();
    boxes.push({ row: await rows.nth(i).innerText(), panel: await panel(page) });
  }
  return { proposals, boxes };
}

/** Every frame of the sequence as shown, then back to `home`. */
async function shown(page: Page, home: number): Promise<Shown[]> {
  const out: Shown[] = [];
  for (let f = 0; f < SEQUENCE.length; f++) { await goTo(page, f); out.push(await shownFrame(page)); }
  await goTo(page, home);
  await page.keyboard.press('Escape');
  return out;
}

async function drag(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  const hook = (x: number, y: number) => page.evaluate(([x, y]) => (window as any).__cadrePointcloud.topToClient(x, y) as [number, number], [x, y]);
  const [a, b] = [await hook(...from), await hook(...to)];
  await page.mouse.move(a[0], a[1]);
  await page.mouse.down();
  await page.mouse.move((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, { steps: 4 });
  await page.mouse.move(b[0], b[1], { steps: 4 });
  await page.mouse.up();
}

/** Lidar x/y of a point at box-local (h ahead, w to the left) of the box the panel shows. */
const local = (p: Panel, h: number, w: number): [number, number] => {
  const yaw = p.yaw / (180 / Math.PI);
  return [p.x + h * Math.cos(yaw) - w * Math.sin(yaw), p.y + h * Math.sin(yaw) + w * Math.cos(yaw)];
};

const undoTitle = (page: Page) => page.locator('[data-testid=undo]').getAttribute('title');

async function pressUntilDisabled(page: Page, key: string, button: string, most: number): Promise<number> {
  let n = 0;
  while (!(await page.locator(`[data-testid=${button}]`).isDisabled()) && n < most) {
    await page.keyboard.press(key);
    n++;
  }
  return n;
}

interface Draft { annotation: { objects: any[] }; pendingPredictions: string[] }

/** The draft the server holds for the task (GET /api/tasks/:id), once it has `want` boxes (autosave runs every few seconds). */
async function savedDraft(page: Page, projectId: string, want: number): Promise<Draft | null> {
  let draft: Draft | null = null;
  for (let tries = 0; tries < 40 && draft?.annotation.objects.length !== want; tries++) {
    if (tries > 0) await page.waitForTimeout(250);
    draft = await page.evaluate(async (projectId) => {
      const held = await (await fetch(`/api/projects/${projectId}/tasks/held`)).json() as { id: string }[];
      const task = await (await fetch(`/api/tasks/${held[0]!.id}`)).json() as { draft: Draft | null };
      return task.draft;
    }, projectId);
  }
  return draft;
}

test('3D sequence: eight edits are eight steps; undo all opens the scene as it came, redo all and the saved draft show the final one', needsSharedData, async () => {
  const preLabel = truth(SEQUENCE[0]!, '13');
  const projectId = await cloudProject(env, 'Lidar undo', { frames: SEQUENCE.map(cloudPath) },
    [{ model_version: 'tracker', result: [{ id: 'car13', type: 'cuboid3d', value: { ...preLabel, labels: ['Car'], frame: 0, trackId: 't13' } }] }]);
  const page = await signedInPage(env, { width: 1400, height: 900 });
  await page.goto(`${env.base}/projects/${projectId}/label`);
  await frameLoaded(page, 0);
  await page.locator('[data-testid=proposals] .ol-row').waitFor();
  const opening = await shown(page, 0);
  assert.deepEqual(opening.map((f) => [f.proposals.length, f.boxes.length]), [[1, 0], [0, 0], [0, 0]]);
  assert.ok(await page.locator('[data-testid=undo]').isDisabled(), 'nothing to undo on opening');

  // 1. create: a box fitted around car 1.
  await page.keyboard.press('c');
  await fitAround(page, truth(SEQUENCE[0]!, '1'));
  await page.locator('[data-testid=box-panel]').waitFor({ timeout: 15_000 });
  await page.keyboard.press('v');
  const fitted = await panel(page);
  // 2. move: the body dragged 1 m to the left (+y), one step however many pointer moves it took.
  await drag(page, local(fitted, 0, 0), local(fitted, 0, 1));
  const moved = await panel(page);
  assert.ok(Math.abs(moved.y - fitted.y) > 0.5 || Math.abs(moved.x - fitted.x) > 0.5, 'the box moved');
  assert.match((await undoTitle(page))!, /move/i);
  // 3. resize: the front face dragged 0.5 m ahead.
  await drag(page, local(moved, moved.dx / 2, 0), local(moved, moved.dx / 2 + 0.5, 0));
  const resized = await panel(page);
  assert.ok(Math.abs(resized.dx - moved.dx - 0.5) < 0.05, `longer by 0.5 m: ${moved.dx} → ${resized.dx}`);
  assert.match((await undoTitle(page))!, /resize/i);
  // 4. rotate: the knob ahead of the nose dragged sideways.
  const [p0, p1] = await page.evaluate(() => [(window as any).__cadrePointcloud.topToClient(0, 0), (window as any).__cadrePointcloud.topToClient(1, 0)] as [number, number][]);
  const knob = resized.dx / 2 + Math.max(0.8, 24 / Math.hypot(p1![0] - p0![0], p1![1] - p0![1]));
  await drag(page, local(resized, knob, 0), local(resized, knob, 1.5));
  const rotated = await panel(page);
  assert.ok(Math.abs(rotated.yaw - resized.yaw) > 5, `turned: ${resized.yaw}° → ${rotated.yaw}°`);
  assert.match((await undoTitle(page))!, /rotate/i);
  // 5. class change.
  await page.selectOption('[data-testid=box-class]', 'Truck');
  await page.locator('[data-testid=box-class]').evaluate((el) => (el as HTMLSelectElement).blur());
  // 6. delete another: the tracker's pre-label.
  await page.locator('[data-testid=proposals] .ol-row [aria-label=Delete]').click();
  await page.locator('[data-testid=proposals]').waitFor({ state: 'detached' });
  // 7. a track edit: on frame 3 a box fitted around the same car continues the track; frame 2 is interpolated.
  await goTo(page, 2);
  await page.keyboard.press('c');
  await fitAround(page, truth(SEQUENCE[2]!, '1'));
  await page.locator('[data-testid=box-panel]').waitFor({ timeout: 15_000 });
  await page.keyboard.press('v');
  assert.match(await page.locator('[data-testid=tracks]').innerText(), /1–3 · 2 key/);
  // 8. and its keyframe nudged, which moves the interpolated box too.
  await page.keyboard.press('Shift+ArrowUp');
  await page.locator('[data-testid=undo][title*=move]').waitFor();
  const final = await shown(page, 2);
  assert.deepEqual(final.map((f) => [f.proposals.length, f.boxes.length]), [[0, 1], [0, 1], [0, 1]]);
  assert.match(final[0]!.boxes[0]!.row, /Truck/);
  assert.match(final[1]!.boxes[0]!.row, /interp/);

  // Ctrl+Z typed in a field belongs to the field.
  await page.locator('[data-testid=objects] .ol-main').first().click();
  await page.locator('[data-field=x]').focus();
  await page.keyboard.press('Control+z');
  assert.equal(await page.locator('[data-testid=objects] .ol-row').count(), 1);
  await page.locator('[data-field=x]').evaluate((el) => (el as HTMLInputElement).blur());
  await page.keyboard.press('Escape');

  assert.equal(await pressUntilDisabled(page, 'Control+z', 'undo', 20), 8, 'eight steps to undo');
  assert.deepEqual(await shown(page, 0), opening, 'undo all: the scene as it opened');
  const undone = await savedDraft(page, projectId, 0);
  assert.deepEqual(undone?.annotation.objects, [], 'the saved draft has no boxes');
  assert.equal(undone?.pendingPredictions.length, 1, 'and the pre-label waits again');

  assert.equal(await pressUntilDisabled(page, 'Control+Shift+z', 'redo', 4), 4);
  assert.equal(await pressUntilDisabled(page, 'Control+y', 'redo', 20), 4, 'eight steps to redo');
  assert.deepEqual(await shown(page, 2), final, 'redo all: the final scene');

  const draft = (await savedDraft(page, projectId, 3))!;
  assert.deepEqual(draft.pendingPredictions, []);
  const stored = draft.annotation.objects.map((o) => ({ frame: o.frame as number, label: o.label as string, keyframe: o.keyframe as boolean, g: o.geometry as Record<string, number> }));
  assert.deepEqual(stored.map((o) => o.frame).sort(), [0, 1, 2]);
  for (const o of stored) {
    const box = final[o.frame]!.boxes[0]!;
    assert.match(box.row, new RegExp(`^${o.label}`), `frame ${o.frame + 1}: class`);
    assert.match(box.row, o.keyframe ? /key/ : /interp/, `frame ${o.frame + 1}: keyframe or not`);
    for (const k of ['x', 'y', 'z', 'dx', 'dy', 'dz'] as const) assert.equal(o.g[k]!.toFixed(2), box.panel[k].toFixed(2), `frame ${o.frame + 1}: ${k}`);
    assert.equal((o.g.yaw! * 180 / Math.PI).toFixed(1), box.panel.yaw.toFixed(1), `frame ${o.frame + 1}: yaw`);
  }
  await page.close();
});
