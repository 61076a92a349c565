import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dispenser } from '@cadre/server';
import { signedInPage, useBrowserApp } from './setup.ts';

const env = useBrowserApp();

test('a person signs in, sees their projects with progress, and pages through a project\'s tasks', async () => {
  const projectId = await env.h.project('Street scenes');
  await env.h.importText(projectId, env.h.imageRows(120));
  const page = await env.browser.newPage();
  await page.goto(env.base);

  await page.fill('#email', 'admin@test.local');
  await page.fill('#password', 'wrong password');
  await page.click('button[type=submit]');
  assert.match(await page.locator('[role=alert]').innerText(), /wrong email or password/);

  await page.fill('#password', 'admin-password');
  await page.click('button[type=submit]');
  const card = page.locator('[data-testid=project-card]', { hasText: 'Street scenes' });
  await card.waitFor();
  assert.match(await card.innerText(), /0 of 120 tasks done/);

  await card.locator('a').click();
  await page.locator('h1', { hasText: 'Street scenes' }).waitFor();
  await page.locator('.project-nav a', { hasText: 'Tasks' }).click();
  await page.locator('[data-testid=task-row]').nth(49).waitFor(); // the table loads after the heading
  assert.equal(await page.locator('[data-testid=task-row]').count(), 50);
  const firstOnPage1 = await page.locator('[data-testid=task-row]').first().innerText();
  await page.click('text=Next');
  await page.waitForFunction((first) => document.querySelector('[data-testid=task-row]')?.textContent !== first.replaceAll('\t', ''), firstOnPage1);
  assert.equal(await page.locator('[data-testid=task-row]').count(), 50);
  await page.click('text=Next');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=task-row]').length === 20);

  // Filter by status: the two tasks this test leases are the only ones in progress.
  for (let i = 0; i < 2; i++) await dispenser.claimNext(env.h.deps, env.h.admin, projectId);
  await page.selectOption('[aria-label="status filter"]', 'leased');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=task-row]').length === 2);
  assert.deepEqual(new Set(await page.locator('[data-testid=task-row] td:nth-child(2)').allInnerTexts()), new Set(['leased']));

  // A reload keeps the page and its tab (the server answers app paths with the app).
  await page.reload();
  await page.locator('h1', { hasText: 'Street scenes' }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/projects/${projectId}/tasks`);
  await page.locator('[data-testid=task-row]').first().waitFor();
  assert.equal(await page.locator('.project-nav a[aria-current=page]').innerText(), 'Tasks');
  await page.close();
});

test('a manager creates a project with an ontology, imports a task file with a progress bar, and adds a member', async () => {
  await env.h.user('newcomer@test.local');
  const page = await signedInPage(env);
  await page.click('text=New project');
  await page.fill('#project-name', 'Lanes and cars');
  await page.locator('[aria-label="class name"]').first().fill('car');
  await page.click('text=Add class');
  await page.locator('[aria-label="class name"]').nth(1).fill('lane');
  await page.locator('[aria-label="kind"]').nth(1).selectOption('polyline');
  await page.locator('[data-testid=class-row]').first().locator('text=0 attributes').click();
  await page.click('text=Add attribute');
  await page.fill('[aria-label="attribute name"]', 'occluded');
  await page.click('text=Create project');
  await page.locator('h1', { hasText: 'Lanes and cars' }).waitFor();
  const projectId = new URL(page.url()).pathname.split('/')[2]!;
  const { projectService } = await import('@cadre/server');
  const saved = await projectService.getProject(env.h.deps, env.h.admin, projectId);
  assert.deepEqual(saved.ontology.classes.map((c) => [c.name, c.kind, c.attributes.map((a) => a.name)]), [['car', 'bbox2d', ['occluded']], ['lane', 'polyline', []]]);

  // Later the manager adds a class to the existing project.
  await page.click('text=Edit label classes');
  await page.click('text=Add class');
  await page.locator('[aria-label="class name"]').nth(2).fill('sign');
  await page.locator('[aria-label="kind"]').nth(2).selectOption('point2d');
  await page.click('text=Save label classes');
  await page.locator('text=Edit label classes').waitFor();
  const edited = await projectService.getProject(env.h.deps, env.h.admin, projectId);
  assert.deepEqual(edited.ontology.classes.map((c) => c.name), ['car', 'lane', 'sign']);

  await page.locator('.project-nav a', { hasText: 'Import/export' }).click();
  await page.setInputFiles('[aria-label="task file"]', { name: 'tasks.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(env.h.imageRows(30)) });
  assert.match(await page.locator('[data-testid=import-result]').innerText(), /Imported 30 items/);
  await page.locator('.project-nav a', { hasText: 'Tasks' }).click();
  await page.locator('[data-testid=task-row]').nth(29).waitFor();

  await page.locator('.project-nav a', { hasText: 'Members' }).click();
  await page.fill('[aria-label="member email"]', 'newcomer@test.local');
  await page.click('form >> text=Add');
  await page.locator('[data-testid=member-row]', { hasText: 'newcomer@test.local' }).waitFor();
  await page.close();
});
