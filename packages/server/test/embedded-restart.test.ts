// Cadre's own PostgreSQL dies (kill -9 of the postmaster): the server starts it again and serves on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveCadre, sleep, stopCadre } from './cadre-process.ts';

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

test('a killed embedded PostgreSQL is started again by Cadre, which serves on with the data it had', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cadre-restart-'));
  chmodSync(dir, 0o755);
  const lock = join(dir, 'pg', 'postmaster.pid');
  const postmaster = () => (existsSync(lock) ? Number(readFileSync(lock, 'utf8').split('\n')[0]) : null);
  const server = await serveCadre({ CADRE_DATA_DIR: dir, CADRE_ADMIN_EMAIL: 'first@test.local', CADRE_ADMIN_PASSWORD: 'first-admin-password' });
  const signIn = () => fetch(`${server.base}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'first@test.local', password: 'first-admin-password' }),
  });
  try {
    assert.equal((await signIn()).status, 200);
    const killed = postmaster();
    assert.ok(killed && alive(killed), 'the embedded PostgreSQL runs');
    process.kill(killed, 'SIGKILL');

    let health = 0;
    for (let i = 0; i < 300 && health !== 200; i++) {
      await sleep(200);
      health = await fetch(`${server.base}/api/health`).then((r) => r.status, () => -1);
      assert.notEqual(health, -1, 'the server answers throughout');
    }
    assert.equal(health, 200, `the database is back (the server said: ${server.stderr().slice(-1500)})`);
    const restarted = postmaster();
    assert.ok(restarted && restarted !== killed && alive(restarted), 'a new postmaster runs');
    assert.equal(server.child.exitCode, null, 'the server kept running');
    assert.equal((await signIn()).status, 200, 'the administrator made before the crash signs in');
    assert.match(server.stderr(), /embedded PostgreSQL in .* is not running; starting it again/);
  } finally {
    await stopCadre(server.child);
    assert.equal(existsSync(lock), false, 'stopping Cadre stopped its PostgreSQL');
    rmSync(dir, { recursive: true, force: true });
  }
});
