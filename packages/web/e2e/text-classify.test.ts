import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { needsSharedData, useBrowserApp } from './setup.ts';
import { annotated, intents, post, signIn } from './text-setup.ts';

const env = useBrowserApp();

test('medical intents, 25 classes: three items labelled with the keyboard only, then machine classes reviewed one key each', needsSharedData, async () => {
  const { rows, classes } = intents();
  assert.equal(classes.length, 25);
  const first = rows.slice(0, 20);
  // Rows 3 to 5 come with a machine class: right on row 3, wrong on row 4, right on row 5.
  const machine: Record<number, { label: string; score: number }> = {
    3: { label: first[3]!.prompt, score: 0.92 }, 4: { label: classes.find((c) => c !== first[4]!.prompt)!, score: 0.61 }, 5: { label: first[5]!.prompt, score: 0.8 },
  };
  const dir = mkdtempSync(join(tmpdir(), 'cadre-intents-'));
  const file = join(dir, 'intents.jsonl');
  writeFileSync(file, first.map((r, i) => JSON.stringify({
    data: { text: r.phrase, prompt: r.prompt },
    ...(machine[i] ? { predictions: [{ model_version: 'intent-v1', score: machine[i]!.score, result: [{ type: 'choices', from_name: 'intent', to_name: 'text', value: { choices: [machine[i]!.label] } }] }] } : {}),
  })).join('\n') + '\n');

  const page = await signIn(env);
  const project = await post<{ id: string }>(page, '/api/projects', { name: 'Medical intents', ontology: { classes: classes.map((name) => ({ name, kind: 'text_class' })) } });
  const report = await post<{ imported: number; predictions: number }>(page, `/api/projects/${project.id}/import?file=intents.jsonl`, readFileSync(file, 'utf8'), 'application/x-ndjson');
  assert.deepEqual([report.imported, report.predictions], [20, 3]);

  await page.goto(`${env.base}/projects/${project.id}/label`);
  const shown = page.locator('[data-testid=text]');
  // Classes 1 to 10 (alphabetical) have the digit keys; the rest are found by name with `/`.
  const label = async (cls: string) => {
    const at = classes.indexOf(cls);
    if (at < 10) return page.keyboard.press(String((at + 1) % 10));
    await page.keyboard.press('/');
    await page.keyboard.type(cls.toLowerCase().slice(0, 12));
    await page.keyboard.press('Enter');
  };
  for (let i = 0; i < 3; i++) {
    await shown.filter({ hasText: first[i]!.phrase.trim().slice(0, 30) }).waitFor();
    if (i === 2) await label(classes[3]!); // a slip: the right key next replaces it (one class per text)
    await label(first[i]!.prompt);
    await page.locator(`.class-chip.chosen[data-class="${first[i]!.prompt}"]`).waitFor();
    await page.keyboard.press('Enter');
  }
  // The fourth item opens with its machine class proposed; B switches to binary review.
  await shown.filter({ hasText: first[3]!.phrase.trim().slice(0, 30) }).waitFor();
  await page.keyboard.press('b');
  const big = page.locator('[data-testid=review-class]');
  await big.filter({ hasText: machine[3]!.label }).waitFor();
  assert.match(await page.locator('[data-testid=review]').innerText(), /score 0\.92/);
  // The next item must not wait for the save: hold the submit's answer until it has shown.
  let releaseSubmit!: () => void;
  const submitHeld = new Promise<void>((r) => (releaseSubmit = r));
  let held = 0;
  await page.route('**/api/tasks/*/submit', async (route) => { held++; await submitHeld; await route.continue(); });
  await page.keyboard.press('a');
  await big.filter({ hasText: machine[4]!.label }).waitFor();
  // The next item is on screen although no submit has been answered; the submit itself may leave a
  // moment after the item paints, so wait for it to arrive rather than expecting it already there.
  for (let waited = 0; held === 0 && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  assert.ok(held >= 1, 'the accepted item is submitted in the background');
  releaseSubmit();
  await page.unroute('**/api/tasks/*/submit');
  await page.keyboard.press('ArrowLeft'); // rejected
  await big.filter({ hasText: machine[5]!.label }).waitFor();

  const stored = await annotated(env, project.id, 5);
  const byText = new Map(stored.map((r) => [r.data.text, r.annotation.objects]));
  for (let i = 0; i < 3; i++) {
    const objects = byText.get(first[i]!.phrase)!;
    assert.deepEqual(objects.map((o) => [o.label, o.kind, o.origin]), [[first[i]!.prompt, 'text_class', 'human']], `item ${i}`);
  }
  const accepted = byText.get(first[3]!.phrase)!;
  assert.equal(accepted.length, 1);
  assert.deepEqual([accepted[0]!.label, accepted[0]!.origin, accepted[0]!.score], [machine[3]!.label, 'prediction_accepted', 0.92]);
  assert.ok(accepted[0]!.predictionId, 'the accepted class names its prediction');
  assert.deepEqual(byText.get(first[4]!.phrase), [], 'the rejected class is not stored');
  assert.equal(stored.length, 5, 'nothing else was submitted');
  await page.close();
});

test('a multi-label project: keys add and remove classes, a chosen class takes its attribute; ? shows every key', async () => {
  const page = await signIn(env);
  const classes = ['Cough', 'Fever', 'Headache'].map((name, i) => ({ name, kind: 'text_class', ...(i === 2 ? { hotkey: 'h' } : {}),
    ...(name === 'Fever' ? { attributes: [{ name: 'severity', type: 'enum', options: ['mild', 'high'], required: true }] } : {}) }));
  const project = await post<{ id: string }>(page, '/api/projects', { name: 'Multi-label', ontology: { classes }, settings: { multiLabel: true } });
  await post(page, `/api/projects/${project.id}/import?file=t.csv`, 'text\n"Fever and a cough, no headache"\n', 'text/csv');
  await page.goto(`${env.base}/projects/${project.id}/label`);
  await page.locator('[data-testid=text]').waitFor();
  await page.keyboard.press('?');
  const help = page.locator('[data-testid=help-overlay]');
  assert.match(await help.innerText(), /Shift\+A[\s\S]*accept every machine span/);
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'detached' });
  // Cough is 1 and Fever 2 (Headache has its own key h): each key toggles its class.
  for (const key of ['1', '2', 'h', 'h']) await page.keyboard.press(key);
  await page.locator('.class-chip.chosen').nth(1).waitFor();
  assert.deepEqual(await page.locator('.class-chip.chosen').evaluateAll((els) => els.map((e) => e.getAttribute('data-class'))), ['Cough', 'Fever']);
  await page.keyboard.press('Enter');
  assert.match(await page.locator('[role=alert]').innerText(), /severity/, 'the required attribute blocks submit');
  await page.locator('[data-attribute=severity] select').selectOption('high');
  await page.keyboard.press('Control+Enter');
  await page.locator('text=No tasks are waiting').waitFor();
  const [stored] = await annotated(env, project.id, 1);
  const objects = stored!.annotation.objects as { label: string; attributes: Record<string, unknown> }[];
  assert.deepEqual(objects.map((o) => [o.label, o.attributes]).sort(), [['Cough', {}], ['Fever', { severity: 'high' }]]);
  await page.close();
});
