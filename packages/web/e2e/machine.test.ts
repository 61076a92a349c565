// A model as a worker of the line, through the web app: a manager makes a project whose workflow
// starts with the machine stage, registers the shipped detector on the Models page, attaches it with
// a class map edited in the project's Models panel, and runs it with the Pre-label button; the
// progress bar moves item by item and finishes. An annotator then opens an item with the machine's
// boxes, deletes one, resizes one, accepts the rest, draws one and submits; a reviewer accepts it.
// The model report shows exactly those outcomes, and the cost per item by method.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ModelReport } from '@cadre/contract';
import { dispenser, importer, imports, machine, media } from '@cadre/server';
import { COCO, dragBox, needsSharedData, objectCount, saveScreenshot, useBrowserApp } from './setup.ts';
import { personWithRole } from './review-setup.ts';
import { signInAs } from './sign-in.ts';

const env = useBrowserApp();

/** Machine jobs run where the served process runs them (the server's runtime starts a runner beside the app). */
async function withJobRunner<T>(work: () => Promise<T>): Promise<T> {
  const runner = await machine.startJobRunner(env.h.deps, { media: media.mediaConfig() });
  try { return await work(); } finally { await runner.stop(); }
}

// coco128 images on which the shipped detector finds at least four people, dogs or cars above a
// score of 0.25 (checked with `cadre model predict`), so whichever the annotator is given first has
// enough boxes to accept, edit and delete. The first by name has a dog and five people.
const IMAGES = ['000000000074.jpg', '000000000077.jpg', '000000000049.jpg', '000000000061.jpg', '000000000071.jpg'];
const MIN_SCORE = '0.25';
// CNY fen. Annotator 0.10 an item and 0.20 an object, a kept pre-label pays a quarter, an edited one
// half; review 0.04 an item.
const CARD = {
  currency: 'CNY', annotator: { perItem: 10, perObject: 20, originBps: { human: 10000, prediction_edited: 5000, prediction_accepted: 2500 } },
  review: { perItem: 4 }, client: { perItem: 40 }, machinePerItem: 0,
};
// 3,600 CNY a machine hour: a machine second costs 1 CNY, so even a fast image costs some fen.
const HOUR_RATE = '360000';

/** The five images copied into a folder of their own, named so that the import keeps this order. */
function imageFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cadre-machine-e2e-'));
  IMAGES.forEach((name, i) => copyFileSync(`${COCO}images/train2017/${name}`, join(dir, `${i + 1}-${name}`)));
  return dir;
}

interface Proposal { id: string; label: string; geometry: { x: number; y: number; width: number; height: number } }

