import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exporter } from '@cadre/server';
import { fillTrack } from '@cadre/pointcloud';
import { needsSharedData, saveScreenshot, signedInPage, useBrowserApp } from './setup.ts';
import { cloudPath, cloudProject, fitAround, FRAMES, frameLoaded, frontCamera, panel, panelAfter, pointsInside, SUSTECH, truth, type Panel } from './pointcloud-setup.ts';

// Items name their clouds by absolute path; the server serves files under these roots only.
process.env.CADRE_MEDIA_ROOTS = SUSTECH;
const env = useBrowserApp();

async function exported(projectId: string) {
  let text = '';
  for await (const chunk of exporter.exportJsonl(env.h.deps, env.h.admin, projectId, { onlyAnnotated: true, which: 'latest' })) text += chunk;
  return text.trim().split('\n').map((l) => JSON.parse(l) as { annotation: { objects: { label: string; kind: string; geometry: Record<string, number>; trackId?: string; frame?: number; keyframe?: boolean }[] } });
}

const near = (a: number, b: number, tolerance: number, what: string) => assert.ok(Math.abs(a - b) <= tolerance, `${what}: ${a} vs ${b}`);
const DEG = 180 / Math.PI;

test('a SUSTechPOINTS frame: a rectangle around a car becomes a fitted box, arrows nudge it, the export holds the panel values', needsSharedData, async () => {
  const projectId = await cloudProject(env, 'Lidar frame', { pcd: cloudPath('000950') });
  const page = await signedInPage(env, { width: 1400, height: 900 });
  await page.goto(`${env.base}/projects/${projectId}/label`);
  await frameLoaded(page, 0);
  await page.keyboard.press('c'); // cuboid tool
  const car = truth('000950', '1');
  await fitAround(page, car);
  await page.locator('[data-testid=box-panel]').waitFor({ timeout: 15_000 });
  const fitted = await panel(page);
  near(fitted.x, car.x, 0.5, 'fitted x'); near(fitted.y, car.y, 0.5, 'fitted y');
  assert.ok(fitted.dx > 2.5 && fitted.dx < 6, `a car-sized length, got ${fitted.dx}`);
  assert.ok(fitted.dy > 1.2 && fitted.dy < 3, `a car-sized width, got ${fitted.dy}`);
  assert.ok(fitted.dz > 0.8 && fitted.dz < 3, `a car-sized height, got ${fitted.dz}`);
  assert.ok(await pointsInside(page) > 20, 'the fitted box holds the car\'s points');

  // Arrow keys nudge by exactly 0.01 m, with Shift by 0.1 m: Up is +x (the top view has +x up the screen).
  const moved = (a: Panel, b: Panel) => (['x', 'y'] as const).map((k) => Math.round((b[k] - a[k]) * 1000) / 1000);
  const once = await panelAfter(page, fitted, 'ArrowUp');
  assert.deepEqual(moved(fitted, once), [0.01, 0], `one nudge moved (x, y) by ${moved(fitted, once)}`);
  const shifted = await panelAfter(page, once, 'Shift+ArrowUp');
  assert.deepEqual(moved(once, shifted), [0.1, 0], `a Shift nudge moved (x, y) by ${moved(once, shifted)}`);
  assert.equal(shifted.dx, fitted.dx, 'nudging leaves the size alone');
  // Keys still reach the box after a click in the object list.
  await page.locator('[data-testid=objects] .ol-main').first().click();
  const back = await panelAfter(page, shifted, 'ArrowDown');
  assert.deepEqual(moved(shifted, back), [-0.01, 0], `Down after a list click moved (x, y) by ${moved(shifted, back)}`);

  await page.keyboard.press('Control+Enter');
  await page.locator('text=No tasks are waiting').waitFor();
  const rows = await exported(projectId);
  assert.equal(rows.length, 1);
  const [box] = rows[0]!.annotation.objects;
  assert.equal(box!.label, 'Car');
  assert.equal(box!.kind, 'cuboid3d');
  assert.equal(box!.frame, undefined, 'a single frame has no frame index');
  for (const k of ['x', 'y', 'z', 'dx', 'dy', 'dz'] as const) near(box!.geometry[k]!, back[k], 0.01, `exported ${k}`);
  near(box!.geometry.yaw! * DEG, back.yaw, 0.1, 'exported yaw (degrees)');
  await page.close();
});

