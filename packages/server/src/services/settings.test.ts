import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS, parseSettings, settingsOf } from './settings.ts';

test('text settings: spans snap to tokens and may not overlap, one class per item, unless the project says so', () => {
  assert.deepEqual([DEFAULT_SETTINGS.granularity, DEFAULT_SETTINGS.allowOverlap, DEFAULT_SETTINGS.multiLabel], ['token', false, false]);
  const { settings, issues } = parseSettings({ granularity: 'char', allowOverlap: true, multiLabel: true });
  assert.deepEqual(issues, []);
  assert.deepEqual([settings.granularity, settings.allowOverlap, settings.multiLabel, settings.stage], ['char', true, true, 'annotate']);
  assert.deepEqual(parseSettings({ granularity: 'word', allowOverlap: 'yes', multiLabel: 1 }).issues, [
    { path: 'settings.granularity', message: 'must be "token" or "char", got "word"' },
    { path: 'settings.allowOverlap', message: 'must be true or false, got "yes"' },
    { path: 'settings.multiLabel', message: 'must be true or false, got 1' },
  ]);
  assert.equal(settingsOf({ maxHeldTasks: 3 }).granularity, 'token', 'projects stored before these settings read the defaults');
});
