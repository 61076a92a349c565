// What a person running the tests sees when the real data is missing: where it is not required,
// the real-data tests skip and the run ends with their count and the reason; under CI (or
// CADRE_REQUIRE_SHARED_DATA=1) the run fails at once, naming the folder it looked in.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(import.meta.dirname, '../../../..');
const fixture = join(import.meta.dirname, 'fixtures/needs-data.fixture.ts');
const missing = '/nonexistent/cadre-shared-data';

function runFixture(env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'CI' && k !== 'CADRE_REQUIRE_SHARED_DATA' && k !== 'NODE_TEST_CONTEXT'));
  return spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter', 'tap', '--test-reporter-destination', 'stdout',
    '--test-reporter', join(root, 'scripts/skip-summary.mjs'), '--test-reporter-destination', 'stdout', fixture], {
    cwd: root, encoding: 'utf8', env: { ...clean, CADRE_SHARED_DATA: missing, ...env },
  });
}

test('without the data, the real-data test is skipped and the summary counts it with the reason', () => {
  const r = runFixture({});
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /# skipped: 1 test\n/);
  assert.match(r.stdout, new RegExp(`1 because real data not found at ${missing}`));
  assert.match(r.stdout, /needs-data\.fixture\.ts/);
});

test('under CI, or when required, missing data fails the run and says where it looked', () => {
  for (const env of [{ CI: 'true' }, { CADRE_REQUIRE_SHARED_DATA: '1' }] as Record<string, string>[]) {
    const r = runFixture(env);
    assert.notEqual(r.status, 0, `${JSON.stringify(env)}: the run must fail`);
    assert.match(r.stdout + r.stderr, new RegExp(`real data not found at ${missing}.*this run requires it`));
  }
  assert.equal(runFixture({ CI: 'true', CADRE_REQUIRE_SHARED_DATA: '0' }).status, 0, 'CADRE_REQUIRE_SHARED_DATA=0 allows a CI run without it');
});