test('a 4-frame sequence: boxes on frames 1 and 4 of one track interpolate on frames 2 and 3', needsSharedData, async () => {
  const projectId = await cloudProject(env, 'Lidar sequence', { frames: FRAMES.map(cloudPath), cameras: [frontCamera(FRAMES)] });
  const page = await signedInPage(env, { width: 1400, height: 900 });
  await page.goto(`${env.base}/projects/${projectId}/label`);
  await frameLoaded(page, 0);
  await page.keyboard.press('c');
  await fitAround(page, truth(FRAMES[0]!, '1'));
  await page.locator('[data-testid=box-panel]').waitFor({ timeout: 15_000 });
  const first = await panel(page);
  for (let f = 1; f <= 3; f++) { await page.keyboard.press('.'); await frameLoaded(page, f); }
  await page.locator('[data-testid=following]').waitFor(); // the next box continues the same track
  await fitAround(page, truth(FRAMES[3]!, '1'));
  await page.locator('[data-testid=box-panel]').waitFor({ timeout: 15_000 });
  const last = await panel(page);
  assert.ok(Math.abs(last.y - first.y) > 5, 'the car drove on between frames 1 and 4');
  const turn = (a: number, b: number) => ((((b - a) % 360) + 540) % 360) - 180; // degrees, the short way
  assert.ok(Math.abs(turn(first.yaw, last.yaw)) < 20, `the second keyframe points the way the first does (${first.yaw}° → ${last.yaw}°)`);

  for (const f of [2, 1]) {
    await page.keyboard.press(',');
    await frameLoaded(page, f);
    const rows = page.locator('[data-testid=objects] .ol-row');
    assert.equal(await rows.count(), 1, `one box on frame ${f + 1}`);
    assert.match(await rows.first().innerText(), /interp/);
    await rows.first().locator('.ol-main').click();
    const shown = await panel(page);
    const t = f / 3;
    for (const k of ['x', 'y', 'z', 'dx', 'dy', 'dz'] as const) near(shown[k], first[k] + (last[k] - first[k]) * t, 0.011, `frame ${f + 1} ${k}`);
    near(turn(first.yaw, shown.yaw), turn(first.yaw, last.yaw) * t, 0.11, `frame ${f + 1} yaw (degrees from frame 1)`);
    // The front camera sees the car: its box is drawn over the frame's image, inside it.
    const overlay = page.locator('[data-testid=camera-overlay]');
    await overlay.locator('path').waitFor();
    const [image, drawn] = [(await page.locator('.pc-camera-view img').boundingBox())!, (await overlay.locator('path').boundingBox())!];
    assert.ok(drawn.width > 10 && drawn.x >= image.x && drawn.x + drawn.width <= image.x + image.width + 1, 'the projected box lies on the image');
    if (f === 2) {
      const [cx, cy] = await page.evaluate(([x, y]) => (window as any).__cadrePointcloud.topToClient(x, y), [shown.x, shown.y]);
      await page.mouse.move(cx, cy);
      for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -300);
      await saveScreenshot(page, 'pointcloud.png');
    }
  }
  await page.keyboard.press('Control+Enter');
  await page.locator('text=No tasks are waiting').waitFor();
  const [row] = await exported(projectId);
  const objects = row!.annotation.objects.sort((a, b) => a.frame! - b.frame!);
  assert.deepEqual(objects.map((o) => [o.frame, o.keyframe]), [[0, true], [1, false], [2, false], [3, true]]);
  assert.equal(new Set(objects.map((o) => o.trackId)).size, 1, 'one track');
  const filled = fillTrack([objects[0]!, objects[3]!].map((o) => ({ frame: o.frame!, geometry: o.geometry as never })), 4);
  for (const f of [1, 2]) {
    for (const k of ['x', 'y', 'z', 'dx', 'dy', 'dz', 'yaw'] as const) near(objects[f]!.geometry[k]!, (filled[f]!.geometry as never as Record<string, number>)[k]!, 1e-9, `stored frame ${f + 1} ${k}`);
  }
  await page.close();
});