test('a model pre-labels a project from the web app with a moving progress bar; the annotator\'s accept, edit, delete and draw are the model report\'s outcomes', needsSharedData, () => withJobRunner(async () => {
  const page = await signInAs(env, 'admin@test.local', 'admin-password');

  // The project: three box classes, a workflow of prelabel (the model), annotate and review.
  await page.getByRole('button', { name: 'New project' }).click();
  await page.fill('#project-name', 'Machines at work');
  const classes = ['person', 'dog', 'car'];
  for (const [i, name] of classes.entries()) {
    if (i > 0) await page.click('text=Add class');
    await page.locator('[aria-label="class name"]').nth(i).fill(name);
    await page.locator('[aria-label="kind"]').nth(i).selectOption('bbox2d');
  }
  await page.click('text=Create project');
  await page.locator('h1', { hasText: 'Machines at work' }).waitFor();
  const projectId = new URL(page.url()).pathname.split('/')[2]!;
  await page.locator('.project-nav a', { hasText: 'Settings' }).click();
  await page.getByRole('form', { name: 'workflow settings' }).waitFor();
  await page.getByLabel('stage prelabel').check();
  await page.getByLabel('stage check').uncheck();
  await page.getByLabel('stage qa').uncheck();
  await page.getByLabel('stage review').check();
  await page.getByRole('button', { name: 'Save workflow settings' }).click();
  await page.getByTestId('settings-saved').waitFor();
  const api = async <T>(path: string): Promise<T> => {
    const res = await page.request.get(`${env.base}${path}`);
    assert.ok(res.ok(), `GET ${path}: HTTP ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  };
  assert.deepEqual((await api<{ settings: { stages: string[] } }>(`/api/projects/${projectId}`)).settings.stages, ['prelabel', 'annotate', 'review']);
  const card = await page.request.put(`${env.base}/api/projects/${projectId}/rate-card`, { data: CARD });
  assert.ok(card.ok(), `the rate card: HTTP ${card.status()} ${await card.text()}`);

  // The images come in (a folder import, as the CLI does it) and wait at the machine's stage.
  const dir = imageFolder();
  await importer.importRows(env.h.deps, env.h.admin, imports.folderRows(dir), { projectId, file: dir, format: 'folder', skipInvalid: false });
  const stages = await env.h.deps.pool.query<{ stage: string; n: string }>('SELECT stage, count(*) AS n FROM tasks WHERE project_id = $1 GROUP BY stage', [projectId]);
  assert.deepEqual(stages.rows.map((r) => [r.stage, Number(r.n)]), [['prelabel', IMAGES.length]], 'every new item waits for the model first');

  // The Models page: the shipped detector registered with one click, at an hour rate.
  await page.locator('header a', { hasText: 'Models' }).click();
  await page.getByRole('form', { name: 'register a model' }).waitFor();
  await page.getByLabel('hour rate', { exact: true }).fill(HOUR_RATE);
  await page.getByRole('button', { name: 'Register the shipped detector' }).click();
  await page.getByTestId('model-registered').or(page.getByTestId('register-error')).waitFor({ timeout: 60_000 });
  assert.equal(await page.getByTestId('register-error').count(), 0, `registering failed: ${await page.getByTestId('register-error').innerText().catch(() => '')}`);
  const row = page.locator('[data-testid=model-row][data-model="coco-detector@shipped"]');
  await row.waitFor();
  assert.match(await row.innerText(), /coco-detector\s+shipped\s+default\s+80/);

  // The project's Models panel: attach it; the class map sends truck to car too, and keeps the
  // classes it does not use in plain sight.
  await page.goto(`${env.base}/projects/${projectId}/models`);
  await page.getByRole('button', { name: 'Use in this project' }).click();
  const panel = page.locator('[data-testid=project-model][data-model="coco-detector@shipped"]');
  await panel.waitFor();
  const unmapped = panel.getByTestId('unmapped-classes');
  assert.match(await unmapped.innerText(), /Not used \(77\)/, 'person, dog and car map by name; the other 77 classes are listed');
  assert.equal(await unmapped.locator('[data-class=truck]').count(), 1);
  await panel.getByLabel('map truck').selectOption('car');
  await panel.getByLabel('least score').fill(MIN_SCORE);
  await panel.getByRole('button', { name: 'Save class map' }).click();
  await panel.getByTestId('class-map-saved').or(panel.getByTestId('class-map-error')).waitFor();
  assert.equal(await panel.getByTestId('class-map-error').count(), 0, `the class map was refused: ${await panel.getByTestId('class-map-error').innerText().catch(() => '')}`);
  assert.match(await unmapped.innerText(), /Not used \(76\)/);
  assert.equal(await unmapped.locator('[data-class=truck]').count(), 0, 'truck is used now');
  const attached = await api<{ models: { classMap: Record<string, string | null>; minScore: number | null; unmapped: string[] }[] }>(`/api/projects/${projectId}/models`);
  assert.equal(attached.models.length, 1);
  assert.equal(attached.models[0]!.classMap['truck'], 'car');
  assert.equal(attached.models[0]!.classMap['person'], 'person');
  assert.equal(attached.models[0]!.minScore, Number(MIN_SCORE));
  assert.equal(attached.models[0]!.unmapped.length, 76);

  // Pre-label: every state the progress bar shows is written down as it is painted.
  // (A string, so the bundler's helpers stay out of the page.)
  await page.evaluate(`(() => {
    const seen = [];
    window.progressSeen = seen;
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid=job-panel] [data-testid=job-progress]');
      const bar = el && el.querySelector('[role=progressbar]');
      if (!el || !bar) return;
      const v = el.getAttribute('data-state') + ' ' + el.getAttribute('data-done') + '/' + el.getAttribute('data-total') + ' ' + bar.getAttribute('aria-valuenow');
      if (seen[seen.length - 1] !== v) seen.push(v);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  })()`);
  await panel.getByRole('button', { name: 'Pre-label' }).click();
  const progress = panel.locator('[data-testid=job-panel] [data-testid=job-progress]');
  const ended = panel.locator('[data-testid=job-panel] [data-testid=job-progress]:is([data-state=done], [data-state=failed], [data-state=cancelled])');
  const midway = panel.locator(`[data-testid=job-panel] [data-testid=job-progress][data-state=running]:not([data-done="0"]):not([data-done="${IMAGES.length}"])`);
  const first = await Promise.race([midway.waitFor({ timeout: 300_000 }).then(() => 'midway'), ended.waitFor({ timeout: 300_000 }).then(() => 'ended')]);
  if (first === 'midway') console.log(`models panel mid-job: ${await saveScreenshot(page, 'machine-job.png')}`);
  await ended.waitFor({ timeout: 300_000 });
  assert.equal(await progress.getAttribute('data-state'), 'done', `the job ended ${await progress.getAttribute('data-state')}: ${await progress.innerText()}`);
  const seen = await page.evaluate('window.progressSeen') as string[];
  const done = seen.map((s) => Number(/ (\d+)\//.exec(s)![1]));
  const total = IMAGES.length;
  assert.ok(done.some((d) => d > 0 && d < total), `the bar showed a count between none and all on its way (seen: ${seen.join(' → ')})`);
  assert.deepEqual(done, [...done].sort((a, b) => a - b), `the count only grows (seen: ${seen.join(' → ')})`);
  assert.match(seen[seen.length - 1]!, new RegExp(`^done ${total}/${total} ${total}$`));
  assert.match(await progress.getByTestId('job-count').innerText(), new RegExp(`${total} of ${total} items done`));
  assert.match(await progress.innerText(), /^finished/m);
  // The classes the map leaves out are counted, not dropped silently (a detector always proposes some).
  assert.match(await progress.getByTestId('job-unmapped').innerText(), /not use/);
  console.log(`progress bar: ${seen.join(' → ')}`);

  // Every item went on to people, each with one set of the model's predictions.
  const after = await env.h.deps.pool.query<{ stage: string; n: string }>('SELECT stage, count(*) AS n FROM tasks WHERE project_id = $1 GROUP BY stage', [projectId]);
  assert.deepEqual(after.rows.map((r) => [r.stage, Number(r.n)]), [['annotate', total]]);
  const sets = await env.h.deps.pool.query<{ n: string; items: string; versions: string }>(
    'SELECT count(*) AS n, count(DISTINCT item_id) AS items, string_agg(DISTINCT model_version, \',\') AS versions FROM predictions WHERE project_id = $1', [projectId]);
  assert.deepEqual([Number(sets.rows[0]!.n), Number(sets.rows[0]!.items)], [total, total], 'one set of predictions per item');
  assert.equal(sets.rows[0]!.versions, 'coco-detector@shipped', 'stored under the model\'s name and version');

  // The annotator's turn: the first item shows the model's boxes in machine style.
  await page.goto(`${env.base}/projects/${projectId}/label`);
  await objectCount(page, 0).waitFor();
  const [current] = await dispenser.heldTasks(env.h.deps, env.h.admin, projectId);
  const machine = current!.predictions.flatMap((p) => p.objects) as Proposal[];
  const n = machine.length;
  assert.ok(n >= 4, `the held item has at least four machine boxes (it has ${n})`);
  assert.ok(machine.every((m) => classes.includes(m.label)), `the boxes are in the project's classes (${machine.map((m) => m.label).join(', ')})`);
  await page.locator('[data-testid=proposals] .ol-row').nth(n - 1).waitFor();

  // The first box: accepted, then resized by its top-left handle (an edit).
  await page.keyboard.press('Tab');
  await page.keyboard.press('a');
  await objectCount(page, 1).waitFor();
  const media = await env.h.deps.pool.query<{ path: string }>('SELECT coalesce(media_ref, asset) AS path FROM items WHERE id = $1', [current!.task.itemId]);
  await resizeTopLeft(page, machine[0]!.geometry, jpegSize(readFileSync(media.rows[0]!.path)));
  await page.locator('[data-testid=objects] .ol-badge.origin-prediction_edited').waitFor();
  // The second: deleted. The rest: accepted as they are.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Delete');
  await page.locator('[data-testid=proposals] .ol-row').nth(n - 3).waitFor();
  for (let i = 2; i < n; i++) {
    await page.keyboard.press('Tab');
    await page.keyboard.press('a');
    await objectCount(page, i).waitFor();
  }
  // No proposal is left waiting: the panel goes (it may go a render after the last count changes).
  await page.locator('[data-testid=proposals]').waitFor({ state: 'detached', timeout: 10_000 });
  // One box the model missed, drawn by hand.
  await dragBox(page);
  await objectCount(page, n).waitFor();
  await page.keyboard.press('Control+Enter');
  await page.locator('text=submitted').waitFor();

  // The reviewer accepts the work as it is.
  const reviewer = await personWithRole(env, projectId, 'rev-machine', 'reviewer');
  const rev = reviewer.page;
  await rev.goto(`${env.base}/projects/${projectId}/review`);
  await rev.getByRole('button', { name: 'Accept (A)' }).waitFor();
  await rev.keyboard.press('a');
  await rev.locator('text=No tasks are waiting for review').waitFor();
  await rev.close();

  // The model report: exactly those outcomes.
  const report = await api<ModelReport>(`/api/projects/${projectId}/model-report`);
  const mine = report.models.find((m) => `${m.name}@${m.version}` === 'coco-detector@shipped');
  assert.ok(mine, `the report has the model (${report.models.map((m) => `${m.name}@${m.version}`).join(', ')})`);
  const expected = { proposals: n, accepted: n - 2, edited: 1, deleted: 1, drawn: 1 };
  assert.deepEqual({ proposals: mine.outcomes.proposals, accepted: mine.outcomes.accepted, edited: mine.outcomes.edited, deleted: mine.outcomes.deleted, drawn: mine.outcomes.drawn }, expected);
  assert.equal(mine.items, 1);
  const prelabeled = mine.costPerItem.find((c) => c.method === 'prelabeled')!;
  assert.equal(prelabeled.currency, 'CNY');
  assert.equal(prelabeled.items, 1, 'the accepted item was pre-labeled: some of its boxes came from the model, one was drawn');
  assert.ok(prelabeled.machineMinor > 0, 'the model\'s machine time is costed at its hour rate');
  assert.ok(prelabeled.labourMinor > 0, 'people\'s pay is in the ledger');
  assert.equal(prelabeled.perItemMinor, prelabeled.labourPerItemMinor! + prelabeled.machinePerItemMinor!);

  await page.goto(`${env.base}/projects/${projectId}/models`);
  const version = page.locator('[data-testid=model-report] [data-testid=model-version][data-model="coco-detector@shipped"]');
  await version.waitFor();
  const outcomes = version.getByTestId('outcomes');
  for (const [k, v] of Object.entries(expected)) assert.equal(await outcomes.locator(`[data-count=${k}]`).innerText(), String(v), `${k} on the report page`);
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  const denominator = n + 1; // accepted + edited + deleted + drawn
  assert.equal(await outcomes.locator('[data-share=accepted]').innerText(), pct((n - 2) / denominator));
  assert.equal(await outcomes.locator('[data-share=drawn]').innerText(), pct(1 / denominator));
  assert.equal(await version.locator('[data-figure=precision]').innerText(), pct((n - 1) / n), 'precision: (accepted + edited) / proposals');
  assert.equal(await version.locator('[data-figure=recall]').innerText(), pct((n - 1) / n), 'recall: (accepted + edited) / (accepted + edited + drawn)');
  const costs = version.getByTestId('cost-model');
  const money = (minor: number) => page.evaluate((m) => new Intl.NumberFormat(undefined, { style: 'currency', currency: 'CNY' }).format(m / 100), minor);
  const pre = costs.locator('[data-method=prelabeled]');
  assert.equal(await pre.locator('[data-count=items]').innerText(), '1');
  assert.equal(await pre.locator('[data-figure=per-item]').innerText(), await money(prelabeled.perItemMinor!));
  assert.equal(await pre.locator('[data-figure=machine-per-item]').innerText(), await money(prelabeled.machinePerItemMinor!));
  assert.equal(await pre.locator('[data-figure=labour-per-item]').innerText(), await money(prelabeled.labourPerItemMinor!));
  for (const method of ['manual', 'automatic']) {
    assert.equal(await costs.locator(`[data-method=${method}] [data-count=items]`).innerText(), '0', `no ${method} item`);
    assert.equal(await costs.locator(`[data-method=${method}] [data-figure=per-item]`).innerText(), '—');
  }
  assert.match(await version.getByTestId('seconds').innerText(), /with pre-labels [\d.]+ s over 1 item,/);
  await version.scrollIntoViewIfNeeded();
  console.log(`model report: ${await saveScreenshot(page, 'machine-report.png')}`);

  // Evaluate: the model against the one accepted item's labels (the n objects the annotator kept or drew).
  await page.locator('[data-testid=project-model][data-model="coco-detector@shipped"]').getByRole('button', { name: 'Evaluate' }).click();
  const evaluation = page.locator('[data-testid=job-panel] [data-testid=job-evaluation]');
  await evaluation.or(page.locator('[data-testid=job-panel] [data-testid=job-progress][data-state=failed]')).waitFor({ timeout: 120_000 });
  const figures = await evaluation.innerText();
  assert.match(figures, /Against the accepted labels of 1 item \(IoU ≥ 0.5\): mAP [01]\.\d{3}/);
  assert.match(figures, new RegExp(`at score ≥ ${MIN_SCORE}: precision [\\d.]+%, recall [\\d.]+% \\(\\d+ found, \\d+ false, \\d+ missed of ${n}\\)`));
  await page.close();
  rmSync(dir, { recursive: true, force: true });
}));

/** Width and height of a JPEG, from its frame header. */
function jpegSize(bytes: Buffer): { width: number; height: number } {
  for (let i = 2; i + 9 < bytes.length;) {
    const marker = bytes[i + 1]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    i += 2 + bytes.readUInt16BE(i + 2);
  }
  throw new Error('no JPEG frame header');
}

/**
 * Drags the top-left corner handle of the selected box (image pixels `g`) 12 × 10 canvas pixels
 * inwards. The canvas fits the image with a 16 px margin (as the workspace test measures).
 */
async function resizeTopLeft(page: Page, g: Proposal['geometry'], image: { width: number; height: number }): Promise<void> {
  const box = (await page.locator('[data-testid=canvas]').boundingBox())!;
  const scale = Math.min((box.width - 32) / image.width, (box.height - 32) / image.height);
  const x = box.x + (box.width - image.width * scale) / 2 + g.x * scale;
  const y = box.y + (box.height - image.height * scale) / 2 + g.y * scale;
  await page.keyboard.press('v');
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 6, y + 5, { steps: 3 });
  await page.mouse.move(x + 12, y + 10, { steps: 3 });
  await page.mouse.up();
}

