// A text project that learns, in the browser: the manager turns active learning and auto-accept on
// in the Learning panel, an annotator labels in the workspace, a round retrains the model (a job
// with progress), the next tasks come most-unsure first, auto-accept fills in part of the project,
// and the dashboard's cost per item splits the hand-labelled from the automatic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { banking77 } from '@cadre/textml';
import { startOpenAiServer } from '@cadre/models/testing';
import { dispenser, machine, media, projectService, queueDueLearning, submissions, type Actor } from '@cadre/server';
import { SHARED_DATA } from '../../server/src/import/testing.ts';
import { needsSharedData, saveScreenshot, useBrowserApp } from './setup.ts';
import { personWithRole } from './review-setup.ts';
import { post, signIn } from './text-setup.ts';

const env = useBrowserApp();
// Alphabetical: the workspace's digit keys 1 to 6.
const CLASSES = ['card_arrival', 'exchange_rate', 'lost_or_stolen_card', 'pin_blocked', 'top_up_failed', 'transfer_not_received_by_recipient'];
const PER_CLASS = 70;
const CARD = { currency: 'CNY', annotator: { perItem: 10, perObject: 0 }, review: { perItem: 4 }, client: { perItem: 40 }, machinePerItem: 0 };

test('active learning in the browser: a round retrains with progress, the unsure come first, auto-accept fills in part, the dashboard splits hand and automatic cost', needsSharedData, async () => {
  const rows = banking77(fileURLToPath(SHARED_DATA));
  const chosen = CLASSES.flatMap((c) => rows.filter((r) => r.label === c).slice(0, PER_CLASS));
  const truth = new Map(chosen.map((r) => [r.text, r.label]));
  const manager = await signIn(env);
  const project = await post<{ id: string }>(manager, '/api/projects', {
    name: 'Banking intents that learn', ontology: { classes: CLASSES.map((name) => ({ name, kind: 'text_class' })) },
    settings: { stages: ['annotate', 'review'], reviewRate: 0, learningRetrainAfter: 40, learningRandomShare: 0.2 },
  });
  const csv = `text\n${chosen.map((r) => `"${r.text.replace(/"/g, '""')}"`).join('\n')}\n`;
  await post(manager, `/api/projects/${project.id}/import?file=intents.csv`, csv, 'text/csv');
  const card = await manager.request.put(`${env.base}/api/projects/${project.id}/rate-card`, { data: CARD });
  assert.ok(card.ok(), await card.text());
  const runner = await machine.startJobRunner(env.h.deps, { media: media.mediaConfig(), staleSeconds: 1, onBeat: () => queueDueLearning(env.h.deps) });
  try {
    // The manager turns learning on: most unsure first, auto-accept at 90% with a third to QA.
    await manager.goto(`${env.base}/projects/${project.id}/models`);
    const panel = manager.getByTestId('learning-panel');
    await panel.waitFor();
    await panel.getByLabel('active learning').selectOption('margin');
    await panel.getByLabel('auto-accept target').fill('0.9');
    await panel.getByLabel('qa share').fill('0.3');
    await panel.getByRole('button', { name: 'Save learning settings' }).click();
    await panel.getByTestId('learning-saved').waitFor();
    // A first round starts by itself and shuffles the queue (the file holds one intent after another).
    await panel.getByTestId('learning-round').first().waitFor({ timeout: 30_000 });

    // The annotator labels 40 texts with the keyboard in the workspace.
    const { page } = await personWithRole(env, project.id, 'labeller', 'annotator');
    await page.goto(`${env.base}/projects/${project.id}/label`);
    const shown = page.locator('[data-testid=text]');
    let previous = '';
    for (let i = 0; i < 40; i++) {
      await page.waitForFunction((prev) => { const t = document.querySelector('[data-testid=text]')?.textContent ?? ''; return t !== '' && t !== prev; }, previous);
      const current = (await shown.textContent()) ?? '';
      const text = current.trim();
      const label = [...truth.entries()].find(([t]) => t.trim() === text)?.[1];
      assert.ok(label, `the workspace shows a text of the project: ${text}`);
      await page.keyboard.press(String(CLASSES.indexOf(label) + 1));
      await page.locator(`.class-chip.chosen[data-class="${label}"]`).waitFor();
      await page.keyboard.press('Enter');
      previous = current;
    }
    const human = async () => Number((await env.h.deps.pool.query(`SELECT count(*) AS n FROM annotations WHERE project_id = $1 AND author_kind = 'human' AND state = 'accepted'`, [project.id])).rows[0].n);
    for (let waited = 0; (await human()) < 40 && waited < 20_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await human(), 40, 'the 40 labels are stored');

    // The manager retrains now: the round is a job with a progress bar, and adds a row to the rounds.
    await manager.reload();
    await panel.waitFor();
    const before = await panel.getByTestId('learning-round').count();
    await panel.getByRole('button', { name: 'Train now' }).click();
    await panel.locator('[data-testid=job-progress][data-state=done]').waitFor({ timeout: 60_000 });
    await manager.waitForFunction((n) => document.querySelectorAll('[data-testid=learning-round]').length > n, before, { timeout: 30_000 });
    const round = await panel.getByTestId('learning-round').first().innerText();
    assert.match(round, /^\d+\s+40\s+/, `the newest round trained on the 40 labels: ${round}`);

    // The next texts the workspace opens are ones the model is unsure of: their proposals score below
    // most. (The one or two it held from before the round are labelled first.)
    const open = await env.h.deps.pool.query<{ content: string; score: number }>(
      `SELECT i.content, p.score FROM predictions p JOIN items i ON i.id = p.item_id JOIN tasks t ON t.item_id = i.id WHERE p.project_id = $1 AND t.stage = 'annotate'`, [project.id]);
    const scores = open.rows.map((r) => r.score).sort((a, b) => a - b);
    // What the workspace held (its text and the one prefetched) when the round read the queue comes first, without a proposal.
    const heldNow = await env.h.deps.pool.query<{ content: string }>(
      `SELECT i.content FROM tasks t JOIN items i ON i.id = t.item_id WHERE t.project_id = $1 AND t.stage = 'annotate' AND t.lease_expires_at > now() AND t.assignee_id IS NOT NULL`, [project.id]);
    const held = new Set(heldNow.rows.map((r) => r.content.trim()));
    const seen: number[] = [];
    for (let i = 0; i < 6 && seen.length < 3; i++) {
      await page.waitForFunction((prev) => { const t = document.querySelector('[data-testid=text]')?.textContent ?? ''; return t !== '' && t !== prev; }, previous);
      const current = (await shown.textContent()) ?? '';
      const mine = open.rows.find((r) => r.content.trim() === current.trim());
      if (mine) seen.push(mine.score);
      else {
        const now = await env.h.deps.pool.query(`SELECT t.stage, t.priority, t.attempts, (SELECT count(*) FROM predictions p WHERE p.item_id = i.id) AS predictions FROM items i JOIN tasks t ON t.item_id = i.id WHERE i.project_id = $1 AND trim(i.content) = $2`, [project.id, current.trim()]);
        assert.ok(held.has(current.trim()) && seen.length === 0 && i < 2, `only the items held from before the round come without a proposal: text ${i + 1} after the round, held ${held.size}, with proposals before it ${seen.length}; its task now ${JSON.stringify(now.rows)}`);
      }
      const label = truth.get([...truth.keys()].find((t) => t.trim() === current.trim())!)!;
      await page.keyboard.press(String(CLASSES.indexOf(label) + 1));
      await page.locator(`.class-chip.chosen[data-class="${label}"]`).waitFor();
      await page.keyboard.press('Enter');
      previous = current;
    }
    const median = scores[scores.length >> 1]!;
    assert.equal(seen.length, 3);
    assert.ok(seen.every((s) => s < median), `the texts shown are among the unsure: scores ${seen.join(', ')} against a median of ${median}`);

    // People keep labelling (here through the API, as many would at once); rounds follow by themselves
    // until the held-out share backs a threshold and the learner accepts items on its own.
    // Another annotator, so the one in the browser keeps what the workspace holds for her.
    const labeller: Actor = await env.h.user('crowd@test.local');
    await env.h.member(project.id, labeller, 'annotator');
    for (let batch = 0; batch < 8; batch++) {
      const auto = await panel.getByTestId('learning-automatic').innerText().catch(() => '0');
      if (Number(auto) > 0) break;
      for (let i = 0; i < 40; i++) {
        const view = await dispenser.claimNextView(env.h.deps, labeller, project.id);
        if (!view) break;
        await submissions.submit(env.h.deps, labeller, view.task.id, randomUUID(), { schemaVersion: 1, objects: [{ id: 'c', kind: 'text_class', label: truth.get(view.item.text!)!, geometry: null, attributes: {} }] });
      }
      const rounds = await panel.getByTestId('learning-round').count();
      await manager.waitForFunction((n) => document.querySelectorAll('[data-testid=learning-round]').length > n, rounds, { timeout: 60_000 });
      await manager.waitForTimeout(1500);
    }
    const automatic = Number(await panel.getByTestId('learning-automatic').innerText());
    assert.ok(automatic > 0, 'auto-accept filled in part of the project');
    assert.match(await panel.getByTestId('learning-threshold').innerText(), /^0\.\d{3}$/);
    await panel.getByTestId('learning-curve').waitFor();
    console.log(`learning panel: ${await saveScreenshot(manager, 'text-learning.png')}`);

    // The dashboard's money splits the cost of an item by hand and automatic.
    await manager.goto(`${env.base}/projects/${project.id}/dashboard`);
    const byHand = manager.locator('[data-method=manual]');
    const auto = manager.locator('[data-method=automatic]');
    await auto.waitFor();
    assert.match(await byHand.innerText(), /manual: [1-9]\d* items/);
    assert.match(await auto.innerText(), /automatic: [1-9]\d* items/);
    await page.close();
  } finally {
    await runner.stop();
  }
});

