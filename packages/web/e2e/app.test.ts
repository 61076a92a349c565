import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '@cadre/server';
import { harness, type Harness } from '../../server/test/harness.ts';
import { launchBrowser } from './browser.ts';

let h: Harness;
let app: FastifyInstance;
let browser: Browser;
let base: string;

before(async () => {
  h = await harness();
  app = await buildApp(h.deps, { webRoot: fileURLToPath(new URL('../dist', import.meta.url)) });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await app?.close();
  await h?.close();
});

test('a person signs in, sees their projects with progress, and pages through a project\'s tasks', async () => {
  const projectId = await h.project('Street scenes');
  await h.importText(projectId, h.imageRows(120));
  const page = await browser.newPage();
  await page.goto(base);

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
  await page.locator('[data-testid=task-row]').nth(49).waitFor(); // the table loads after the heading
  assert.equal(await page.locator('[data-testid=task-row]').count(), 50);
  const firstOnPage1 = await page.locator('[data-testid=task-row]').first().innerText();
  await page.click('text=Next');
  await page.waitForFunction((first) => document.querySelector('[data-testid=task-row]')?.textContent !== first.replaceAll('\t', ''), firstOnPage1);
  assert.equal(await page.locator('[data-testid=task-row]').count(), 50);
  await page.click('text=Next');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=task-row]').length === 20);

  // A reload on the project's own address keeps the page (the server answers app paths with the app).
  await page.reload();
  await page.locator('h1', { hasText: 'Street scenes' }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/projects/${projectId}`);
  await page.close();
});

test('a manager creates a project with an ontology, imports a task file with a progress bar, and adds a member', async () => {
  await h.user('newcomer@test.local');
  const page = await browser.newPage();
  await page.goto(base); // a new page is a new browser context: sign in again
  await page.fill('#email', 'admin@test.local');
  await page.fill('#password', 'admin-password');
  await page.click('button[type=submit]');
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
  const saved = await projectService.getProject(h.deps, h.admin, projectId);
  assert.deepEqual(saved.ontology.classes.map((c) => [c.name, c.kind, c.attributes.map((a) => a.name)]), [['car', 'bbox2d', ['occluded']], ['lane', 'polyline', []]]);

  await page.setInputFiles('[aria-label="task file"]', { name: 'tasks.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(h.imageRows(30)) });
  assert.match(await page.locator('[data-testid=import-result]').innerText(), /Imported 30 items/);
  await page.locator('[data-testid=task-row]').nth(29).waitFor();

  await page.fill('[aria-label="member email"]', 'newcomer@test.local');
  await page.click('form >> text=Add');
  await page.locator('[data-testid=member-row]', { hasText: 'newcomer@test.local' }).waitFor();
  await page.close();
});
