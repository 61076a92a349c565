// Imports take only what fits the project (issue 13, point 2), and real YOLO / COCO labels a hair
// outside their image are clamped at import so they can be submitted (point 9).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp, importer, predictions, projectService } from '../src/index.ts';
import { runMachineStage } from '../src/services/workflow/machine-stage.ts';
import { needsSharedData, SHARED_DATA } from '../src/import/testing.ts';
import { harness, signIn, type Harness } from './harness.ts';

const KITTI = fileURLToPath(new URL('lidar/kitti-dev', SHARED_DATA));
const COCO = fileURLToPath(new URL('images/coco128/', SHARED_DATA));
const IMAGES = `${COCO}images/train2017`;

let h: Harness;
let app: FastifyInstance;
let folder: string;
const cookies: Record<string, string> = {};

before(async () => {
  h = await harness();
  folder = await mkdtemp(join(tmpdir(), 'cadre-kinds-'));
  app = await buildApp(h.deps, { media: { mediaDir: join(folder, 'media'), roots: [folder] } });
  for (const [name, admin] of [['manager', false], ['worker', false]] as const) {
    await h.user(`${name}@kinds.test`);
    cookies[name] = await signIn(app, `${name}@kinds.test`, 'user-password');
    void admin;
  }
});
after(async () => { await app.close(); await h.close(); await rm(folder, { recursive: true, force: true }); });

