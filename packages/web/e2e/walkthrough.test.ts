// Every role, once through the line, on the demo project a first start makes: the administrator
// sets the project up in the browser, an annotator labels and skips, the machine checks, a reviewer
// edits and accepts with A, a QA inspector marks the sample correct, pay settles, the annotator
// changes their password, and the administrator sees it all. Each step asserts what the person sees
// and leaves a screenshot; docs/walkthrough.md shows them (CADRE_UPDATE_SCREENSHOTS=1 refreshes them).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { media, projectService } from '@cadre/server';
import { createDemoProjects, IMAGE_DEMO } from '../../server/src/demo/index.ts';
import { runMachineStage } from '../../server/src/services/workflow/machine-stage.ts';
import { objectCount, saveScreenshot, signedInPage, useBrowserApp } from './setup.ts';
import { signInAs } from './sign-in.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'cadre-walkthrough-'));
process.env.CADRE_DATA_DIR = dataDir; // the demo's generated images go where a first start puts them
const env = useBrowserApp();
after(() => rmSync(dataDir, { recursive: true, force: true }));

const shot = (page: Page, step: string) => saveScreenshot(page, `walkthrough-${step}.png`);

/** Where the one task an annotator submitted stands: its stage and its item's latest annotation state. */
async function taskOf(projectId: string, taskId: string): Promise<{ stage: string; state: string | null }> {
  const { rows } = await env.h.deps.pool.query(
    `SELECT t.stage, (SELECT a.state FROM annotations a WHERE a.item_id = t.item_id ORDER BY a.created_at DESC, a.id DESC LIMIT 1) AS state
       FROM tasks t WHERE t.project_id = $1 AND t.id = $2`, [projectId, taskId]);
  return rows[0] as { stage: string; state: string | null };
}

