// Removal in the browser (issue 13, point 2): a manager removes tasks and items after a confirm
// dialog that says what the removal does, archives and restores a project, and deletes it only
// once its name is typed back; an annotator sees none of these buttons.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { signedInPage, useBrowserApp } from './setup.ts';

const env = useBrowserApp();

async function annotatorPage(email: string): Promise<Page> {
  const page = await env.browser.newPage({ viewport: { width: 1200, height: 800 } });
  await page.goto(env.base);
  await page.fill('#email', email);
  await page.fill('#password', 'user-password');
  await page.click('button[type=submit]');
  await page.locator('h1', { hasText: 'Projects' }).waitFor();
  return page;
}

const projectNames = async (page: Page, withArchived = false) => {
  await page.goto(env.base);
  // Someone in no (visible) project gets a sentence instead of the list.
  await page.locator('h1', { hasText: 'Projects' }).or(page.getByText('You are not in any project yet')).waitFor();
  if (withArchived) await page.getByLabel(/show archived/).check();
  return page.locator('[data-testid=project-card] h2').allInnerTexts();
};

test('a manager removes a task and an item after confirming what it does; cancelling keeps them', async () => {
  const projectId = await env.h.project('Removal in the browser');
  await env.h.importText(projectId, env.h.imageRows(3));
  const page = await signedInPage(env);
  await page.goto(`${env.base}/projects/${projectId}/tasks`);
  const rows = page.locator('[data-testid=task-row]');
  await rows.nth(2).waitFor();

  // The dialog comes once the server has said what the removal does.
  // Answered inside the dialog event: a dialog left open blocks the page, and with it the click that opened it.
  const confirmOn = async (button: string, answer: 'accept' | 'dismiss'): Promise<string> => {
    const answered = new Promise<string>((resolve) => page.once('dialog', (dialog) => { const message = dialog.message(); void dialog[answer]().then(() => resolve(message)); }));
    await rows.first().locator(`text=${button}`).click();
    return answered;
  };
  const cancelled = await confirmOn('Remove task', 'dismiss');
  assert.match(cancelled, /^Remove this task\?\n\nRemoves this task \(its item and annotations stay\) from the project; a copy is kept and the removal is logged\./);
  await confirmOn('Remove task', 'accept');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=task-row]').length === 2);
  assert.match(await confirmOn('Remove item', 'accept'), /Removes this item with its tasks, annotations and predictions/);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=task-row]').length === 1);
  const items = await env.h.deps.db.selectFrom('items').select('id').where('project_id', '=', projectId).execute();
  assert.equal(items.length, 2, 'the task removal kept its item; the item removal took one');
  const removals = await env.h.deps.db.selectFrom('removals').select('entity').where('project_id', '=', projectId).orderBy('removed_at').execute();
  assert.deepEqual(removals.map((r) => r.entity), ['task', 'item'], 'the cancelled removal removed nothing');
  await page.close();
});

test('a manager archives and restores a project, and deletes it only with its name typed back; an annotator sees none of it', async () => {
  const projectId = await env.h.project('Old campaign');
  await env.h.importText(projectId, env.h.imageRows(2));
  const worker = await env.h.user('worker@removal.test');
  await env.h.member(projectId, worker, 'annotator');
  const ann = await annotatorPage('worker@removal.test');
  await ann.goto(`${env.base}/projects/${projectId}`);
  await ann.locator('h1', { hasText: 'Old campaign' }).waitFor();
  await ann.locator('text=Start labeling').waitFor(); // the role-bound parts have arrived
  assert.equal(await ann.locator('text=Delete project').count(), 0);
  assert.equal(await ann.locator('text=Archive project').count(), 0);
  await ann.goto(`${env.base}/projects/${projectId}/tasks`);
  await ann.locator('h1', { hasText: 'Old campaign' }).waitFor();
  assert.equal(await ann.locator('text=Remove task').count(), 0);

  const page = await signedInPage(env);
  await page.goto(`${env.base}/projects/${projectId}`);
  await page.click('text=Archive project');
  await page.locator('[role=status]', { hasText: /^Archived .*annotators do not see it and no new tasks are handed out/ }).waitFor();
  assert.ok(!(await projectNames(ann)).includes('Old campaign'), 'hidden from the annotator');
  assert.ok(!(await projectNames(page)).some((n) => n.startsWith('Old campaign')), 'archived projects wait behind a switch');
  assert.ok((await projectNames(page, true)).includes('Old campaign (archived)'));

  await page.goto(`${env.base}/projects/${projectId}`);
  await page.click('text=Restore project');
  await page.locator('text=Archive project').waitFor();
  assert.ok((await projectNames(ann)).includes('Old campaign'));

  await page.goto(`${env.base}/projects/${projectId}`);
  const del = page.locator('button', { hasText: 'Delete project' });
  await del.waitFor();
  assert.ok(await del.isDisabled());
  await page.fill('[aria-label="project name to delete"]', 'old campaign');
  assert.ok(await del.isDisabled(), 'a name that is not exactly the project name does not delete');
  await page.fill('[aria-label="project name to delete"]', 'Old campaign');
  await del.click();
  await page.locator('h1', { hasText: 'Projects' }).waitFor();
  assert.ok(!(await projectNames(page)).includes('Old campaign'));
  assert.ok(!(await projectNames(ann)).includes('Old campaign'));
  await ann.close();
  await page.close();
});