test('a plain HTTP model registered through the form: Cancel stops its job between items, and an image it answers badly is listed with its error while the rest go on', needsSharedData, () => withJobRunner(async () => {
  const { HttpModelServer } = await import('@cadre/models/testing');
  // The fake model finds a car and a cow in every image, and answers one image with nonsense.
  const model = await HttpModelServer.start({
    info: { name: 'roadside', version: '7', classes: ['car', 'cow'] },
    answer: (image) => (image.name.includes('000000000049')
      ? { model: { name: 'roadside', version: '7' }, objects: 'no idea' }
      : { model: { name: 'roadside', version: '7' }, objects: [{ class: 'car', x: 10, y: 20, w: 100, h: 60, score: 0.9 }, { class: 'cow', x: 200, y: 100, w: 80, h: 50, score: 0.8 }] }),
  });
  const dir = imageFolder();
  try {
    const page = await signInAs(env, 'admin@test.local', 'admin-password');
    const create = await page.request.post(`${env.base}/api/projects`, { data: { name: 'Roadside', ontology: { classes: [{ name: 'car', kind: 'bbox2d' }] }, settings: { stages: ['prelabel', 'annotate'] } } });
    assert.ok(create.ok(), `the project: HTTP ${create.status()} ${await create.text()}`);
    const projectId = ((await create.json()) as { id: string }).id;
    await importer.importRows(env.h.deps, env.h.admin, imports.folderRows(dir), { projectId, file: dir, format: 'folder', skipInvalid: false });

    const form = await fillRegisterForm(page, { kind: 'http', name: 'roadside', version: '7', url: model.url });
    await page.getByTestId('model-registered').or(page.getByTestId('register-error')).waitFor();
    assert.match(await page.getByTestId('model-registered').innerText(), /Registered roadside@7 with 2 classes/);
    // A bad URL is refused with the reason, and nothing is registered.
    await form.getByLabel('model version').fill('8');
    await form.getByLabel('model url').fill('http://127.0.0.1:9/');
    await form.getByRole('button', { name: 'Register', exact: true }).click();
    await page.getByTestId('register-error').waitFor();
    assert.match(await page.getByTestId('register-error').innerText(), /Not registered: .*127\.0\.0\.1:9/);
    assert.equal(await page.locator('[data-testid=model-row][data-model="roadside@8"]').count(), 0);

    await page.goto(`${env.base}/projects/${projectId}/models`);
    await page.getByLabel('model to use').selectOption({ label: 'roadside@7 (http, 2 classes)' });
    await page.getByRole('button', { name: 'Use in this project' }).click();
    const panel = page.locator('[data-testid=project-model][data-model="roadside@7"]');
    await panel.waitFor();
    assert.match(await panel.getByTestId('unmapped-classes').innerText(), /Not used \(1\):\s*cow/);

    // Each answer takes a while now: Cancel lands between items, and the job ends cancelled.
    model.misbehave({ delayMs: 1500 }, IMAGES.length);
    await panel.getByRole('button', { name: 'Pre-label' }).click();
    const progress = panel.locator('[data-testid=job-panel] [data-testid=job-progress]');
    await panel.locator('[data-testid=job-panel] [data-testid=job-progress][data-state=running]:not([data-done="0"])').waitFor({ timeout: 120_000 });
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await panel.locator('[data-testid=job-panel] [data-testid=job-progress][data-state=cancelled]').waitFor({ timeout: 120_000 });
    const stopped = Number(await progress.getAttribute('data-done'));
    assert.ok(stopped >= 1 && stopped < IMAGES.length, `it stopped part-way (${stopped} of ${IMAGES.length})`);
    assert.match(await progress.innerText(), /^cancelled/m);
    assert.equal(await panel.getByRole('button', { name: 'Cancel' }).count(), 0, 'nothing left to cancel');

    // Run again: the rest are done; the image answered with nonsense is listed, the others go on.
    model.behave();
    await panel.getByRole('button', { name: 'Pre-label' }).click();
    await panel.locator('[data-testid=job-panel] [data-testid=job-progress]:is([data-state=done], [data-state=failed])').waitFor({ timeout: 120_000 });
    const again = await api(page, `/api/projects/${projectId}/jobs`) as { jobs: { state: string; done: number; failed: number; total: number }[] };
    const last = again.jobs[0]!;
    assert.equal(await progress.getAttribute('data-state'), last.state);
    assert.equal(await progress.getAttribute('data-done'), String(last.done));
    const failedItems = await env.h.deps.pool.query<{ n: string }>(`SELECT count(*) AS n FROM predictions WHERE project_id = $1`, [projectId]);
    assert.equal(Number(failedItems.rows[0]!.n), IMAGES.length - 1, 'every image but the one answered with nonsense has its predictions, once');
    const failures = progress.getByTestId('job-failures');
    assert.match(await failures.innerText(), /000000000049/, 'the image it failed on is named');
    assert.match(await progress.getByTestId('job-unmapped').innerText(), /cow \d+/, 'the cows it saw are counted, not stored');
    await page.close();
  } finally {
    await model.close();
    rmSync(dir, { recursive: true, force: true });
  }
}));