test('a box copied to the next frame (N) continues its track as a keyframe, and the draft survives a reload', needsSharedData, async () => {
  const projectId = await cloudProject(env, 'Lidar copy', { frames: FRAMES.slice(0, 2).map(cloudPath) });
  const page = await signedInPage(env, { width: 1400, height: 900 });
  await page.goto(`${env.base}/projects/${projectId}/label`);
  await frameLoaded(page, 0);
  await page.keyboard.press('c');
  await fitAround(page, truth(FRAMES[0]!, '1'));
  await page.locator('[data-testid=box-panel]').waitFor({ timeout: 15_000 });
  const placed = await panel(page);
  await page.keyboard.press('n'); // copy to the next frame, and go there
  await frameLoaded(page, 1);
  assert.deepEqual(await panel(page), placed, 'the copy has the same box');
  assert.match(await page.locator('[data-testid=objects] .ol-row').innerText(), /key/);
  assert.match(await page.locator('[data-testid=tracks]').innerText(), /1–2 · 2 key/);
  await page.locator('text=draft saved').waitFor({ timeout: 10_000 });
  await page.reload();
  await frameLoaded(page, 0);
  assert.equal(await page.locator('[data-testid=objects] .ol-row').count(), 1, 'frame 1 still has its box');
  assert.match(await page.locator('[data-testid=tracks]').innerText(), /1–2 · 2 key/);
  await page.close();
});

test('pre-labels come first: one accepted (Tab, A), one deleted, and the export says which prediction the box came from', needsSharedData, async () => {
  const result = ['1', '13'].map((id) => {
    const g = truth('000950', id);
    return { id: `car${id}`, type: 'cuboid3d', value: { ...g, labels: ['Car'] } };
  });
  const projectId = await cloudProject(env, 'Lidar pre-labels', { pcd: cloudPath('000950') }, [{ model_version: 'test-model', result }]);
  const page = await signedInPage(env, { width: 1400, height: 900 });
  await page.goto(`${env.base}/projects/${projectId}/label`);
  await frameLoaded(page, 0);
  const proposals = page.locator('[data-testid=proposals] .ol-row');
  assert.equal(await proposals.count(), 2, 'both pre-labels are listed');
  await page.keyboard.press('Tab'); // the first pre-label
  const first = await panel(page);
  await page.keyboard.press('a');
  await page.locator('[data-testid=objects] .ol-row').waitFor();
  assert.match(await page.locator('[data-testid=objects] .ol-row').innerText(), /accepted/);
  await proposals.first().locator('[aria-label=Delete]').click();
  assert.equal(await proposals.count(), 0);
  await page.keyboard.press('Control+Enter');
  await page.locator('text=No tasks are waiting').waitFor();
  const [row] = await exported(projectId);
  const objects = row!.annotation.objects as { origin?: string; predictionId?: string; geometry: Record<string, number> }[];
  assert.equal(objects.length, 1, 'the accepted pre-label only');
  assert.equal(objects[0]!.origin, 'prediction_accepted');
  assert.match(objects[0]!.predictionId ?? '', /:car(1|13)$/);
  const source = truth('000950', objects[0]!.predictionId!.endsWith(':car1') ? '1' : '13');
  for (const k of ['x', 'y', 'z', 'dx', 'dy', 'dz', 'yaw'] as const) near(objects[0]!.geometry[k]!, source[k], 1e-9, `accepted ${k}`);
  near(first.x, source.x, 0.005, 'the panel showed the accepted box');
  await page.close();
});
