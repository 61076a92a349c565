import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowserApp } from './setup.ts';
import { annotated, dragOver, post, signIn } from './text-setup.ts';

const env = useBrowserApp();

// Emoji (one and two code points), CJK and a combining mark: offsets are code points throughout.
const TEXT = 'Kopfweh 🤕 seit Montag, dann 頭痛 und nai\u0308ve Übelkeit 👍🏽 ok';
const cp = (s: string) => { const start = [...TEXT.slice(0, TEXT.indexOf(s))].length; return { start, end: start + [...s].length }; };
const u16 = (s: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length });

test('spans by keyboard only over emoji and CJK, machine spans accepted and deleted, an attribute edits one, the draft survives a reload', async () => {
  const page = await signIn(env);
  const ontology = { classes: [
    { name: 'Symptom', kind: 'text_span', color: '#c62828', attributes: [{ name: 'negated', type: 'boolean' }] },
    { name: 'Emoji', kind: 'text_span', color: '#6a1b9a' },
  ] };
  const project = await post<{ id: string }>(page, '/api/projects', { name: 'Symptoms', ontology });
  const result = ['頭痛', 'Übelkeit'].map((s, i) => ({ id: `r${i}`, type: 'labels', from_name: 'label', to_name: 'text', score: 0.5 + i / 10, value: { ...u16(s), labels: ['Symptom'] } }));
  await post(page, `/api/projects/${project.id}/import?file=symptoms.jsonl`, `${JSON.stringify({ data: { text: TEXT }, predictions: [{ model_version: 'ner-v1', result }] })}\n`, 'application/x-ndjson');

  await page.goto(`${env.base}/projects/${project.id}/label`);
  const rows = page.locator('[data-testid=spans] .ol-row');
  await rows.filter({ hasText: '頭痛' }).filter({ hasText: 'machine 0.50' }).waitFor();
  // The text has the focus when a task opens: Shift+→ selects the first token, 1 labels it.
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('1');
  await rows.filter({ hasText: 'Symptom: “Kopfweh”' }).waitFor();
  // The caret waits after the span: the next token is the emoji.
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('2');
  await rows.filter({ hasText: 'Emoji: “🤕”' }).waitFor();
  // Tab walks the machine spans in text order: accept 頭痛, delete Übelkeit.
  await page.keyboard.press('Tab');
  await page.keyboard.press('a');
  await rows.filter({ hasText: '頭痛' }).filter({ hasText: 'accepted' }).waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Delete');
  await rows.filter({ hasText: 'Übelkeit' }).waitFor({ state: 'detached' });
  // An attribute set on the accepted span makes it an edited prediction.
  await rows.filter({ hasText: '頭痛' }).locator('.ol-main').click();
  await page.locator('[data-attribute=negated] input[type=checkbox]').check();
  await rows.filter({ hasText: '頭痛' }).filter({ hasText: 'edited' }).waitFor();

  await page.locator('text=draft saved').waitFor({ timeout: 10_000 });
  await page.reload();
  await rows.filter({ hasText: '頭痛' }).filter({ hasText: 'edited' }).waitFor();
  assert.equal(await rows.count(), 3, 'the two spans made by hand and the edited one; the deleted proposal stays gone');
  await page.keyboard.press('Control+Enter');
  await page.locator('text=No tasks are waiting').waitFor();

  const [stored] = await annotated(env, project.id, 1);
  const objects = stored!.annotation.objects as { label: string; origin?: string; predictionId?: string; geometry: { start: number; end: number }; attributes?: Record<string, unknown> }[];
  const byLabel = objects.map((o) => [o.label, o.origin, o.geometry]).sort((a, b) => (a[2] as { start: number }).start - (b[2] as { start: number }).start);
  assert.deepEqual(byLabel, [['Symptom', 'human', cp('Kopfweh')], ['Emoji', 'human', cp('🤕')], ['Symptom', 'prediction_edited', cp('頭痛')]]);
  assert.deepEqual(cp('頭痛'), { start: 28, end: 30 }, 'one code point for the emoji, not two UTF-16 units');
  const edited = objects.find((o) => o.origin === 'prediction_edited')!;
  assert.equal(edited.attributes?.negated, true);
  assert.ok(edited.predictionId, 'it names the prediction it came from');
  await page.close();
});

test('project settings: character precision and overlapping spans where the project allows them, a refusal where it does not', async () => {
  const page = await signIn(env);
  const ontology = { classes: [{ name: 'Symptom', kind: 'text_span', color: '#c62828' }] };
  const text = 'Kopfweh und Übelkeit';
  const open = async (name: string, settings: object) => {
    const project = await post<{ id: string }>(page, '/api/projects', { name, ontology, settings });
    await post(page, `/api/projects/${project.id}/import?file=t.jsonl`, `${JSON.stringify({ data: { text } })}\n`, 'application/x-ndjson');
    await page.goto(`${env.base}/projects/${project.id}/label`);
    await page.locator('[data-testid=text-pane]').filter({ hasText: text }).waitFor();
    return project.id;
  };
  const rows = page.locator('[data-testid=spans] .ol-row');

  const loose = await open('Characters, overlaps', { granularity: 'char', allowOverlap: true });
  await dragOver(page, 'Kopf', true); // part of a word stays part of a word
  await page.keyboard.press('1');
  await rows.filter({ hasText: 'Symptom: “Kopf”' }).waitFor();
  await page.keyboard.press('Shift+ArrowLeft'); // the whole token before the caret, over the first span
  await page.keyboard.press('1');
  await rows.filter({ hasText: 'Symptom: “Kopfweh”' }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator('text=No tasks are waiting').waitFor();
  const [stored] = await annotated(env, loose, 1);
  assert.deepEqual(stored!.annotation.objects.map((o) => o.geometry).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))), [{ start: 0, end: 4 }, { start: 0, end: 7 }]);

  await open('Tokens, no overlaps', {});
  await dragOver(page, 'Kopf', true); // snapped to the whole token
  await page.keyboard.press('1');
  await rows.filter({ hasText: 'Symptom: “Kopfweh”' }).waitFor();
  await page.keyboard.press('Shift+ArrowLeft');
  assert.match(await page.locator('[role=alert]').innerText(), /overlap/i);
  await page.close();
});
