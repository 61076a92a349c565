// An administrator sets the workflow, QA sampling and the rate card on the settings page, sees the
// server's complaints beside the fields, and the API then says what was set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectService } from '@cadre/server';
import { ontology } from '../../server/test/harness.ts';
import { saveScreenshot, useBrowserApp } from './setup.ts';
import { signInAs } from './sign-in.ts';

const env = useBrowserApp();

test('stages, a QA rate and a rate-card price set through the settings page take effect', async () => {
  const p = await projectService.createProject(env.h.deps, env.h.admin, { name: 'Settings', ontology });
  const page = await signInAs(env, 'admin@test.local', 'admin-password');
  await page.goto(`${env.base}/projects/${p.id}`);
  await page.locator('.project-nav a', { hasText: 'Settings' }).click();
  const workflow = page.getByRole('form', { name: 'workflow settings' });
  await workflow.waitFor();
  const api = async (path: string) => (await page.request.get(`${env.base}${path}`)).json();

  // A bad rate: the server's complaint stands beside the field, and nothing is saved.
  await page.getByLabel('stage check').uncheck();
  await page.fill('#qaSampleRate', '1.5');
  await page.getByRole('button', { name: 'Save workflow settings' }).click();
  await page.locator('#qaSampleRate-error').waitFor();
  assert.match(await page.locator('#qaSampleRate-error').innerText(), /above 0 and at most 1/);
  assert.deepEqual((await api(`/api/projects/${p.id}`)).settings.stages, ['annotate', 'check', 'review', 'qa'], 'nothing saved while a field is wrong');

  await page.fill('#qaSampleRate', '0.25');
  await page.getByRole('button', { name: 'Save workflow settings' }).click();
  await page.getByTestId('settings-saved').waitFor();
  const settings = (await api(`/api/projects/${p.id}`)).settings;
  assert.deepEqual(settings.stages, ['annotate', 'review', 'qa']);
  assert.equal(settings.qaSampleRate, 0.25);
  assert.equal(settings.maxRejections, 3, 'fields left alone keep their values');

  // The rate card: first a price the server refuses, then one it takes.
  const card = page.getByRole('form', { name: 'rate card' });
  await card.waitFor();
  await page.fill('#currency', 'EUR');
  await page.locator('[id="annotator.perObject"]').fill('0.12');
  await page.getByRole('button', { name: 'Save rate card' }).click();
  const priceError = page.locator('[id="annotator.perObject-error"]');
  await priceError.waitFor();
  assert.match(await priceError.innerText(), /whole number of minor units/);
  assert.deepEqual(await api(`/api/projects/${p.id}/rate-cards`), [], 'no card written while a price is wrong');

  await page.locator('[id="annotator.perObject"]').fill('12');
  await page.locator('[id="client.perObject"]').fill('30');
  await page.getByRole('button', { name: 'Save rate card' }).click();
  await page.getByTestId('rate-card-saved').waitFor();
  await saveScreenshot(page, 'settings.png');
  const [current] = await api(`/api/projects/${p.id}/rate-cards`);
  assert.equal(current.card.currency, 'EUR');
  assert.equal(current.card.annotator.perObject, 12);
  assert.equal(current.card.client.perObject, 30);

  // After a reload the page shows what is stored.
  await page.reload();
  await workflow.waitFor();
  assert.equal(await page.getByLabel('stage check').isChecked(), false);
  assert.equal(await page.inputValue('#qaSampleRate'), '0.25');
  await card.waitFor();
  assert.equal(await page.locator('[id="annotator.perObject"]').inputValue(), '12');
  await page.context().close();
});

test('the deadline and red lines: a bad value is named by its field, a good set is stored and shown again', async () => {
  const p = await projectService.createProject(env.h.deps, env.h.admin, { name: 'Red lines', ontology });
  const page = await signInAs(env, 'admin@test.local', 'admin-password');
  await page.goto(`${env.base}/projects/${p.id}/settings`);
  const form = page.getByRole('form', { name: 'red lines' });
  await form.waitFor();
  const settings = async () => (await (await page.request.get(`${env.base}/api/projects/${p.id}`)).json()).settings;
  const save = () => form.getByRole('button', { name: 'Save red lines' }).click();

  await page.fill('#alertRejectionRateAbove', '40');
  await page.fill('#alertWebhookUrl', 'javascript:alert(1)');
  await save();
  await page.locator('#alertRejectionRateAbove-error').waitFor();
  await page.locator('#alertWebhookUrl-error').waitFor();
  assert.equal((await settings()).alertRejectionRateAbove, null, 'nothing saved while a field is wrong');

  await page.fill('#alertRejectionRateAbove', '0.4');
  await page.fill('#alertRejectionMinDecided', '15');
  await page.fill('#alertWebhookUrl', 'https://hooks.slack.com/services/T000/B000/XXXX');
  await page.fill('#deadline', '2027-01-15T18:00');
  await page.getByLabel('backlog alert review').fill('40');
  await page.getByLabel('Alert when a QA batch fails').check();
  await save();
  await page.getByTestId('red-lines-saved').waitFor();
  const s = await settings();
  assert.deepEqual([s.alertRejectionRateAbove, s.alertRejectionMinDecided, s.alertQaBatchFailed, s.backlogAlertByStage, s.alertWebhookUrl],
    [0.4, 15, true, { review: 40 }, 'https://hooks.slack.com/services/T000/B000/XXXX']);
  assert.equal(new Date(s.deadline).getTime(), new Date('2027-01-15T18:00').getTime(), 'the deadline in the browser\'s time');
  assert.equal(s.backlogAlertAbove, 0, 'a line left empty stays off');

  await page.reload();
  await form.waitFor();
  assert.equal(await page.inputValue('#alertRejectionRateAbove'), '0.4');
  assert.equal(await page.inputValue('#deadline'), '2027-01-15T18:00');
  assert.equal(await page.getByLabel('backlog alert review').inputValue(), '40');
  await page.context().close();
});
