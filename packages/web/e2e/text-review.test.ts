import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectService } from '@cadre/server';
import { saveScreenshot, useBrowserApp } from './setup.ts';
import { afterChecks, exportAndHistory, helpSaysADecides, personWithRole, where } from './review-setup.ts';

// The review loop on text: a span rejected with a reason pinned to it and one on the whole text;
// the annotator sees both (the span's above it), submits again, the reviewer widens the span and
// accepts with A.
const env = useBrowserApp();

test('text: rejected with a reason on a span and one on the whole text, reworked, accepted', async () => {
  const ontology = { classes: [{ name: 'Symptom', kind: 'text_span', color: '#c62828' }] };
  const projectId = (await projectService.createProject(env.h.deps, env.h.admin, { name: 'Reviewed spans', ontology: ontology as never, settings: { stages: ['annotate', 'check', 'review'] } })).id;
  await env.h.importText(projectId, `${JSON.stringify({ data: { text: 'Kopfweh seit Montag, dann Übelkeit und Fieber' } })}\n`);
  const annotator = await personWithRole(env, projectId, 'ann-text', 'annotator');
  const reviewer = await personWithRole(env, projectId, 'rev-text', 'reviewer');

  const page = annotator.page;
  await page.goto(`${env.base}/projects/${projectId}/label`);
  const rows = page.locator('[data-testid=spans] .ol-row');
  await page.locator('[data-testid=text-pane]', { hasText: 'Kopfweh' }).waitFor();
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('1');
  await rows.filter({ hasText: 'Symptom: “Kopfweh”' }).waitFor();
  const spanId = (await rows.first().getAttribute('data-span'))!;
  await page.keyboard.press('Enter');
  await page.locator('text=No tasks are waiting').waitFor();
  await afterChecks(env, projectId, 'review');

  const rev = reviewer.page;
  await rev.goto(`${env.base}/projects/${projectId}/review`);
  await rev.locator('[data-testid=review-bar]').waitFor();
  await rev.locator(`[data-testid=spans] .ol-row[data-span="${spanId}"] .ol-main`).click();
  await rev.locator('[data-testid=reason-target]', { hasText: 'Symptom' }).waitFor();
  await rev.selectOption('[data-testid=reason-code]', 'wrong_class');
  await rev.fill('[data-testid=reason-note]', 'a headache is a pain');
  await rev.click('[data-testid=add-reason]');
  await rev.locator('.reason-whole input').check();
  await rev.selectOption('[data-testid=reason-code]', 'missed_object');
  await rev.fill('[data-testid=reason-note]', 'Fieber too');
  await rev.click('[data-testid=add-reason]');
  await rev.click('.review-bar .reject');
  await rev.locator('text=No tasks are waiting for review').waitFor();

  await page.goto(`${env.base}/projects/${projectId}/label`);
  const banner = page.locator('[data-testid=rework]');
  await banner.waitFor();
  assert.match(await banner.locator('.rework-whole').innerText(), /Object missed: Fieber too/);
  assert.match(await banner.locator('.rework-pinned').innerText(), /Symptom: Wrong class: a headache is a pain/);
  await page.locator(`.cadre-note[data-object-id="${spanId}"]`, { hasText: 'a headache is a pain' }).waitFor();
  await saveScreenshot(page, 'text-rework.png');
  await page.keyboard.press('Enter');
  await page.locator('text=No tasks are waiting').waitFor();
  await afterChecks(env, projectId, 'review');

  await rev.goto(`${env.base}/projects/${projectId}/review`);
  await rev.locator('[data-testid=review-bar]').waitFor();
  const help = await helpSaysADecides(rev, () => rev.keyboard.press('?'));
  assert.match(help, /accept the work as it is on screen, your edits included/);
  assert.doesNotMatch(help, /accept the selected machine span/);
  // The reviewer widens the span by a word (Shift+→ from the selected span, then its class key) and accepts with A.
  await rev.locator(`[data-testid=spans] .ol-row[data-span="${spanId}"] .ol-main`).click();
  await rev.keyboard.press('Shift+ArrowRight');
  await rev.keyboard.press('1');
  await rev.locator('[data-testid=spans] .ol-row').filter({ hasText: 'Symptom: “Kopfweh seit”' }).waitFor();
  await rev.getByRole('button', { name: 'Accept with my edits (A)' }).waitFor();
  await rev.keyboard.press('a');
  await rev.locator('text=No tasks are waiting for review').waitFor();
  assert.equal((await where(env, projectId)).state, 'accepted');
  const { objects, authors } = await exportAndHistory(env, projectId);
  assert.deepEqual(objects.map((o) => [o.label, (o as unknown as { text: string }).text]), [['Symptom', 'Kopfweh seit']], 'the export has the reviewer\'s span');
  assert.deepEqual(authors, ['ann-text', 'ann-text', 'rev-text'], 'the accepted version is the reviewer\'s');
  await page.close();
  await rev.close();
});
