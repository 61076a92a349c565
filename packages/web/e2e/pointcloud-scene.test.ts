import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { exporter, importer, lidar, projectService } from '@cadre/server';
import { needsSharedData, signedInPage, useBrowserApp } from './setup.ts';
import { frameLoaded, ONTOLOGY, SUSTECH } from './pointcloud-setup.ts';

const env = useBrowserApp();
const labelled = (frame: string) => (JSON.parse(readFileSync(`${SUSTECH}label/${frame}.json`, 'utf8')) as { obj_id: string }[]).map((o) => o.obj_id);

test('a SUSTechPOINTS scene opens as one sequence with its labels as pre-labels on each frame; accepting a frame\'s keeps their tracks', needsSharedData, async () => {
  const classes = [...ONTOLOGY.classes, ...['Bus', 'Rider', 'Motor'].map((name) => ({ name, kind: 'cuboid3d' }))];
  const p = await projectService.createProject(env.h.deps, env.h.admin, { name: 'SUSTech scene', ontology: { classes } as never });
  await importer.importRows(env.h.deps, env.h.admin, lidar.sustechRows(SUSTECH), { projectId: p.id, file: SUSTECH, format: 'folder', skipInvalid: false });
  const page = await signedInPage(env, { width: 1400, height: 900 });
  await page.goto(`${env.base}/projects/${p.id}/label`);
  await frameLoaded(page, 0);
  const proposals = page.locator('[data-testid=proposals] .ol-row');
  const objects = page.locator('[data-testid=objects] .ol-row');
  assert.equal(await proposals.count(), labelled('000950').length, 'every box of frame 1 is waiting as a pre-label');
  await page.keyboard.press('.');
  await frameLoaded(page, 1);
  assert.equal(await proposals.count(), labelled('000965').length, 'and those of frame 2 on frame 2');
  // The front camera has an image for this frame: the pre-labels in view are drawn on it, dashed.
  // The overlay is drawn once the camera image has loaded, which may come after the frame's points.
  await page.locator('[data-testid=camera-overlay] path[stroke-dasharray]').first().waitFor({ timeout: 15_000 });
  await page.keyboard.press(',');
  await frameLoaded(page, 0);
  await page.keyboard.press('Shift+A'); // accept every pre-label of this frame
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=proposals] .ol-row').length === 0);
  assert.equal(await objects.count(), labelled('000950').length);
  await page.keyboard.press('Control+Enter');
  await page.locator('text=No tasks are waiting').waitFor();

  let text = '';
  for await (const chunk of exporter.exportJsonl(env.h.deps, env.h.admin, p.id, { onlyAnnotated: true, which: 'latest' })) text += chunk;
  const stored = (JSON.parse(text.trim()) as { annotation: { objects: { origin: string; frame: number; keyframe: boolean; trackId: string }[] } }).annotation.objects;
  assert.equal(stored.length, labelled('000950').length);
  assert.ok(stored.every((o) => o.origin === 'prediction_accepted' && o.frame === 0 && o.keyframe === true));
  assert.deepEqual(stored.map((o) => o.trackId).sort(), labelled('000950').sort(), 'the SUSTechPOINTS object ids are the track ids');
  await page.close();
});
