#!/usr/bin/env node
// Runs every test in one node:test run: type-checks first, starts one embedded PostgreSQL
// (unless TEST_DATABASE_URL names a server) shared by all test files, then stops it.
import { spawnSync, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv.slice(2);

function findTests(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findTests(path, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}

const files = only.length > 0 ? only : findTests(join(root, 'packages')).sort();
const run = (label, args) => {
  console.log(`${label} ...`);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
// Real data (../shared/data or CADRE_SHARED_DATA): where a run must have it (CI, or
// CADRE_REQUIRE_SHARED_DATA=1), its absence fails the run here, before anything is skipped.
register();
const { hasSharedData, missingSharedData } = await import('../packages/core/src/testing/shared-data.ts').catch((e) => {
  console.error(`\n${e.message}\n`);
  process.exit(1);
});
if (!hasSharedData) console.log(`note: ${missingSharedData}; the real-data tests will be skipped and counted at the end`);

const tsc = join(root, 'node_modules/typescript/bin/tsc');
if (only.length === 0) {
  run('type-checking', [tsc, '-p', 'tsconfig.json', '--noEmit']);
  run('type-checking the web app', [tsc, '-p', 'packages/web/tsconfig.json', '--noEmit']);
  run('type-checking the 3D engine', [tsc, '-p', 'packages/pointcloud-canvas/tsconfig.json', '--noEmit']);
  run('type-checking the text engine', [tsc, '-p', 'packages/text-canvas/tsconfig.json', '--noEmit']);
}
// Browser tests drive the built app; build it once per run (a few hundred ms).
run('building the web app', [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', 'packages/web']);

const { startTestDatabase } = await import('./test-database.mjs');
const db = await startTestDatabase();
// The usual reporter (spec on a terminal, TAP otherwise) and, after it, the count of skipped tests.
const reporters = ['--test-reporter', process.stdout.isTTY ? 'spec' : 'tap', '--test-reporter-destination', 'stdout',
  '--test-reporter', join(root, 'scripts/skip-summary.mjs'), '--test-reporter-destination', 'stdout'];
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=900000', ...reporters, ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: db.url },
});
const code = await new Promise((resolve) => child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0))));
await db.stop();
process.exit(code);
