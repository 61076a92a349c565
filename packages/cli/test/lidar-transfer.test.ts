// `cadre import` of a SUSTechPOINTS folder (detected), accepted through the services, then
// `cadre export --format sustech|boxes|kitti` as a person would run them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@cadre/db/testing';
import { dispenser, projectService, submissions, type ServiceDeps } from '@cadre/server';
import { needsSharedData, SHARED_DATA } from '../../server/src/import/testing.ts';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/cadre.mjs', import.meta.url));
const SCENE = fileURLToPath(new URL('lidar/sustech-seq', SHARED_DATA));
let t: TestDatabase;
let dir: string;

before(async () => {
  t = await createTestDatabase({ max: 4 });
  dir = mkdtempSync(join(tmpdir(), 'cadre-cli-lidar-'));
});
after(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const cadre = (...args: string[]) =>
  run(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: t.url, CADRE_ADMIN_PASSWORD: 'first-admin-pw', CADRE_DEMO: 'false' } });

test('import --help names the LiDAR flags and export --help the 3D formats', async () => {
  assert.match((await cadre('import', '--help')).stdout, /--layout <layout>[\s\S]*--per-frame[\s\S]*--boxes <folder>/);
  assert.match((await cadre('export', '--help')).stdout, /sustech[\s\S]*kitti[\s\S]*boxes[\s\S]*--calib <file>/);
});

test('a SUSTechPOINTS folder imports as one sequence and exports as a label folder and as one JSON', needsSharedData, async () => {
  const ontology = join(dir, 'ontology.json');
  writeFileSync(ontology, JSON.stringify({ classes: ['Car', 'Pedestrian', 'Rider', 'Bus', 'Truck', 'Motor'].map((name) => ({ name, kind: 'cuboid3d' })) }));
  const created = JSON.parse((await cadre('project', 'create', '--name', 'CLI lidar', '--ontology', ontology)).stdout.trim().split('\n').at(-1)!);
  const imported = await cadre('import', SCENE, '--project', 'CLI lidar');
  assert.match(imported.stderr, /SUSTechPOINTS folder: one sequence item/);
  assert.match(imported.stdout, /imported 1 items \(1 predictions\)/);

  // The annotator's part, through the services on the same database. The project runs the default
  // workflow, so the submitted work is still under review: the exports ask for the latest work.
  const deps: ServiceDeps = { db: t.db, pool: t.pool };
  const admin = await t.db.selectFrom('users').select(['id', 'is_admin']).where('is_admin', '=', true).executeTakeFirstOrThrow();
  await projectService.setMember(deps, { userId: admin.id, isAdmin: true }, created.id, { userId: admin.id, role: 'annotator' });
  const view = (await dispenser.claimNextView(deps, { userId: admin.id, isAdmin: true }, created.id))!;
  const objects = view.predictions.flatMap((p) => p.objects as Array<{ id: string; score?: number }>)
    .map(({ score: _s, ...p }) => ({ ...p, id: randomUUID(), origin: 'prediction_accepted', predictionId: p.id, keyframe: true }));
  await submissions.submit(deps, { userId: admin.id, isAdmin: true }, view.task.id, randomUUID(), { schemaVersion: 1, objects });

  const out = join(dir, 'sustech');
  const sustech = await cadre('export', '--project', 'CLI lidar', '--format', 'sustech', '--which', 'latest', '--out', out);
  assert.match(sustech.stderr, /wrote 4 files in 1 scene folders under .*<scene>\/label\/<frame>\.json/);
  const exported = JSON.parse(readFileSync(join(out, 'sustech-seq/label/000970.json'), 'utf8')) as Array<{ obj_id: string; psr: { position: { x: number } } }>;
  const original = JSON.parse(readFileSync(join(SCENE, 'label/000970.json'), 'utf8')) as typeof exported;
  assert.deepEqual(exported.map((b) => b.obj_id).sort(), original.map((b) => b.obj_id).sort());

  const boxes = await cadre('export', '--project', 'CLI lidar', '--format', 'boxes', '--which', 'latest');
  assert.equal((JSON.parse(boxes.stdout) as Array<{ boxes: unknown[] }>)[0]!.boxes.length, 87);
  assert.match(boxes.stderr, /one JSON array of 1 items/);

  await assert.rejects(cadre('export', '--project', 'CLI lidar', '--format', 'kitti', '--which', 'latest', '--out', join(dir, 'kitti')), (e: { code: number; stderr: string }) => {
    assert.equal(e.code, 1);
    assert.match(e.stderr, /no KITTI calibration.*--calib/);
    return true;
  });
  await assert.rejects(cadre('export', '--project', 'CLI lidar', '--format', 'sustech'), /writes a folder of files: give it with --out/);
});
