import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, chmodSync } from 'node:fs';
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
