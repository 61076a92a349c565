// Auto-label a LiDAR sequence from the 3D workspace and verify it as a person does: the button runs
// the shipped auto-labeller as a machine job (its progress shows), its boxes arrive as pre-labels on
// every frame, linked into tracks; the person accepts the first frame's, moves one car 0.3 m, and the
// same car's pre-labels on the next frames move with it (fitted again on their own frames, the
// correction kept). A reload keeps where they went; accepted and submitted, the stored boxes are the
// moved ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { exporter, machine, media } from '@cadre/server';
import { needsSharedData, signedInPage, useBrowserApp } from './setup.ts';
import { cloudPath, cloudProject, FRAMES, frameLoaded, panel, SUSTECH, type Panel } from './pointcloud-setup.ts';

process.env.CADRE_MEDIA_ROOTS = SUSTECH;

const env = useBrowserApp();

const rows = (page: Page, list: 'proposals' | 'objects') => page.locator(`[data-testid=${list}] .ol-row`);
const tracksIn = async (page: Page, list: 'proposals' | 'objects') => (await rows(page, list).evaluateAll((els) => els.map((e) => e.getAttribute('data-track')))).filter((t): t is string => t !== null);

async function toFrame(page: Page, from: number, to: number): Promise<void> {
  for (let f = from; f !== to; f += to > from ? 1 : -1) await page.keyboard.press(to > from ? '.' : ',');
  await frameLoaded(page, to);
}

/** Selects the row of `track` in the list and reads the box panel. */
async function boxOf(page: Page, list: 'proposals' | 'objects', track: string): Promise<Panel> {
  await page.locator(`[data-testid=${list}] .ol-row[data-track="${track}"] .ol-main`).click();
  await page.locator('[data-testid=box-panel]').waitFor();
  return panel(page);
}

test('auto-label a sequence from the workspace; accept a frame, move one car, and the move follows the car to the next frames\' pre-labels', needsSharedData, async () => {
  const projectId = await cloudProject(env, 'Auto-label a drive', { frames: FRAMES.map(cloudPath) });
  const runner = await machine.startJobRunner(env.h.deps, { media: media.mediaConfig() });
  try {
    const page = await signedInPage(env, { width: 1400, height: 900 });
    await page.goto(`${env.base}/projects/${projectId}/label`);
    await frameLoaded(page, 0);
    assert.equal(await rows(page, 'proposals').count(), 0, 'nothing proposed before the machine ran');

    await page.getByRole('button', { name: 'Auto-label sequence' }).click();
    await page.locator('[data-testid=autolabel] [role=status]').waitFor({ timeout: 10_000 }); // its progress shows while it runs
    await rows(page, 'proposals').first().waitFor({ timeout: 60_000 });
    assert.equal(await page.getByRole('button', { name: 'Auto-label sequence' }).isEnabled(), true, 'done: the button is back');

    // Every frame has pre-labels, and the tracks carry over from frame to frame.
    const tracks: string[][] = [await tracksIn(page, 'proposals')];
    for (let f = 1; f < FRAMES.length; f++) { await toFrame(page, f - 1, f); tracks.push(await tracksIn(page, 'proposals')); }
    assert.ok(tracks.every((t) => t.length > 0), `pre-labels on every frame: ${tracks.map((t) => t.length).join(', ')}`);
    await toFrame(page, FRAMES.length - 1, 0);

    // The person accepts frame 1's pre-labels, then moves a car that the machine also found on the next two frames.
    await page.keyboard.press('Shift+A');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=proposals] .ol-row').length === 0);
    const car = (await tracksIn(page, 'objects')).find((t) => tracks[1]!.includes(t) && tracks[2]!.includes(t));
    assert.ok(car, `a track on frames 1 to 3 (frame 1 has ${tracks[0]!.join(', ')})`);
    const before: Panel[] = [];
    for (const f of [1, 2]) { await toFrame(page, f - 1, f); before.push(await boxOf(page, 'proposals', car)); }
    await toFrame(page, 2, 0);
    const accepted = await boxOf(page, 'objects', car);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowUp'); // +0.3 m in x
    await page.waitForFunction((x) => Number((document.querySelector('[data-field=x]') as HTMLInputElement).value) > x + 0.25, accepted.x);
    // The workspace says while it fits the car again on the frames after; then it is done.
    await page.locator('[data-testid=refitting]').waitFor({ state: 'detached', timeout: 30_000 });

    // On frames 2 and 3 the car's pre-label moved with it, kept its size, and stays a pre-label to accept.
    const after: Panel[] = [];
    for (const f of [1, 2]) {
      await toFrame(page, f - 1, f);
      const want = before[f - 1]!;
      const got = await boxOf(page, 'proposals', car);
      after.push(got);
      const moved = Math.hypot(got.x - want.x, got.y - want.y);
      assert.ok(got.x - want.x > 0.15 && got.x - want.x < 0.45 && Math.abs(got.y - want.y) < 0.15, `frame ${f + 1}: the pre-label moved ${(got.x - want.x).toFixed(2)}, ${(got.y - want.y).toFixed(2)} m (${moved.toFixed(2)}), as the car was moved 0.3 m in x`);
      assert.deepEqual([got.dx, got.dy, got.dz], [accepted.dx, accepted.dy, accepted.dz], `frame ${f + 1}: one size for the car`);
    }

    // The draft keeps where they went: after a reload the third frame's pre-label is where it was carried.
    await page.locator('text=draft saved').waitFor({ timeout: 15_000 });
    await page.reload();
    await frameLoaded(page, 0);
    await toFrame(page, 0, 2);
    const reloaded = await boxOf(page, 'proposals', car);
    assert.deepEqual([reloaded.x, reloaded.y], [after[1]!.x, after[1]!.y]);

    // Accepted on frame 2 and submitted, the stored box is the moved one.
    await toFrame(page, 2, 1);
    await page.keyboard.press('Shift+A');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=proposals] .ol-row').length === 0);
    await page.keyboard.press('Control+Enter');
    await page.locator('text=No tasks are waiting').waitFor();
    let text = '';
    for await (const chunk of exporter.exportJsonl(env.h.deps, env.h.admin, projectId, { onlyAnnotated: true, which: 'latest' })) text += chunk;
    const stored = (JSON.parse(text.trim()) as { annotation: { objects: { trackId: string; frame: number; origin: string; geometry: { x: number; y: number } }[] } }).annotation.objects;
    const second = stored.find((o) => o.trackId === car && o.frame === 1)!;
    assert.ok(second, 'the car\'s box on frame 2 is stored');
    assert.deepEqual([second.geometry.x, second.geometry.y], [after[0]!.x, after[0]!.y]);
    assert.equal(stored.filter((o) => o.frame === 0).length, tracks[0]!.length, 'frame 1 keeps every accepted box');
    await page.close();
  } finally {
    await runner.stop();
  }
});
