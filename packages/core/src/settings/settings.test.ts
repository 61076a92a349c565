import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS, parseSettings, patchSettings, settingsOf } from './index.ts';

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

test('every bad key is reported at once with its field name; unknown keys are refused', () => {
  const { issues } = parseSettings({ dailyCap: -1, timeZone: 'Mars/Olympus', stages: ['review'], leaseSecs: 60 });
  assert.deepEqual(issues.map((i) => i.path), ['settings.dailyCap', 'settings.timeZone', 'settings.stages', 'settings.leaseSecs']);
  assert.match(issues[1]!.message, /time zone name/);
  assert.equal(issues[2]!.message, 'must start with "annotate" (or "prelabel" then "annotate")');
  assert.match(issues[3]!.message, /^unknown setting \(known: leaseSeconds, /);
  assert.deepEqual(parseSettings([1]).issues, [{ path: 'settings', message: 'must be an object' }]);
});

test('a PATCH changes only what it names and keeps the rest of the current settings', () => {
  const current = settingsOf({ dailyCap: 5, reviewRate: 0.5 });
  const { settings, issues } = patchSettings(current, { reviewRate: 0.25, checks: { minBoxSize: 8 } });
  assert.deepEqual(issues, []);
  assert.deepEqual([settings.dailyCap, settings.reviewRate, settings.checks.minBoxSize, settings.checks.duplicateIou], [5, 0.25, 8, 0.95]);
  const bad = patchSettings(current, { reviewRate: 2 });
  assert.deepEqual(bad.issues, [{ path: 'settings.reviewRate', message: 'must be a number from 0 to 1, got 2' }]);
  assert.equal(bad.settings.reviewRate, 0.5, 'a bad value keeps the current one');
});

test('stored settings are parsed once: the same stored object, or the parsed one, gives back the same settings', () => {
  const stored = { qaBatchBy: 'count', qaBatchSize: 7 };
  const a = settingsOf(stored);
  assert.equal(settingsOf(stored), a);
  assert.equal(settingsOf(a), a);
  assert.ok(Object.isFrozen(a));
  assert.deepEqual([a.qaBatchBy, a.qaBatchSize, a.leaseSeconds], ['count', 7, 1800]);
  assert.equal(settingsOf({ dailyCap: 'lots' }).dailyCap, 0, 'a bad stored value reads its default');
});
