// Changing a password in the browser: the account page from the header, the other session ends;
// an administrator sets a forgotten password from the project's members.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auth, projectService } from '@cadre/server';
import { ontology } from '../../server/test/harness.ts';
import { saveScreenshot, useBrowserApp } from './setup.ts';
import { signInAs } from './sign-in.ts';

const env = useBrowserApp();
const signInForm = (page: import('playwright-core').Page) => page.locator('h1', { hasText: 'Sign in to Cadre' });

test('a person changes their own password on the account page: this session stays, the other one ends', async () => {
  await auth.createUser(env.h.deps, { email: 'kim@account.test', name: 'Kim', password: 'first password' });
  const here = await signInAs(env, 'kim@account.test', 'first password');
  const elsewhere = await signInAs(env, 'kim@account.test', 'first password');

  await here.getByRole('link', { name: 'Kim' }).click();
  await here.locator('h1', { hasText: 'Account' }).waitFor();
  await here.fill('#current-password', 'not my password');
  await here.fill('#new-password', 'second password');
  await here.fill('#repeat-password', 'second password');
  await here.getByRole('button', { name: 'Change password' }).click();
  const wrong = here.locator('[data-field=currentPassword]');
  await wrong.waitFor();
  assert.match(await wrong.innerText(), /not your current password/, 'the complaint stands beside the current password');

  await here.fill('#current-password', 'first password');
  await here.fill('#new-password', 'second password');
  await here.fill('#repeat-password', 'second password');
  await here.getByRole('button', { name: 'Change password' }).click();
  await here.getByTestId('password-changed').waitFor();
  await saveScreenshot(here, 'account.png');

  await here.reload();
  await here.locator('h1', { hasText: 'Account' }).waitFor(); // still signed in
  await elsewhere.reload();
  await signInForm(elsewhere).waitFor(); // the other session ended
  await elsewhere.fill('#email', 'kim@account.test');
  await elsewhere.fill('#password', 'first password');
  await elsewhere.click('button[type=submit]');
  await elsewhere.getByRole('alert').waitFor();
  assert.match(await elsewhere.getByRole('alert').innerText(), /wrong email or password/);
  await elsewhere.fill('#password', 'second password');
  await elsewhere.click('button[type=submit]');
  await elsewhere.getByText('You are not in any project yet.').waitFor();
  await here.context().close();
  await elsewhere.context().close();
});

test('an administrator sets a new password for a member who forgot theirs, from the members list', async () => {
  const p = await projectService.createProject(env.h.deps, env.h.admin, { name: 'Forgotten', ontology });
  const lee = await auth.createUser(env.h.deps, { email: 'lee@account.test', name: 'Lee', password: 'lost password' });
  await projectService.setMember(env.h.deps, env.h.admin, p.id, { userId: lee.id, role: 'annotator' });
  const leePage = await signInAs(env, 'lee@account.test', 'lost password');

  const admin = await signInAs(env, 'admin@test.local', 'admin-password');
  await admin.goto(`${env.base}/projects/${p.id}/members`);
  const row = admin.locator('[data-testid=member-row]', { hasText: 'lee@account.test' });
  await row.getByRole('button', { name: 'Set password' }).click();
  await row.getByLabel('new password for Lee').fill('short');
  await row.getByRole('button', { name: 'Save' }).click();
  assert.match(await row.getByRole('alert').innerText(), /at least 8 characters/);
  await row.getByLabel('new password for Lee').fill('a password from the admin');
  await row.getByRole('button', { name: 'Save' }).click();
  await row.getByRole('status').waitFor();

  await leePage.reload();
  await signInForm(leePage).waitFor();
  await leePage.fill('#email', 'lee@account.test');
  await leePage.fill('#password', 'a password from the admin');
  await leePage.click('button[type=submit]');
  await leePage.locator('h1', { hasText: 'Projects' }).waitFor();
  await admin.context().close();
  await leePage.context().close();
});

test('an administrator sets a new password on the People page, also for someone in no project', async () => {
  await auth.createUser(env.h.deps, { email: 'new@account.test', name: 'Newcomer', password: 'never remembered' });
  const admin = await signInAs(env, 'admin@test.local', 'admin-password');
  await admin.getByRole('link', { name: 'People' }).click();
  const row = admin.locator('[data-testid=person-row]', { hasText: 'new@account.test' });
  await row.getByRole('button', { name: 'Set password' }).click();
  await row.getByLabel('new password for Newcomer').fill('now remembered');
  await row.getByRole('button', { name: 'Save' }).click();
  await row.getByRole('status').waitFor();
  const newcomer = await signInAs(env, 'new@account.test', 'now remembered');
  await newcomer.getByText('You are not in any project yet.').waitFor();
  assert.equal(await newcomer.getByRole('link', { name: 'People' }).count(), 0, 'only administrators see People');
  await admin.context().close();
  await newcomer.context().close();
});

test('sign out everywhere on the account page ends this session and the one on the other device', async () => {
  await auth.createUser(env.h.deps, { email: 'roam@account.test', name: 'Roam', password: 'roam password' });
  const here = await signInAs(env, 'roam@account.test', 'roam password');
  const phone = await signInAs(env, 'roam@account.test', 'roam password');
  await here.getByRole('link', { name: 'Roam' }).click();
  await here.getByRole('button', { name: 'Sign out everywhere' }).click();
  await signInForm(here).waitFor();
  await phone.reload();
  await signInForm(phone).waitFor();
  await here.close();
  await phone.close();
});

test('an administrator reads the audit log: who set a role and a rate card, filtered by group, and downloads it as CSV', async () => {
  const page = await signInAs(env, 'admin@test.local', 'admin-password');
  const p = await projectService.createProject(env.h.deps, env.h.admin, { name: 'Audit trail', ontology });
  const role = await page.request.put(`${env.base}/api/projects/${p.id}/members`, { data: { email: 'roam@account.test', role: 'annotator' } });
  assert.ok(role.ok(), await role.text());
  const card = await page.request.put(`${env.base}/api/projects/${p.id}/rate-card`, { data: { currency: 'EUR', annotator: { perItem: 5 } } });
  assert.ok(card.ok(), await card.text());
  await page.getByRole('link', { name: 'Audit' }).click();
  const log = page.getByTestId('audit-log');
  await log.locator('tr[data-action="pay.rate_card"]').waitFor();
  assert.match(await log.locator('tr[data-action="role.set"]').first().innerText(), /admin@test\.local\s+role\.set/);
  await page.getByLabel('action group').selectOption('pay');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=audit-log] tr[data-action="role.set"]').length === 0);
  assert.ok(await log.locator('tr[data-action="pay.rate_card"]').count() >= 1);
  const download = await page.request.get(new URL((await page.getByTestId('audit-csv').getAttribute('href'))!, env.base).href);
  const csv = await download.text();
  assert.match(csv, /pay\.rate_card/);
  assert.doesNotMatch(csv, /role\.set/, 'the CSV keeps the filter');
  await page.close();
});
