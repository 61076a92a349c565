// A manager works in the tasks view: narrows 120 tasks to one person's by filter, finds an item by
// its file name, sees what it is on hover, and reassigns everything a filter matches in one go; a
// task someone holds is refused with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { auth, dispenser, submissions, type Actor } from '../../server/src/index.ts';
import { box, payload } from '../../server/test/harness.ts';
import { signedInPage, useBrowserApp } from './setup.ts';

const env = useBrowserApp();

async function person(projectId: string, name: string): Promise<Actor> {
  const u = await auth.createUser(env.h.deps, { email: `${name.toLowerCase()}@tasks-view.test`, name, password: 'user-password' });
  const a: Actor = { userId: u.id, isAdmin: false };
  await env.h.member(projectId, a, 'annotator');
  return a;
}

test('filter to a person, search a file name, preview on hover, bulk-reassign all that match with refusals', async () => {
  const projectId = await env.h.project('Tasks view', { stages: ['annotate', 'review'] });
  await env.h.importText(projectId, env.h.imageRows(120));
  const ana = await person(projectId, 'Ana');
  const bo = await person(projectId, 'Bo');
  for (let i = 0; i < 12; i++) {
    const t = (await dispenser.claimNextView(env.h.deps, ana, projectId))!;
    await submissions.submit(env.h.deps, ana, t.task.id, randomUUID(), payload(box(`car-${i}`)));
  }
  const held = (await dispenser.claimNextView(env.h.deps, bo, projectId))!; // Bo holds one task now

  const page = await signedInPage(env, { width: 1400, height: 900 });
  await page.goto(`${env.base}/projects/${projectId}/tasks`);
  const total = page.getByTestId('tasks-total');
  await total.filter({ hasText: '120 tasks match' }).waitFor();

  // One person's work: the twelve Ana submitted, each showing her.
  await page.getByLabel('person filter').selectOption({ label: 'Ana' });
  await total.filter({ hasText: '12 tasks match' }).waitFor();
  assert.deepEqual(new Set(await page.getByTestId('person').allInnerTexts()), new Set(['Ana']));
  assert.deepEqual(new Set(await page.locator('[data-testid=task-row] td:nth-child(3)').allInnerTexts()), new Set(['review']));

  // A file name typed finds its task; resting on the name shows the item.
  await page.getByLabel('person filter').selectOption({ label: 'anyone' });
  await page.getByLabel('search tasks').fill('000077');
  await total.filter({ hasText: /^1 task matches/ }).waitFor();
  await page.getByTestId('item-name').first().hover();
  await page.getByTestId('task-preview').waitFor();
  assert.equal(await page.getByTestId('task-preview').locator('img').getAttribute('alt'), '000077.jpg');

  // Every open labelling task, not just this page: 107 (120 less Ana's 12 and the one Bo holds).
  await page.getByLabel('search tasks').fill('');
  await page.getByLabel('stage filter').selectOption('annotate');
  await total.filter({ hasText: '108 tasks match' }).waitFor();
  await page.getByLabel('select page').check();
  await page.getByRole('button', { name: 'Select all 108 matching tasks' }).click();
  await page.getByTestId('bulk-bar').filter({ hasText: 'All 108 matching selected' }).waitFor();
  await page.getByLabel('reassign to').selectOption({ label: 'Ana' });
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Apply' }).click();
  const result = page.getByTestId('bulk-result');
  await result.waitFor();
  assert.match(await result.innerText(), /Changed 107, unchanged 0, refused 1\./);
  assert.match(await result.innerText(), new RegExp(`${held.task.id.slice(-8)}: .*holds it right now`));
  const reserved = await env.h.deps.db.selectFrom('tasks').select(({ fn }) => fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId).where('reserved_for', '=', ana.userId).executeTakeFirstOrThrow();
  assert.equal(Number(reserved.n), 107, 'the tasks wait for Ana');
  await page.close();
});
