import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, chmodSync, existsSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/embedded.ts';

async function query(url: string, text: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try { return (await c.query(text)).rows; } finally { await c.end(); }
}

test('the embedded cluster keeps data across restarts and recovers from a stale lock left by a crash', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cadre-embedded-'));
  chmodSync(dir, 0o755);
  const dataDir = join(dir, 'pg');
  try {
    const first = await startEmbeddedPostgres({ dataDir });
    await query(first.url, 'CREATE TABLE kept (v text); INSERT INTO kept VALUES (\'acknowledged\')');
    // A second process on the same folder shares the running cluster instead of failing.
    const second = await startEmbeddedPostgres({ dataDir });
    assert.equal(second.attached, true);
    assert.deepEqual(await query(second.url, 'SELECT v FROM kept'), [{ v: 'acknowledged' }]);
    await first.stop();

    // A crash leaves postmaster.pid behind, naming a pid that is now some other process.
    const lock = join(dataDir, 'postmaster.pid');
    writeFileSync(lock, `${process.pid}\n${dataDir}\n0\n5432\n`);
    assert.ok(readFileSync(lock, 'utf8').startsWith(String(process.pid)));
    const third = await startEmbeddedPostgres({ dataDir });
    assert.equal(third.attached, false);
    assert.deepEqual(await query(third.url, 'SELECT v FROM kept'), [{ v: 'acknowledged' }]);
    await third.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a cluster left running by a Cadre that was killed is stopped cleanly and started again by the next one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cadre-orphan-'));
  chmodSync(dir, 0o755);
  const dataDir = join(dir, 'pg');
  const script = `
    import { startEmbeddedPostgres } from ${JSON.stringify(new URL('../src/embedded.ts', import.meta.url).href)};
    import pg from 'pg';
    const r = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)} });
    const c = new pg.Client({ connectionString: r.url }); await c.connect();
    await c.query("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('before the crash')"); await c.end();
    console.log('ready');
    setInterval(() => {}, 1000);`;
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('ready')) resolve(); });
      child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    child.kill('SIGKILL'); // the owner dies; its PostgreSQL keeps running, orphaned
    await new Promise((r) => child.once('exit', r));
    const next = await startEmbeddedPostgres({ dataDir });
    assert.equal(next.attached, false, 'the orphan was stopped and a cluster of our own started');
    assert.deepEqual(await query(next.url, 'SELECT v FROM kept'), [{ v: 'before the crash' }]);
    await next.stop();
    assert.equal(existsSync(join(dataDir, 'postmaster.pid')), false, 'stopped for real');
  } finally {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a cluster run by a live Cadre whose process is not named node is found by its lock and shared, not stopped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cadre-shared-'));
  chmodSync(dir, 0o755);
  const dataDir = join(dir, 'pg');
  // Packaged or wrapped Cadre processes have other names than `node` (here: `cadre-server`).
  const renamed = join(dir, 'cadre-server');
  symlinkSync(process.execPath, renamed);
  const script = `
    import { startEmbeddedPostgres } from ${JSON.stringify(new URL('../src/embedded.ts', import.meta.url).href)};
    const r = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)} });
    console.log('ready ' + r.url);
    setInterval(() => {}, 1000);`;
  const { spawn } = await import('node:child_process');
  const child = spawn(renamed, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const theirUrl = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => { const m = /ready (\S+)/.exec(d.toString()); if (m) resolve(m[1]!); });
      child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    const lockPid = () => Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const before = lockPid();
    const next = await startEmbeddedPostgres({ dataDir });
    assert.equal(next.attached, true, 'the running cluster is shared');
    assert.equal(lockPid(), before, 'the same postmaster still runs');
    assert.deepEqual(await query(theirUrl, 'SELECT 1 AS up'), [{ up: 1 }], 'the other Cadre still reaches its database');
    await next.stop();
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
});
