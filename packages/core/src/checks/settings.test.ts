import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CHECK_SETTINGS, parseCheckSettings } from './settings.ts';

test('an absent checks setting gives the documented defaults', () => {
  const { settings, issues } = parseCheckSettings(undefined);
  assert.deepEqual(issues, []);
  assert.deepEqual(settings, { requireAttributes: true, insideImage: true, minBoxSize: 4, minCuboidPoints: 5, cuboidFaceTolerance: null, duplicateIou: 0.95 });
  assert.deepEqual(parseCheckSettings({}).settings, DEFAULT_CHECK_SETTINGS);
});

test('given keys override the defaults, the rest stay', () => {
  const { settings, issues } = parseCheckSettings({ cuboidFaceTolerance: 0.01, minBoxSize: 0 });
  assert.deepEqual(issues, []);
  assert.equal(settings.cuboidFaceTolerance, 0.01);
  assert.equal(settings.minBoxSize, 0);
  assert.equal(settings.minCuboidPoints, 5);
  assert.ok(Object.isFrozen(settings));
});

test('every bad key is reported at once, with its path and what was wrong', () => {
  const { settings, issues } = parseCheckSettings({ minBoxSize: '4', minCuboidPoints: 2.5, cuboidFaceTolerance: -1, duplicateIou: 1.5, requireAtributes: false, insideImage: 'yes' });
  const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
  assert.deepEqual(Object.keys(byPath).sort(), [
    'settings.checks.cuboidFaceTolerance', 'settings.checks.duplicateIou', 'settings.checks.insideImage',
    'settings.checks.minBoxSize', 'settings.checks.minCuboidPoints', 'settings.checks.requireAtributes',
  ]);
  assert.match(byPath['settings.checks.minBoxSize']!, /number of pixels ≥ 0.*got string "4"/);
  assert.match(byPath['settings.checks.minCuboidPoints']!, /whole number.*got 2.5/);
  assert.match(byPath['settings.checks.cuboidFaceTolerance']!, /metres > 0, or null.*got -1/);
  assert.match(byPath['settings.checks.duplicateIou']!, /\(0, 1\].*got 1.5/);
  assert.match(byPath['settings.checks.requireAtributes']!, /unknown check setting \(known: requireAttributes,/);
  // Bad values fall back to the defaults, so the checks still run.
  assert.equal(settings.minBoxSize, 4);
});

test('a checks setting that is not an object is one issue', () => {
  const { issues } = parseCheckSettings([1]);
  assert.deepEqual(issues, [{ path: 'settings.checks', message: 'must be an object, got an array' }]);
});