const userId = async (email: string) => (await h.deps.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

async function projectWith(name: string, ontology: unknown, settings: Record<string, unknown> = { stages: ['annotate'] }): Promise<string> {
  const id = (await projectService.createProject(h.deps, h.admin, { name, ontology, settings })).id;
  await h.member(id, { userId: await userId('manager@kinds.test'), isAdmin: false }, 'manager');
  await h.member(id, { userId: await userId('worker@kinds.test'), isAdmin: false }, 'annotator');
  return id;
}

test('a mixed folder imported into a point-cloud project takes the cloud and lists the calibration and the image as left out, with why', needsSharedData, async () => {
  const mixed = join(folder, 'mixed');
  await mkdir(join(mixed, 'calib'), { recursive: true });
  await copyFile(join(KITTI, 'velodyne/000003.bin'), join(mixed, '000003.bin'));
  await copyFile(join(KITTI, 'calib/000003.txt'), join(mixed, 'calib/000003.txt'));
  await copyFile(join(KITTI, 'image_2/000003.png'), join(mixed, '000003.png'));
  const projectId = await projectWith('Clouds', { classes: [{ name: 'Car', kind: 'cuboid3d' }] });
  const res = await app.inject({ method: 'POST', url: `/api/projects/${projectId}/import/folder`, headers: { cookie: cookies.manager! }, payload: { path: mixed } });
  assert.equal(res.statusCode, 200, res.body);
  const report = res.json();
  assert.equal(report.imported, 1);
  assert.deepEqual(report.leftOut, {
    count: 2,
    files: [
      { file: '000003.png', reason: 'an image file; this is a point-cloud project' },
      { file: 'calib/000003.txt', reason: 'a text file; this is a point-cloud project' },
    ],
  });
  assert.match(report.notes[0], /^2 files left out: 000003\.png: an image file; this is a point-cloud project; calib\/000003\.txt: a text file/);
  const kinds = await h.deps.db.selectFrom('items').select('kind').where('project_id', '=', projectId).execute();
  assert.deepEqual(kinds.map((k) => k.kind), ['pointcloud']);
});

test('an image uploaded into a text project is refused naming the file; into an image project it becomes an item', needsSharedData, async () => {
  const textProject = await projectWith('Reviews', { classes: [{ name: 'positive', kind: 'text_class' }] });
  const bytes = await readFile(join(IMAGES, '000000000009.jpg'));
  const upload = (projectId: string) => app.inject({
    method: 'POST', url: `/api/projects/${projectId}/uploads?name=photo.jpg`, headers: { cookie: cookies.manager!, 'content-type': 'image/jpeg' }, payload: bytes,
  });
  const refused = await upload(textProject);
  assert.equal(refused.statusCode, 422, refused.body);
  assert.equal(refused.json().error.message, 'name: photo.jpg is an image file; this is a text project');
  const imageProject = await projectWith('Photos', { classes: [{ name: 'car', kind: 'bbox2d' }] });
  assert.equal((await upload(imageProject)).statusCode, 201);
});

const SOURCES: Array<[string, predictions.PredictionSource]> = [
  ['YOLO labels', { kind: 'yolo', labelsDir: `${COCO}labels/train2017`, classesFile: `${COCO}config.yaml` }],
  ['COCO JSON', { kind: 'coco', file: `${COCO}instances_train2017_coco128.json` }],
];

for (const [name, source] of SOURCES) {
  test(`coco128 with its ${name}: every imported prediction, submitted as it is, passes the checks`, needsSharedData, async () => {
    const names = predictions.parseClassNames(await readFile(`${COCO}config.yaml`, 'utf8'));
    const ontology = { classes: names.map((n) => ({ name: n, kind: 'bbox2d' })) };
    // Some real boxes are under 4 px or overlap their twin: only the inside-image check is on trial here.
    const projectId = await projectWith(`coco128 ${name}`, ontology, { stages: ['annotate', 'check', 'review'], checks: { minBoxSize: 0, duplicateIou: 1 } });
    const rows = predictions.folderRowsWithPredictions(IMAGES, source);
    const report = await importer.importRows(h.deps, h.admin, rows, { projectId, file: IMAGES, format: 'folder', skipInvalid: false });
    assert.equal(report.imported, 128);
    if (source.kind === 'yolo') {
      assert.ok(report.clamped && report.clamped.boxes > 0 && report.clamped.maxPx < 0.001, JSON.stringify(report.clamped));
      assert.ok(report.notes?.some((n) => /^\d+ boxes clamped into the image by at most 0\.000\d+ px/.test(n)), JSON.stringify(report.notes));
    }
    let submitted = 0;
    for (;;) {
      const next = await app.inject({ method: 'POST', url: `/api/projects/${projectId}/tasks/next`, headers: { cookie: cookies.worker! } });
      const view = next.json().task;
      if (!view) break;
      assert.deepEqual(view.reasons ?? [], [], `${view.item.asset} came back from the checks`);
      const objects = (view.predictions as Array<{ objects: Array<{ id: string; score?: number }> }>).flatMap((p) => p.objects)
        .map(({ score: _s, ...o }) => ({ ...o, id: randomUUID(), origin: 'prediction_accepted', predictionId: o.id }));
      const res = await app.inject({
        method: 'POST', url: `/api/tasks/${view.task.id}/submit`, headers: { cookie: cookies.worker! },
        payload: { submissionId: randomUUID(), annotation: { schemaVersion: 1, objects } },
      });
      assert.equal(res.statusCode, 200, res.body);
      submitted++;
    }
    assert.equal(submitted, 128);
    // The app's own machine worker may hold a task (SKIP LOCKED) while this run passes it by: run
    // until none waits in the check stage.
    for (let round = 0; round < 40; round++) {
      await runMachineStage(h.deps, { media: { mediaDir: join(folder, 'media'), roots: [] } });
      const waiting = await h.deps.db.selectFrom('tasks').select('id').where('project_id', '=', projectId).where('stage', '=', 'check').executeTakeFirst();
      if (!waiting) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const stages = await h.deps.db.selectFrom('tasks').select(['stage', (eb) => eb.fn.countAll<number>().as('n')]).where('project_id', '=', projectId).groupBy('stage').execute();
    assert.deepEqual(stages.map((s) => [s.stage, Number(s.n)]), [['review', 128]], 'no imported box was sent back by the inside-image check');
  });
}
