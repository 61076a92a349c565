// Pointing Cadre at an empty database must not pass unnoticed: start-up says so, loudly, naming it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createTestDatabase } from '@cadre/db/testing';

const bin = fileURLToPath(new URL('../../cli/bin/cadre.mjs', import.meta.url));

test('starting on an empty database prints a banner naming it (host, port, database, never the password); a second start does not', async () => {
  const t = await createTestDatabase({ max: 1 });
  const name = `cadre_empty_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: t.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(t.url);
  url.pathname = `/${name}`;
  const start = () => spawnSync(process.execPath, [bin, 'migrate'], {
    env: { ...process.env, DATABASE_URL: url.toString(), CADRE_DEMO: 'false' }, encoding: 'utf8', timeout: 120_000,
  });
  try {
    const first = start();
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stderr, /Cadre initialized an EMPTY database/);
    assert.ok(first.stderr.includes(`${url.hostname}:${url.port}/${name}`), `the banner names host, port and database: ${first.stderr}`);
    assert.ok(!first.stderr.includes(decodeURIComponent(url.password)), 'the password is not printed');

    const second = start();
    assert.equal(second.status, 0, second.stderr);
    assert.doesNotMatch(second.stderr, /EMPTY database/, 'a database Cadre already set up starts quietly');
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await t.close();
  }
});
