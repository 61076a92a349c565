import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { needsSharedData, saveScreenshot, useBrowserApp } from './setup.ts';
import { annotated, dragOver, NCBI, post, signIn } from './text-setup.ts';

const env = useBrowserApp();

test('ncbi-disease devel.tsv: a Disease span marked with the mouse and labelled by its key; the CoNLL export differs from the input on that line only', needsSharedData, async () => {
  const input = readFileSync(`${NCBI}devel.tsv`, 'utf8');
  const page = await signIn(env);
  const project = await post<{ id: string }>(page, '/api/projects', { name: 'NCBI disease', ontology: { classes: [{ name: 'Disease', kind: 'text_span', color: '#c62828' }] } });
  const report = await post<{ imported: number; predictions: number }>(page, `/api/projects/${project.id}/import?file=devel.tsv&format=conll`, input, 'text/tab-separated-values');
  assert.equal(report.imported, input.split('\n\n').length - 1, 'one item a sentence');

  await page.goto(`${env.base}/projects/${project.id}/label`);
  const pane = page.locator('[data-testid=text-pane]');
  await pane.filter({ hasText: 'BRCA1 is secreted and exhibits properties of a granin .' }).waitFor();
  // Half of the word is enough: the selection snaps to whole tokens.
  await dragOver(page, 'granin');
  await page.keyboard.press('1'); // Disease
  const rows = page.locator('[data-testid=spans] .ol-row');
  await rows.filter({ hasText: 'Disease: “granin”' }).waitFor();
  assert.equal(await rows.count(), 1);
  await page.keyboard.press('Enter');

  // The next sentence, prefetched, opens with its tags as dashed machine spans; Shift+A accepts them.
  await pane.filter({ hasText: 'Germline mutations in BRCA1' }).waitFor();
  await rows.filter({ hasText: 'inherited breast and ovarian cancer' }).filter({ hasText: 'machine' }).waitFor();
  // Tab selects the waiting pre-label: the README shows it dashed, beside the panel describing it.
  await page.keyboard.press('Tab');
  await page.locator('[data-testid=text-pane] .tc-selected').first().waitFor();
  await saveScreenshot(page, 'text.png');
  await page.keyboard.press('Shift+A');
  await rows.filter({ hasText: 'inherited breast and ovarian cancer' }).filter({ hasText: 'accepted' }).waitFor();
  await page.keyboard.press('Enter');
  await pane.filter({ hasText: 'However' }).waitFor();

  const stored = await annotated(env, project.id, 2);
  const second = stored.find((r) => r.data.text.startsWith('Germline'))!.annotation.objects;
  assert.deepEqual(second.map((o) => [o.label, o.origin]), [['Disease', 'prediction_accepted']]);
  const res = await page.request.get(new URL(`/api/projects/${project.id}/export?format=conll&which=latest`, page.url()).href);
  assert.equal(res.status(), 200);
  const want = input.split('\n');
  const got = (await res.text()).split('\n');
  assert.equal(got.length, want.length);
  const changed = want.flatMap((line, i) => (line === got[i] ? [] : [`${i + 1}: ${line} -> ${got[i]}`]));
  assert.deepEqual(changed, ['9: granin\tO -> granin\tB-Disease']);
  await page.close();
});
