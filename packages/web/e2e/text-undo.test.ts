import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { useBrowserApp } from './setup.ts';
import { post, signIn } from './text-setup.ts';

// Undo and redo in the text workspace: every span and class edit is one step, Ctrl+Z walks back
// to the task as it opened, Ctrl+Shift+Z and Ctrl+Y walk forward again, and the draft the server
// keeps is what the screen shows.
const env = useBrowserApp();

const TEXT = 'The Acme phone has a battery life of ten hours but a dim screen.';
const u16 = (s: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length });

interface Screen { spans: string[]; waiting: string[]; classes: string[] }

/** What a person sees: the kept spans as "Class: text", the machine's waiting ones, the chosen classes. */
async function screen(page: Page): Promise<Screen> {
  // No named functions inside: the page gets the code as compiled, without tsx's name helper.
  const rows = await page.locator('[data-testid=spans] .ol-row').evaluateAll((els) => els.map((r) => [
    /^(.*?”)/.exec(r.querySelector('.ol-label')?.textContent ?? '')?.[1] ?? '', r.querySelector('.ol-badge.prediction') !== null,
  ] as const));
  const classes = await page.locator('.class-chip.chosen').evaluateAll((els) => els.map((c) => c.getAttribute('data-class') ?? ''));
  return {
    spans: rows.filter(([, machine]) => !machine).map(([t]) => t).sort(),
    waiting: rows.filter(([, machine]) => machine).map(([t]) => t).sort(),
    classes: classes.sort(),
  };
}

/** Waits until the screen shows `want` (React paints a moment after the key). */
async function shows(page: Page, want: Screen, what: string): Promise<void> {
  let seen: Screen | undefined;
  for (let tries = 0; tries < 100; tries++) {
    seen = await screen(page);
    if (JSON.stringify(seen) === JSON.stringify(want)) return;
    await page.waitForTimeout(50);
  }
  assert.deepEqual(seen, want, what);
}

/** The draft the server holds for my task, as the screen would show it. */
async function savedDraft(page: Page, projectId: string): Promise<Screen & { pending: number }> {
  const res = await page.request.get(new URL(`/api/projects/${projectId}/tasks/mine?stage=annotate`, page.url()).href);
  assert.ok(res.ok(), `tasks/mine: HTTP ${res.status()}`);
  const [view] = (await res.json()) as { draft: { annotation: { objects: { kind: string; label: string; geometry: { start: number; end: number } | null }[] }; pendingPredictions: string[] } | null }[];
  const objects = view?.draft?.annotation.objects ?? [];
  const chars = Array.from(TEXT);
  return {
    spans: objects.filter((o) => o.kind === 'text_span').map((o) => `${o.label}: “${chars.slice(o.geometry!.start, o.geometry!.end).join('')}”`).sort(),
    waiting: [],
    classes: objects.filter((o) => o.kind === 'text_class').map((o) => o.label).sort(),
    pending: view?.draft?.pendingPredictions.length ?? -1,
  };
}

