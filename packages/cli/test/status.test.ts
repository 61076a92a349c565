// `cadre status` asks a running server over HTTP through the contract's typed client: a real
// `cadre serve` process on the test database, a real API token, and the errors a person meets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@cadre/db/testing';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/cadre.mjs', import.meta.url));
let t: TestDatabase;
let server: ChildProcess;
let url: string;
let token: string;

const env = () => ({ ...process.env, DATABASE_URL: t.url, CADRE_ADMIN_PASSWORD: 'first-admin-pw', CADRE_DEMO: 'false' });
const cadre = (...args: string[]) => run(process.execPath, [bin, ...args], { env: { ...env(), CADRE_TOKEN: '' } });

async function freePort(): Promise<number> {
  const s = createServer().listen(0, '127.0.0.1');
  await once(s, 'listening');
  const port = (s.address() as { port: number }).port;
  s.close();
  return port;
}

before(async () => {
  t = await createTestDatabase({ max: 2 });
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [bin, 'serve'], { env: { ...env(), PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  server.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  while (!out.includes('Cadre is serving')) {
    if (server.exitCode !== null) throw new Error(`cadre serve exited: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const { auth, userService } = await import('@cadre/server');
  const deps = { db: t.db, pool: t.pool };
  const admin = await userService.commandLineActor(deps);
  token = (await auth.createApiToken(deps, admin, 'cli status test')).token;
});

after(async () => {
  server?.kill('SIGTERM');
  if (server && server.exitCode === null) await once(server, 'exit');
  await t.close();
});

test('cadre status lists the projects on a running server with their tasks, through the typed client', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cadre-status-'));
  try {
    writeFileSync(join(dir, 'ontology.json'), JSON.stringify({ classes: [{ name: 'car', kind: 'bbox2d' }] }));
    writeFileSync(join(dir, 'rows.csv'), 'image\n/a.jpg\n/b.jpg\n');
    await cadre('project', 'create', '--name', 'Remote streets', '--ontology', join(dir, 'ontology.json'));
    await cadre('project', 'create', '--name', 'Remote empty', '--ontology', join(dir, 'ontology.json'));
    await cadre('import', join(dir, 'rows.csv'), '--project', 'Remote streets');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const { stdout } = await cadre('status', '--server', url, '--token', token);
  assert.match(stdout, /^Remote streets: 2 items; tasks 2 open$/m);
  assert.match(stdout, /^Remote empty: 0 items; no tasks$/m);
  const json = JSON.parse((await cadre('status', '--server', url, '--token', token, '--json')).stdout) as { name: string; items: number }[];
  assert.deepEqual(json.map((p) => [p.name, p.items]).sort(), [['Remote empty', 0], ['Remote streets', 2]]);
});

test('cadre status says what is wrong: no token, a wrong token, a server that is not there, a bad URL', async () => {
  const fails = async (args: string[], message: RegExp) => assert.rejects(cadre('status', ...args), (e: { code: number; stderr: string }) => {
    assert.equal(e.code, 1);
    assert.match(e.stderr, message);
    return true;
  });
  await fails(['--server', url], /needs an API token/);
  await fails(['--server', url, '--token', 'not-a-token'], /answered 401/);
  await fails(['--server', `http://127.0.0.1:${await freePort()}`, '--token', token], /cannot reach/);
  await fails(['--server', 'localhost-8080', '--token', token], /--server must be a URL/);
});
