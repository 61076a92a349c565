// Each person sees what their role may do and nothing else: an annotator no administrator's
// actions, a reviewer the review and QA entry points, an administrator everything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { auth, projectService } from '@cadre/server';
import { ontology } from '../../server/test/harness.ts';
import { useBrowserApp } from './setup.ts';
import { signInAs } from './sign-in.ts';

const env = useBrowserApp();

async function project(): Promise<string> {
  const p = await projectService.createProject(env.h.deps, env.h.admin, { name: 'Roles', ontology, settings: { stages: ['annotate', 'review', 'qa'] } });
  await env.h.importText(p.id, env.h.imageRows(3));
  return p.id;
}

async function person(projectId: string, email: string, role: 'annotator' | 'reviewer'): Promise<void> {
  const u = await auth.createUser(env.h.deps, { email, password: 'user-password' });
  await projectService.setMember(env.h.deps, env.h.admin, projectId, { userId: u.id, role });
}

/** Opens the project page and waits until the page has heard the person's capabilities. */
async function openProject(page: Page, projectId: string): Promise<void> {
  const heard = page.waitForResponse((r) => r.url().endsWith(`/api/projects/${projectId}/capabilities`));
  await page.goto(`${env.base}/projects/${projectId}`);
  await heard;
  await page.locator('h1', { hasText: 'Roles' }).waitFor();
  await page.locator('.project-nav a', { hasText: 'Dashboard' }).waitFor();
}

const navLinks = (page: Page) => page.locator('.project-nav a').allInnerTexts();
const visible = async (page: Page, names: string[]) => {
  const out: string[] = [];
  for (const n of names) if (await page.getByText(n, { exact: true }).count() > 0) out.push(n);
  return out;
};
const ADMIN_THINGS = ['Import tasks', 'Upload images', 'Edit label classes', 'Members', 'Tasks', 'New project'];

test('an annotator sees labeling and their own work, and no administrator\'s actions', async () => {
  const projectId = await project();
  await person(projectId, 'ann@roles.test', 'annotator');
  const page = await signInAs(env, 'ann@roles.test', 'user-password');
  const heard = page.waitForResponse((r) => r.url().endsWith('/api/me/capabilities'));
  await page.reload();
  await heard;
  await page.getByText('Roles', { exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'New project' }).count(), 0, 'no New project on the projects list');
  assert.equal(await page.getByRole('link', { name: 'People' }).count(), 0, 'no People page');

  await openProject(page, projectId);
  assert.deepEqual(await navLinks(page), ['Project', 'Label', 'Returned to me', 'Dashboard']);
  assert.equal(await page.getByRole('button', { name: 'Start labeling' }).count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Review' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'QA' }).count(), 0);
  assert.deepEqual(await visible(page, ADMIN_THINGS), [], 'no import, upload, label-class editing, members or task table');
  assert.equal(await page.getByText('Backlog by stage').count(), 0);

  await page.goto(`${env.base}/projects/new`);
  await page.getByText('Creating a project needs an administrator or a project manager.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Create project' }).count(), 0);

  await page.goto(`${env.base}/projects/${projectId}/settings`);
  await page.getByText('Only the project\'s managers change its settings.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Save workflow settings' }).count(), 0);
  await page.context().close();
});

test('a reviewer sees the review and QA entry points and what they may read, and no administrator\'s actions', async () => {
  const projectId = await project();
  await person(projectId, 'rev@roles.test', 'reviewer');
  const page = await signInAs(env, 'rev@roles.test', 'user-password');
  await openProject(page, projectId);
  assert.deepEqual(await navLinks(page), ['Project', 'Review', 'QA', 'QA batches', 'Quality', 'Dashboard']);
  assert.equal(await page.getByRole('button', { name: 'Review' }).count(), 1);
  assert.equal(await page.getByRole('button', { name: 'QA' }).count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Start labeling' }).count(), 0);
  assert.deepEqual(await visible(page, ADMIN_THINGS), ['Members', 'Tasks'], 'a reviewer reads members and tasks, and changes nothing');
  assert.equal(await page.getByRole('button', { name: 'Add' }).count(), 0, 'no adding members');
  assert.equal(await page.getByRole('button', { name: 'Set password' }).count(), 0);
  await page.getByText('Backlog by stage').waitFor();
  await page.context().close();
});

test('an administrator sees every action', async () => {
  const projectId = await project();
  await person(projectId, 'someone@roles.test', 'annotator');
  const page = await signInAs(env, 'admin@test.local', 'admin-password');
  await page.getByRole('button', { name: 'New project' }).waitFor();
  await page.getByRole('link', { name: 'People' }).waitFor();
  await openProject(page, projectId);
  assert.deepEqual(await navLinks(page), ['Project', 'Label', 'Review', 'QA', 'QA batches', 'Returned to me', 'Quality', 'Dashboard', 'Models', 'Settings']);
  for (const name of ['Start labeling', 'Review', 'QA', 'Edit label classes', 'Add', 'Set password']) {
    assert.ok(await page.getByRole('button', { name }).count() > 0, `${name} is shown`);
  }
  assert.deepEqual(await visible(page, ADMIN_THINGS), ADMIN_THINGS.filter((t) => t !== 'New project'));
  await page.context().close();
});