test('text: span create, resize, relabel, delete, a machine span accepted and the item class changed; undo all, redo all, the draft is the screen', async () => {
  const page = await signIn(env);
  const ontology = { classes: [
    { name: 'Brand', kind: 'text_span', color: '#6a1b9a' },
    { name: 'Product', kind: 'text_span', color: '#1565c0' },
    { name: 'Feature', kind: 'text_span', color: '#2e7d32' },
    { name: 'Positive', kind: 'text_class' },
    { name: 'Negative', kind: 'text_class' },
  ] };
  const project = await post<{ id: string }>(page, '/api/projects', { name: 'Reviews with undo', ontology });
  const result = [{ id: 'r0', type: 'labels', from_name: 'label', to_name: 'text', score: 0.7, value: { ...u16('ten hours'), labels: ['Feature'] } }];
  await post(page, `/api/projects/${project.id}/import?file=reviews.jsonl`, `${JSON.stringify({ data: { text: TEXT }, predictions: [{ model_version: 'ner-v1', result }] })}\n`, 'application/x-ndjson');

  await page.goto(`${env.base}/projects/${project.id}/label`);
  const rows = page.locator('[data-testid=spans] .ol-row');
  const row = (text: string) => rows.filter({ hasText: text }).locator('.ol-main');
  const opening: Screen = { spans: [], waiting: ['Feature: “ten hours”'], classes: [] };
  await rows.filter({ hasText: 'machine 0.70' }).waitFor();
  await shows(page, opening, 'the task opens with the machine span waiting');

  // Ten steps: four spans made, one resized, one relabelled, one deleted, the machine's accepted,
  // the item classified and then classified again.
  // Spans by keyboard: Ctrl+→ moves the caret a word on, Shift+→ selects the next word, a key labels it.
  const label = async (skip: number, key: string, shown: string) => {
    for (let i = 0; i < skip; i++) await page.keyboard.press('Control+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press(key);
    await rows.filter({ hasText: shown }).waitFor();
  };
  await label(1, '1', 'Brand: “Acme”');
  await label(0, '2', 'Product: “phone”');
  await label(2, '3', 'Feature: “battery”');
  await label(7, '2', 'Product: “screen”');
  await row('Feature: “battery”').click();
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('3');
  await rows.filter({ hasText: 'Feature: “battery life”' }).waitFor();
  await row('Product: “screen”').click();
  await page.keyboard.press('3');
  await rows.filter({ hasText: 'Feature: “screen”' }).waitFor();
  await row('Product: “phone”').click();
  await page.keyboard.press('Delete');
  await rows.filter({ hasText: 'Product: “phone”' }).waitFor({ state: 'detached' });
  await page.keyboard.press('Tab');
  await page.keyboard.press('a');
  await rows.filter({ hasText: 'ten hours' }).filter({ hasText: 'accepted' }).waitFor();
  await page.keyboard.press('4');
  await page.locator('.class-chip.chosen[data-class=Positive]').waitFor();
  await page.keyboard.press('5');
  await page.locator('.class-chip.chosen[data-class=Negative]').waitFor();
  const final: Screen = { spans: ['Brand: “Acme”', 'Feature: “battery life”', 'Feature: “screen”', 'Feature: “ten hours”'], waiting: [], classes: ['Negative'] };
  await shows(page, final, 'all ten edits are on screen');

  // Back one step at a time: the class first, then the accepted machine span waits again, ...
  await page.keyboard.press('Control+z');
  await shows(page, { ...final, classes: ['Positive'] }, 'the second class choice undone');
  await page.keyboard.press('Control+z');
  await shows(page, { ...final, classes: [] }, 'the first class choice undone');
  await page.keyboard.press('Control+z');
  await shows(page, { spans: ['Brand: “Acme”', 'Feature: “battery life”', 'Feature: “screen”'], waiting: ['Feature: “ten hours”'], classes: [] }, 'the accepted machine span waits again');
  await page.keyboard.press('Control+z');
  await shows(page, { spans: ['Brand: “Acme”', 'Feature: “battery life”', 'Feature: “screen”', 'Product: “phone”'], waiting: ['Feature: “ten hours”'], classes: [] }, 'the deleted span is back');
  for (let i = 0; i < 6; i++) await page.keyboard.press('Control+z');
  await shows(page, opening, 'undo all: the task as it opened');
  await page.keyboard.press('Control+z');
  await shows(page, opening, 'nothing more to undo');
  assert.equal(await page.locator('[data-testid=undo]').isDisabled(), true, 'the Undo button says so too');

  // Forward again, with both redo keys.
  for (let i = 0; i < 5; i++) await page.keyboard.press('Control+Shift+z');
  await shows(page, { spans: ['Brand: “Acme”', 'Feature: “battery life”', 'Product: “phone”', 'Product: “screen”'], waiting: ['Feature: “ten hours”'], classes: [] }, 'five steps redone: four spans made and one resized');
  for (let i = 0; i < 5; i++) await page.keyboard.press('Control+y');
  await shows(page, final, 'redo all: every edit back');
  await page.keyboard.press('Control+y');
  await shows(page, final, 'nothing more to redo');
  // The bar's buttons do the same for the mouse, their tooltips naming the step.
  assert.equal(await page.locator('[data-testid=undo]').getAttribute('title'), 'Undo choose class (Ctrl+Z)');
  await page.locator('[data-testid=undo]').click();
  await shows(page, { ...final, classes: ['Positive'] }, 'the Undo button takes the class choice back');
  await page.locator('[data-testid=redo]').click();
  await shows(page, final, 'the Redo button does it again');
  // In a field Ctrl+Z is the field's own: the labels stay.
  await page.keyboard.press('/');
  await page.keyboard.type('neg');
  await page.keyboard.press('Control+z');
  await shows(page, final, 'Ctrl+Z in the class filter undoes no label');
  await page.keyboard.press('Escape');

  // The autosaved draft is what the screen shows, and a reload opens it.
  let saved: Awaited<ReturnType<typeof savedDraft>> | undefined;
  for (let tries = 0; tries < 100; tries++) {
    saved = await savedDraft(page, project.id);
    if (JSON.stringify(saved.spans) === JSON.stringify(final.spans) && JSON.stringify(saved.classes) === JSON.stringify(final.classes)) break;
    await page.waitForTimeout(100);
  }
  assert.deepEqual(saved, { ...final, pending: 0 }, 'the saved draft holds what the screen shows, the machine span decided');
  await page.reload();
  await rows.filter({ hasText: 'ten hours' }).filter({ hasText: 'accepted' }).waitFor();
  await shows(page, final, 'the reloaded draft is the final state');
  await page.keyboard.press('Control+z');
  await shows(page, final, 'a reload starts a new history: nothing to undo');
  await page.close();
});