test('an LLM that labelled alongside people stands beside them on the quality page, with its kappa', needsSharedData, async () => {
  const KEY = 'sk-e2e-llm-5d1a';
  process.env.CADRE_E2E_LLM_KEY = KEY;
  const rows = banking77(fileURLToPath(SHARED_DATA));
  const chosen = CLASSES.slice(0, 3).flatMap((c) => rows.filter((r) => r.label === c).slice(0, 8));
  const truth = new Map(chosen.map((r) => [r.text, r.label]));
  // The LLM is right but for every fourth text, which it calls the next class.
  let asked = 0;
  const llm = await startOpenAiServer(KEY, (text) => {
    const right = truth.get(text) ?? CLASSES[0]!;
    return JSON.stringify({ label: ++asked % 4 === 0 ? CLASSES[(CLASSES.indexOf(right) + 1) % 3]! : right });
  });
  const manager = await signIn(env);
  try {
    const project = await post<{ id: string }>(manager, '/api/projects', { name: 'LLM beside people', ontology: { classes: CLASSES.slice(0, 3).map((name) => ({ name, kind: 'text_class' })) }, settings: { stages: ['annotate'] } });
    await post(manager, `/api/projects/${project.id}/import?file=t.csv`, `text\n${chosen.map((r) => `"${r.text.replace(/"/g, '""')}"`).join('\n')}\n`, 'text/csv');
    const model = await post<{ id: string }>(manager, '/api/models', { name: 'gpt-e2e', version: '1', spec: { type: 'llm', baseUrl: `${llm.url}v1`, model: 'gpt-e2e', apiKeyEnv: 'CADRE_E2E_LLM_KEY', examples: 0 } });
    const attached = await manager.request.put(`${env.base}/api/projects/${project.id}/models/${model.id}`, { data: {} });
    assert.ok(attached.ok(), await attached.text());
    // The manager pre-labels the open texts with it from the Models page.
    await manager.goto(`${env.base}/projects/${project.id}/models`);
    const card = manager.locator('[data-testid=project-model][data-model="gpt-e2e@1"]');
    await card.getByTestId('llm-classes').waitFor();
    await card.getByLabel('job scope').selectOption('open');
    const runner = await machine.startJobRunner(env.h.deps, { media: media.mediaConfig() });
    try {
      await card.getByRole('button', { name: 'Pre-label' }).click();
      await card.locator('[data-testid=job-progress][data-state=done]').waitFor({ timeout: 60_000 });
    } finally {
      await runner.stop();
    }
    // A person labels every text (with the LLM's class proposed); the quality page compares both with what was accepted.
    const person: Actor = await env.h.user('beside@test.local');
    await env.h.member(project.id, person, 'annotator');
    for (;;) {
      const view = await dispenser.claimNextView(env.h.deps, person, project.id);
      if (!view) break;
      await submissions.submit(env.h.deps, person, view.task.id, randomUUID(), { schemaVersion: 1, objects: [{ id: 'c', kind: 'text_class', label: truth.get(view.item.text!)!, geometry: null, attributes: {} }] });
    }
    await manager.goto(`${env.base}/projects/${project.id}/quality`);
    const table = manager.getByTestId('quality-text-agreement');
    await table.waitFor();
    const llmRow = table.locator('tr[data-kind=model][data-name="gpt-e2e@1"]');
    const personRow = table.locator('tr[data-kind=person]');
    assert.match(await llmRow.innerText(), /gpt-e2e@1 \(model\)\s+24\s+75(\.0)?%/);
    const kappa = Number(await llmRow.locator('[data-figure=kappa]').innerText());
    assert.ok(kappa > 0.5 && kappa < 0.7, `kappa ${kappa}`);
    assert.equal(await personRow.locator('[data-figure=kappa]').innerText(), '1.00');
    console.log(`quality page: ${await saveScreenshot(manager, 'quality-llm.png')}`);
  } finally {
    await llm.close();
    delete process.env.CADRE_E2E_LLM_KEY;
  }
});
