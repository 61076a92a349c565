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
async function openProject(page: Page, projectId: string, tab = ''): Promise<void> {
  const heard = page.waitForResponse((r) => r.url().endsWith(`/api/projects/${projectId}/capabilities`));
  await page.goto(`${env.base}/projects/${projectId}${tab ? `/${tab}` : ''}`);
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
const ADMIN_THINGS = ['Import tasks', 'Upload images', 'Edit label classes', 'Export labels', 'Members', 'Tasks', 'New project'];

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
  assert.deepEqual(await navLinks(page), ['Overview', 'Label', 'Returned to me', 'Dashboard']);
  assert.equal(await page.getByRole('button', { name: 'Start labeling' }).count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Review' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'QA' }).count(), 0);
  assert.deepEqual(await visible(page, ADMIN_THINGS), [], 'no import, upload, label-class editing, members or task table');
  assert.equal(await page.getByText('Backlog by stage').count(), 0);
  // A tab's address typed in shows no more than the tab bar did.
  for (const tab of ['tasks', 'data', 'members']) {
    await openProject(page, projectId, tab);
    await page.getByText(/^Your role here does not/).waitFor();
    assert.deepEqual(await visible(page, ADMIN_THINGS), [], `nothing of the ${tab} tab`);
  }

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
  assert.deepEqual(await navLinks(page), ['Overview', 'Tasks', 'Members', 'Review', 'QA', 'QA batches', 'Quality', 'Dashboard']);
  assert.equal(await page.getByRole('button', { name: 'Review' }).count(), 1);
  assert.equal(await page.getByRole('button', { name: 'QA' }).count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Start labeling' }).count(), 0);
  await page.getByText('Backlog by stage').waitFor();
  assert.deepEqual(await visible(page, ADMIN_THINGS), ['Members', 'Tasks'], 'a reviewer reads members and tasks (the tabs), and changes nothing');
  await openProject(page, projectId, 'members');
  await page.locator('[data-testid=member-row]').first().waitFor();
  assert.equal(await page.getByRole('button', { name: 'Add' }).count(), 0, 'no adding members');
  assert.equal(await page.getByRole('button', { name: 'Set password' }).count(), 0);
  await openProject(page, projectId, 'tasks');
  await page.locator('[data-testid=task-row]').first().waitFor();
  assert.equal(await page.getByRole('button', { name: 'Remove task' }).count(), 0, 'no removing tasks');
  assert.equal(await page.getByLabel('select page').count(), 0, 'no bulk actions');
  await page.context().close();
});

test('an administrator sees every action', async () => {
  const projectId = await project();
  await person(projectId, 'someone@roles.test', 'annotator');
  const page = await signInAs(env, 'admin@test.local', 'admin-password');
  await page.getByRole('button', { name: 'New project' }).waitFor();
  await page.getByRole('link', { name: 'People' }).waitFor();
  await openProject(page, projectId);
  assert.deepEqual(await navLinks(page), ['Overview', 'Tasks', 'Import/export', 'Members', 'Label', 'Review', 'QA', 'QA batches', 'Returned to me', 'Quality', 'Dashboard', 'Charts', 'Models', 'Settings']);
  for (const name of ['Start labeling', 'Review', 'QA', 'Edit label classes']) {
    assert.ok(await page.getByRole('button', { name }).count() > 0, `${name} is shown`);
  }
  await openProject(page, projectId, 'members');
  for (const name of ['Add', 'Set password']) await page.getByRole('button', { name }).first().waitFor();
  await openProject(page, projectId, 'data');
  await page.getByText('Export labels', { exact: true }).waitFor();
  assert.deepEqual(await visible(page, ADMIN_THINGS), ['Import tasks', 'Upload images', 'Export labels', 'Members', 'Tasks']);
  await page.context().close();
});