/** The Models page's register form filled in and sent; the form, for what a test does next. */
async function fillRegisterForm(page: Page, m: { kind: string; name: string; version: string; url: string }) {
  await page.goto(`${env.base}/models`);
  const form = page.getByRole('form', { name: 'register a model' });
  await form.getByLabel('model kind').selectOption(m.kind);
  await form.getByLabel('model name').fill(m.name);
  await form.getByLabel('model version').fill(m.version);
  await form.getByLabel('model url').fill(m.url);
  await form.getByRole('button', { name: 'Register', exact: true }).click();
  return form;
}

async function api(page: Page, path: string): Promise<unknown> {
  const res = await page.request.get(`${env.base}${path}`);
  assert.ok(res.ok(), `GET ${path}: HTTP ${res.status()} ${await res.text()}`);
  return res.json();
}

test('a 3D detector of one\'s own registered through the form: the LiDAR kind takes its URL, and asks for the classes it answers', async () => {
  const { CloudModelServer } = await import('@cadre/models/testing');
  const detector = await CloudModelServer.start();
  try {
    const page = await signInAs(env, 'admin@test.local', 'admin-password');
    const form = await fillRegisterForm(page, { kind: 'lidar', name: 'pointpillars', version: '3', url: detector.url });
    await page.getByTestId('register-error').waitFor();
    assert.match(await page.getByTestId('register-error').innerText(), /Classes: give the class names your 3D detector answers/);
    await form.getByLabel('model classes').fill('Car\nPedestrian\nCyclist');
    await form.getByRole('button', { name: 'Register', exact: true }).click();
    await page.getByTestId('model-registered').or(page.getByTestId('register-error')).waitFor();
    assert.match(await page.getByTestId('model-registered').innerText(), /Registered pointpillars@3 with 3 classes/);
    const row = page.locator('[data-testid=model-row][data-model="pointpillars@3"]');
    assert.match(await row.innerText(), /lidar/);
  } finally {
    await detector.close();
  }
});
