import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@cadre/db/testing';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/cadre.mjs', import.meta.url));
let t: TestDatabase;
let dir: string;

before(async () => {
  t = await createTestDatabase({ max: 2 });
  dir = mkdtempSync(join(tmpdir(), 'cadre-cli-'));
});
after(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const cadre = (...args: string[]) =>
  run(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: t.url, CADRE_ADMIN_PASSWORD: 'first-admin-pw', CADRE_DEMO: 'false' } });

test('cadre --help lists the commands', async () => {
  const { stdout } = await cadre('--help');
  for (const c of ['serve', 'migrate', 'user', 'project', 'import', 'export', 'bench']) assert.match(stdout, new RegExp(`\\b${c}\\b`));
});

test('a new user creates a project, imports a file and exports it from the command line', async () => {
  const ontology = join(dir, 'ontology.json');
  writeFileSync(ontology, JSON.stringify({ classes: [{ name: 'car', kind: 'bbox2d' }] }));
  const created = JSON.parse((await cadre('project', 'create', '--name', 'CLI streets', '--ontology', ontology)).stdout.trim().split('\n').at(-1)!);
  assert.equal(created.name, 'CLI streets');

  const rows = join(dir, 'rows.csv');
  writeFileSync(rows, 'image,camera\n/a.jpg,front\n/b.jpg,rear\n');
  const imported = await cadre('import', rows, '--project', 'CLI streets');
  assert.match(imported.stdout, /imported 2 items/);
  assert.match(imported.stderr, /2 rows in/);

  const out = join(dir, 'out.jsonl');
  await cadre('export', '--project', created.id, '--out', out);
  const exported = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(exported.map((r) => [r.data.image, r.metadata.camera, r.annotation]), [['/a.jpg', 'front', null], ['/b.jpg', 'rear', null]]);
});

test('errors name the problem and exit non-zero', async () => {
  const ontology = join(dir, 'bad.json');
  writeFileSync(ontology, JSON.stringify({ classes: [{ name: 'car', kind: 'hexagon' }] }));
  await assert.rejects(cadre('project', 'create', '--name', 'Bad', '--ontology', ontology), (e: { code: number; stderr: string }) => {
    assert.equal(e.code, 1);
    assert.match(e.stderr, /classes\[0\]\.kind/);
    return true;
  });
  const rows = join(dir, 'bad.jsonl');
  writeFileSync(rows, '{"data":{"image":"a.jpg"}}\n{"data":{}}\n');
  await assert.rejects(cadre('import', rows, '--project', 'CLI streets'), (e: { stderr: string }) => {
    assert.match(e.stderr, /bad\.jsonl line 2: data/);
    return true;
  });
});

test('cadre export --out s3://… names the setting to set when no bucket is configured (see packages/server/test/s3-media.test.ts)', async () => {
  await assert.rejects(cadre('export', '--project', 'CLI streets', '--out', 's3://cadre-exports/streets.jsonl'), (e: { code: number; stderr: string }) => {
    assert.equal(e.code, 1);
    assert.match(e.stderr, /error: cannot export to s3:\/\/cadre-exports\/streets\.jsonl: this server reads no S3 buckets \(CADRE_S3_BUCKETS is not set\)/);
    return true;
  });
});

test('cadre user password sets a new password for someone who forgot theirs', async () => {
  await cadre('user', 'add', '--email', 'forgot@cli.test', '--password', 'the old password');
  await assert.rejects(cadre('user', 'password', '--email', 'forgot@cli.test', '--password', 'short'), (e: { code: number; stderr: string }) => {
    assert.equal(e.code, 1);
    assert.match(e.stderr, /password: must be at least 8 characters/);
    return true;
  });
  assert.match((await cadre('user', 'password', '--email', 'forgot@cli.test', '--password', 'the new password')).stdout, /password set for forgot@cli\.test/);
  const { auth } = await import('@cadre/server');
  const deps = { db: t.db, pool: t.pool };
  assert.equal((await auth.login(deps, 'forgot@cli.test', 'the new password')).user.email, 'forgot@cli.test');
  await assert.rejects(auth.login(deps, 'forgot@cli.test', 'the old password'), /wrong email or password/);
});
