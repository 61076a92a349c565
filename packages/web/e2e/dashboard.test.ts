// The dashboards in Chromium: a little work is driven through the services, then each role's page
// shows today's figures, live; a client's page shows nothing of pay rates, labour or names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { writeRateCard } from '../../server/src/services/pay/index.ts';
import { putRateCard } from '../../server/src/services/pay/pay.service.ts';
import { crew, decide, label } from '../../server/test/workflow-harness.ts';
import { useBrowserApp, type BrowserApp } from './setup.ts';

const env = useBrowserApp();
const CARD = { currency: 'CNY', period: 'monthly', annotator: { perItem: 10 }, client: { perItem: 40 } };

async function signedInAs(e: BrowserApp, email: string, password: string): Promise<Page> {
  const page = await e.browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(e.base);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.locator('h1', { hasText: 'Projects' }).waitFor();
  return page;
}

/** Three items labelled, two accepted, one rejected. */
async function project(name: string) {
  const c = await crew(env.h, name, { stages: ['annotate', 'review'], dailyCap: 5, breakAfterMinutes: 60, backlogAlertAbove: 1 }, 5);
  await writeRateCard(env.h.deps.db, c.projectId, ['car', 'lane'], CARD, env.h.admin.userId, new Date(Date.now() - 60_000));
  for (let i = 0; i < 3; i++) await label(env.h, c.projectId, c.annotator);
  await decide(env.h, c.projectId, c.reviewer, 'review', 'accept');
  await decide(env.h, c.projectId, c.reviewer, 'review', 'reject', { reasons: [{ code: 'wrong_class', objectId: 'car-1' }] });
  await decide(env.h, c.projectId, c.reviewer, 'review', 'accept');
  return c;
}
const slug = (name: string) => name.toLowerCase().replaceAll(' ', '-');

test('the annotator\'s dashboard shows today\'s count, the cap, earnings and rejections, and updates live', async () => {
  const c = await project('E2E dash me');
  const page = await signedInAs(env, `${slug('E2E dash me')}-ann@test.local`, 'user-password');
  await page.goto(`${env.base}/projects/${c.projectId}/dashboard`);
  const view = page.locator('[data-view=me]');
  await view.waitFor();
  assert.equal(await view.locator('[data-figure=today]').textContent(), '3');
  assert.match(await view.locator('.cap').textContent() ?? '', /3 \/ 5 today/);
  assert.match(await view.locator('[data-figure=settled]').textContent() ?? '', /0\.20/);
  assert.equal(await view.locator('[data-figure=rejection]').textContent(), '33.3%');
  assert.match(await view.textContent() ?? '', /wrong_class|Wrong class/);
  // More work arrives while the page is open: the stream brings the new count.
  await label(env.h, c.projectId, c.annotator); // the returned item (not new)
  await label(env.h, c.projectId, c.annotator); // a new one
  await view.locator('[data-figure=today]', { hasText: '4' }).waitFor({ timeout: 15_000 });
  assert.equal(await view.locator('[data-figure=submitted]').textContent(), '5');
  // The workspace shows the cap's progress.
  await page.goto(`${env.base}/projects/${c.projectId}/label`);
  await page.locator('.limits-banner .cap', { hasText: '/ 5 today' }).waitFor();
  await page.close();
});

test('the admin\'s dashboard shows throughput, backlog alerts, people and the forecast', async () => {
  const c = await project('E2E dash admin');
  const page = await signedInAs(env, 'admin@test.local', 'admin-password');
  await page.goto(`${env.base}/projects/${c.projectId}/dashboard`);
  const view = page.locator('[data-view=admin]');
  await view.waitFor();
  assert.equal(await view.locator('[data-figure=submitted]').textContent(), '3');
  assert.equal(await view.locator('[data-figure=accepted]').textContent(), '2');
  assert.match(await view.locator('.alerts').textContent() ?? '', /annotate: 3 tasks queued, above the alert level of 1/);
  assert.equal(await view.locator('svg.bars rect').count(), 24);
  const row = view.locator('table.people tr', { hasText: /e2e-dash-admin-ann|ann/ }).first();
  assert.match(await row.textContent() ?? '', /3/);
  assert.doesNotMatch(await view.locator('[data-figure=forecast]').textContent() ?? '', /not yet known/);
  assert.match(await view.locator('[data-figure=margin]').textContent() ?? '', /0\.60/);
  await page.close();
});

test('the client\'s dashboard shows progress and quality, and no pay rates, labour or names', async () => {
  const c = await project('E2E dash client');
  const client = await env.h.user(`${slug('E2E dash client')}-client@test.local`);
  await env.h.member(c.projectId, client, 'client');
  const page = await signedInAs(env, `${slug('E2E dash client')}-client@test.local`, 'user-password');
  await page.goto(`${env.base}/projects/${c.projectId}/dashboard`);
  const view = page.locator('[data-view=client]');
  await view.waitFor();
  assert.equal(await view.locator('[data-figure=progress]').textContent(), '2 of 5 accepted (40%)');
  assert.equal(await view.locator('[data-figure=rejection]').textContent(), '33.3%');
  const text = await page.locator('main').textContent() ?? '';
  assert.doesNotMatch(text, /labour|margin|revenue|per item|rate card|earning/i);
  assert.doesNotMatch(text, /0\.10|0\.20/, 'no annotator pay figures');
  const people = await env.h.deps.db.selectFrom('users').select(['name', 'email']).where('id', 'in', [c.annotator.userId, c.reviewer.userId]).execute();
  for (const p of people) assert.ok(!text.includes(p.name) && !text.includes(p.email), `no name of ${p.email}`);
  assert.equal(await page.locator('[role=tab]').count(), 0, 'one view only');
  await page.close();
});

test('the admin\'s dashboard warns of accepted work no rate card covers, until a card is set', async () => {
  const c = await crew(env.h, 'E2E dash unpaid', { stages: ['annotate', 'review'] }, 2);
  for (let i = 0; i < 2; i++) {
    await label(env.h, c.projectId, c.annotator);
    await decide(env.h, c.projectId, c.reviewer, 'review', 'accept');
  }
  const page = await signedInAs(env, 'admin@test.local', 'admin-password');
  await page.goto(`${env.base}/projects/${c.projectId}/dashboard`);
  const warning = page.locator('[data-view=admin] [data-figure=unpaid]');
  await warning.waitFor();
  assert.match(await warning.textContent() ?? '', /2 accepted items have no rate card and are unpaid/);
  await putRateCard(env.h.deps, env.h.admin, c.projectId, CARD);
  await page.reload();
  await page.locator('[data-view=admin] [data-figure=margin]').waitFor();
  assert.equal(await warning.count(), 0, 'the card paid the work: no warning');
  await page.close();
});