/** Waits until the machine's check stage (a worker in the server; run here too) has moved the task to `stage`. */
async function passChecks(projectId: string, taskId: string, stage: string): Promise<void> {
  for (let tries = 0; ; tries++) {
    await runMachineStage(env.h.deps);
    const now = await taskOf(projectId, taskId);
    if (now.stage === stage) return;
    if (tries > 80) throw new Error(`the task stayed in ${now.stage}; expected ${stage}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('walkthrough: administrator, annotator, machine checks, reviewer, QA inspector and pay, with no dead end and no lost edit', async () => {
  await createDemoProjects(env.h.deps, env.h.admin, media.mediaConfig());
  const project = (await projectService.listProjects(env.h.deps, env.h.admin)).find((p) => p.name === IMAGE_DEMO.name)!;
  for (const name of ['ana', 'rui', 'qiu']) await env.h.user(`${name}@walk.test`);

  // 1. The administrator signs in and finds the three demo projects.
  const admin = await signedInPage(env, { width: 1400, height: 900 });
  for (const name of ['Demo: product reviews', 'Demo: street scenes', 'Demo: LiDAR street']) await admin.getByRole('link', { name }).waitFor();
  await shot(admin, '01-projects');

  // 2. On the project page: people join through the members panel.
  await admin.getByRole('link', { name: IMAGE_DEMO.name }).click();
  await admin.locator('.project-nav a', { hasText: 'Members' }).click();
  for (const [email, role] of [['ana@walk.test', 'annotator'], ['rui@walk.test', 'reviewer'], ['qiu@walk.test', 'reviewer']] as const) {
    await admin.getByLabel('member email').fill(email);
    await admin.getByLabel('role').selectOption(role);
    await admin.getByRole('button', { name: 'Add', exact: true }).click();
    await admin.locator('[data-testid=member-row]', { hasText: email }).waitFor();
  }
  await shot(admin, '02-project-members');

  // 3. Settings: review and QA after the machine checks, every batch of one inspected, a rate card.
  await admin.locator('.project-nav a', { hasText: 'Settings' }).click();
  await admin.getByRole('form', { name: 'workflow settings' }).waitFor();
  for (const stage of ['check', 'review', 'qa']) await admin.getByLabel(`stage ${stage}`).check();
  await admin.selectOption('#qaBatchBy', 'count');
  await admin.fill('#qaBatchSize', '1');
  await admin.fill('#qaSampleRate', '1');
  await admin.fill('#qaSecondSample', '0');
  await admin.getByRole('button', { name: 'Save workflow settings' }).click();
  await admin.getByTestId('settings-saved').waitFor();
  await admin.fill('#currency', 'EUR');
  await admin.locator('[id="annotator.perObject"]').fill('12');
  await admin.locator('[id="client.perObject"]').fill('30');
  await admin.getByRole('button', { name: 'Save rate card' }).click();
  await admin.getByTestId('rate-card-saved').waitFor();
  await shot(admin, '03-settings');

  // 4. The annotator: machine boxes first; accepts them all, submits; the next image opens at once.
  const ana = await signInAs(env, 'ana@walk.test', 'user-password');
  assert.equal(await ana.locator('.project-nav a', { hasText: 'Settings' }).count(), 0, 'an annotator is offered no settings');
  await ana.getByRole('link', { name: IMAGE_DEMO.name }).click();
  await ana.getByText('Start labeling').click();
  const proposals = ana.locator('[data-testid=proposals] .ol-row');
  await proposals.first().waitFor();
  const machineBoxes = await proposals.count();
  assert.ok(machineBoxes >= 3, `machine boxes shown (${machineBoxes})`);
  await shot(ana, '04-annotate-machine-boxes');
  await ana.keyboard.press('Shift+A');
  await objectCount(ana, machineBoxes).waitFor();
  const submitted = ana.url().split('/').pop()!;
  await ana.keyboard.press('Control+Enter');
  await ana.waitForURL((url) => !url.pathname.endsWith(submitted));

  // 5. The next image is one the annotator cannot judge: Skip, with a reason; it goes back to the queue.
  const skipped = ana.url().split('/').pop()!;
  await ana.getByTestId('skip').click();
  await ana.getByLabel('Skip reason').selectOption('unclear');
  await ana.getByLabel('Skip note').fill('is the van on the left a car or a truck?');
  await shot(ana, '05-skip');
  await ana.getByRole('button', { name: 'Skip task' }).click();
  await ana.waitForURL((url) => !url.pathname.endsWith(skipped));
  const skip = await env.h.deps.pool.query(`SELECT data FROM events WHERE action = 'skipped' AND entity_id = $1`, [skipped]);
  assert.equal(skip.rows[0]?.data.reason, 'unclear');

  // 6. The machine checks pass the work on to review.
  await passChecks(project.id, submitted, 'review');

  // 7. The reviewer removes one box the annotator accepted, then presses A: the edit is kept.
  const rui = await signInAs(env, 'rui@walk.test', 'user-password');
  await rui.goto(`${env.base}/projects/${project.id}/review`);
  await rui.locator('[data-testid=review-bar]').waitFor();
  const rows = rui.locator('[data-testid=objects] .ol-row');
  await rows.nth(machineBoxes - 1).waitFor();
  const removed = (await rows.first().getAttribute('data-id'))!;
  await rows.first().locator('.ol-main').click();
  await rui.keyboard.press('Delete');
  await objectCount(rui, machineBoxes - 1).waitFor();
  await shot(rui, '06-review-edit');
  await rui.keyboard.press('a');
  await rui.locator('text=No tasks are waiting for review').waitFor();
  assert.equal((await taskOf(project.id, submitted)).stage, 'qa');

  // 8. The QA inspector: the batch of one is sampled whole; Correct accepts it.
  const qiu = await signInAs(env, 'qiu@walk.test', 'user-password');
  await qiu.goto(`${env.base}/projects/${project.id}/qa`);
  await qiu.locator('[data-testid=review-bar]').waitFor();
  await objectCount(qiu, machineBoxes - 1).waitFor();
  await shot(qiu, '07-qa');
  await qiu.getByRole('button', { name: 'Correct (A)' }).click();
  await qiu.locator('text=No tasks are waiting for QA').waitFor();
  assert.equal((await taskOf(project.id, submitted)).state, 'accepted');

  // 9. The export holds the reviewer's version, and the history names who wrote each version.
  const exported = await admin.request.get(`${env.base}/api/projects/${project.id}/export?onlyAnnotated=true`);
  const lines = (await exported.text()).trim().split('\n').map((l) => JSON.parse(l) as { id: string; annotation: { objects: { id: string }[] } });
  assert.equal(lines.length, 1);
  const ids = lines[0]!.annotation.objects.map((o) => o.id);
  assert.equal(ids.length, machineBoxes - 1);
  assert.ok(!ids.includes(removed), 'the box the reviewer removed is gone from the export');
  const versions = await (await admin.request.get(`${env.base}/api/items/${lines[0]!.id}/annotations`)).json() as { authorName: string }[];
  assert.deepEqual(versions.map((v) => v.authorName).slice(-2), ['ana', 'rui']);

  // 10. The annotator's dashboard: the accepted work is paid (per object, settled after QA).
  await ana.goto(`${env.base}/projects/${project.id}/dashboard`);
  const me = ana.locator('[data-view=me]');
  await me.locator('[data-figure=settled]').filter({ hasText: /[1-9]/ }).waitFor();
  await shot(ana, '08-annotator-dashboard');

  // 11. The annotator changes their password from the account page.
  await ana.getByRole('link', { name: 'ana' }).click();
  await ana.locator('h1', { hasText: 'Account' }).waitFor();
  await ana.fill('#current-password', 'user-password');
  await ana.fill('#new-password', 'a better passphrase');
  await ana.fill('#repeat-password', 'a better passphrase');
  await ana.getByRole('button', { name: 'Change password' }).click();
  await ana.getByTestId('password-changed').waitFor();
  await shot(ana, '09-account');

  // 12. The administrator's dashboard: throughput, backlog and money, with the day's work in it.
  await admin.goto(`${env.base}/projects/${project.id}/dashboard`);
  const board = admin.locator('[data-view=admin]');
  await board.locator('[data-figure=accepted]', { hasText: '1' }).waitFor();
  await shot(admin, '10-admin-dashboard');

  for (const p of [admin, ana, rui, qiu]) await p.context().close();
});
