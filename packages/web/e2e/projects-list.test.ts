// A person in a hundred and twenty projects finds one by typing, sees progress at a glance, and
// finds archived ones behind a switch; the page shows fifty at a time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectService, removalService } from '@cadre/server';
import { ontology } from '../../server/test/harness.ts';
import { signedInPage, useBrowserApp } from './setup.ts';

const env = useBrowserApp();

test('a hundred and twenty projects: search, order by progress, archived behind a switch, fifty at a time', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 120; i++) {
    const p = await projectService.createProject(env.h.deps, env.h.admin, { name: `Campaign ${String(i).padStart(3, '0')}`, description: i % 40 === 7 ? 'night drives in rain' : 'city streets', ontology });
    ids.push(p.id);
  }
  await env.h.importText(ids[5]!, env.h.imageRows(4));
  await env.h.deps.db.updateTable('tasks').set({ status: 'done', stage: 'accepted' }).where('project_id', '=', ids[5]!).where('id', 'in',
    env.h.deps.db.selectFrom('tasks').select('id').where('project_id', '=', ids[5]!).limit(3)).execute();
  await removalService.setArchived(env.h.deps, env.h.admin, ids[119]!, true);

  const page = await signedInPage(env);
  const cards = page.locator('[data-testid=project-card]');
  await cards.first().waitFor();
  const total = Number((await page.getByTestId('projects-shown').innerText()).match(/(\d+) of (\d+)/)?.[2]);
  assert.ok(total >= 120, `the count says how many there are (${total})`);
  assert.equal(await cards.count(), 50, 'fifty at a time');
  await page.getByRole('button', { name: /^Show 50 more$/ }).click();
  assert.equal(await cards.count(), 100);

  // Words of the description narrow the list; the archived one is not among them until asked for.
  await page.getByLabel('search projects').fill('rain night');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=project-card]').length === 3);
  assert.deepEqual(await page.locator('[data-testid=project-card] h2').allInnerTexts(), ['Campaign 007', 'Campaign 047', 'Campaign 087']);
  await page.getByLabel('search projects').fill('Campaign 119');
  await page.getByText('No project matches.').waitFor();
  await page.getByLabel(/show archived/).check();
  await page.locator('[data-testid=project-card] h2', { hasText: 'Campaign 119 (archived)' }).waitFor();

  // Progress: three of four done reads as 75 %, and "least done first" puts it after the empty ones.
  await page.getByLabel('search projects').fill('Campaign 005');
  const bar = page.getByRole('progressbar', { name: 'Campaign 005 progress' });
  assert.equal(await bar.getAttribute('aria-valuenow'), '75');
  assert.match(await page.locator('[data-testid=project-card]').first().innerText(), /3 of 4 tasks done/);
  await page.getByLabel('search projects').fill('Campaign 00');
  await page.getByLabel('project order').selectOption('progress');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=project-card]').length === 10);
  assert.equal(await page.locator('[data-testid=project-card] h2').last().innerText(), 'Campaign 005', 'the most done comes last');
  await page.close();
});
