import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowserApp } from './setup.ts';
import { post, signIn } from './text-setup.ts';

const env = useBrowserApp();

test('a 100 KB text with 2,000 machine spans opens in the workspace, scrolls, and a span picked in the list is shown', async () => {
  const words = ['fever', 'and', 'a', 'persistent', 'cough', 'with', 'headache', 'since', 'Monday', '🤒', 'nausea', 'reported'];
  let text = '';
  for (let i = 0; text.length < 100_000; i++) text += `${words[i % words.length]}${i % 17 === 16 ? '.\n' : ' '}`;
  const result: object[] = [];
  // Every "fever", "cough" or "nausea" until 2,000 of them, as Label Studio labels results (UTF-16).
  for (const m of text.matchAll(/fever|cough|nausea/g)) {
    if (result.length === 2000) break;
    result.push({ id: `s${result.length}`, type: 'labels', from_name: 'l', to_name: 't', score: 0.9, value: { start: m.index, end: m.index + m[0].length, labels: ['Symptom'] } });
  }
  assert.equal(result.length, 2000);
  const page = await signIn(env);
  const project = await post<{ id: string }>(page, '/api/projects', { name: 'Long notes', ontology: { classes: [{ name: 'Symptom', kind: 'text_span', color: '#c62828' }] } });
  await post(page, `/api/projects/${project.id}/import?file=long.jsonl`, `${JSON.stringify({ data: { text }, predictions: [{ model_version: 'ner', result }] })}\n`, 'application/x-ndjson');

  // How fast it opens and accepts is `npm run bench` (text: open, set spans to paint); here, what a
  // person sees.
  await page.goto(`${env.base}/projects/${project.id}/label`);
  await page.locator('[data-testid=spans] .ol-row').nth(1999).waitFor();
  await page.locator('[data-testid=text-pane] .tc-seg').first().waitFor();
  // A span near the end, picked in the list: the text scrolls to it.
  await page.locator('[data-testid=spans] .ol-row').nth(1990).locator('.ol-main').click();
  const scrolled = await page.locator('[data-testid=text-pane] .tc-scroll').evaluate((el) => el.scrollTop);
  assert.ok(scrolled > 10_000, `the text scrolled to the span (scrollTop ${scrolled})`);
  await page.locator('[data-testid=text-pane] .tc-selected').first().waitFor();
  await page.keyboard.press('Shift+A');
  await page.locator('[data-testid=spans] .ol-badge.prediction').first().waitFor({ state: 'detached' });
  // All 2,000 are now the person's spans, still listed and still drawn.
  assert.equal(await page.locator('[data-testid=spans] .ol-row').count(), 2000);
  await page.locator('[data-testid=text-pane] .tc-seg').first().waitFor();
  await page.close();
});
