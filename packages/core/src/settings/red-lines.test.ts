import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anyRedLine, backlogLevel, DEFAULT_SETTINGS, parseSettings } from './index.ts';

test('red lines are off by default; the backlog alert level of a stage is its own, else the project\'s', () => {
  assert.equal(anyRedLine(DEFAULT_SETTINGS), false);
  const { settings, issues } = parseSettings({ backlogAlertAbove: 50, backlogAlertByStage: { review: 10, qa: 0 }, deadline: '2026-12-31T18:00:00Z' });
  assert.deepEqual(issues, []);
  assert.deepEqual([backlogLevel(settings, 'annotate'), backlogLevel(settings, 'review'), backlogLevel(settings, 'qa')], [50, 10, 0]);
  assert.equal(anyRedLine(settings), true);
  assert.equal(anyRedLine(parseSettings({ alertForecastPastDeadline: true }).settings), false, 'the forecast line needs a deadline');
  assert.equal(anyRedLine(parseSettings({ alertRejectionRateAbove: 0.2 }).settings), true);
});

test('bad red lines are refused naming the field: negative counts, a rate over 1, a URL that is not http(s), a date that is not one', () => {
  const { issues } = parseSettings({
    alertDailyCapPeople: -1, alertRejectionRateAbove: 1.5, alertWebhookUrl: 'javascript:alert(1)', deadline: 'next friday',
    backlogAlertByStage: { review: -3 }, alertRejectionMinDecided: 0, alertQaBatchFailed: 'yes',
  });
  assert.deepEqual(issues.map((i) => i.path), [
    'settings.alertDailyCapPeople', 'settings.alertRejectionRateAbove', 'settings.alertWebhookUrl', 'settings.deadline',
    'settings.backlogAlertByStage', 'settings.alertRejectionMinDecided', 'settings.alertQaBatchFailed',
  ]);
  assert.match(issues[4]!.message, /^review: must be an integer/);
  for (const url of ['file:///etc/passwd', 'data:text/html,x', 'http://', 'https://exa mple.com/x', 'ftp://example.com']) {
    assert.equal(parseSettings({ alertWebhookUrl: url }).issues.length, 1, url);
  }
  for (const url of ['https://hooks.slack.com/services/T0/B0/xyz', 'http://127.0.0.1:8089/hook?x=1', 'http://[::1]:9000/']) {
    assert.deepEqual(parseSettings({ alertWebhookUrl: url }).issues, [], url);
  }
  assert.deepEqual(parseSettings({ deadline: null, alertWebhookUrl: null, alertRejectionRateAbove: null }).issues, [], 'null turns each off');
});
