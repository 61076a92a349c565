// A user's own 3D detector as a worker of the line (a lidar model with a URL): the annotator holding
// the SUSTechPOINTS sequence asks for auto-label with it, each frame's points go to the detector
// (a local server speaking Cadre's contract, docs/models-http.md), and its boxes come back as the
// model's one prediction: mapped to the project's cuboid classes, linked into tracks across the
// frames, the classes the project has no place for counted; a detector that answers nonsense fails
// the item in words, and one that is busy is asked again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { MachineJob } from '@cadre/contract';
import { startCloudModel, type CloudModelServer, type ReceivedFrame } from '@cadre/models/testing';
import { parseSustechLabels, parsePointCloud } from '@cadre/pointcloud';
import { buildApp, dispenser, importer, lidar, machine, projectService, type Actor } from '../src/index.ts';
import { needsSharedData, SHARED_DATA } from '../src/import/testing.ts';
import { harness, signIn, type Harness } from './harness.ts';
import { sleep } from './cadre-process.ts';

const SCENE = fileURLToPath(new URL('lidar/sustech-seq', SHARED_DATA));
const FRAMES = ['000950', '000965', '000970', '000975'];
const ontology = { classes: ['Car', 'Pedestrian', 'Truck'].map((name) => ({ name, kind: 'cuboid3d', attributes: [] })) };
const media = { mediaDir: '/nonexistent/media', roots: [join(SCENE, '..')] };

let h: Harness;
let app: FastifyInstance;
let detector: CloudModelServer;
let worker: Actor;
const cookies: Record<string, string> = {};
const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) });

// The detector answers each frame with the dataset's own labels of that frame (a perfect model),
// Riders included, which the project has no class for.
const labels = FRAMES.map((f) => parseSustechLabels(readFileSync(join(SCENE, 'label', `${f}.json`), 'utf8')));
const answer = (f: ReceivedFrame) => ({
  boxes: labels[f.index!]!.filter((b) => ['Car', 'Truck', 'Pedestrian', 'Rider'].includes(b.label))
    .map((b) => ({ ...b.geometry, class: b.label, score: 0.9 })),
  cost_minor: 1,
});

before(async () => {
  h = await harness();
  app = await buildApp(h.deps, { media });
  detector = await startCloudModel({ answer });
  cookies.admin = await signIn(app, 'admin@test.local', 'admin-password');
});
after(async () => { await app.close(); await h.close(); await detector.close(); });

async function sequenceProject(name: string): Promise<{ projectId: string; itemId: string }> {
  const projectId = (await projectService.createProject(h.deps, h.admin, { name, ontology, settings: { stages: ['annotate'] } })).id;
  await importer.importRows(h.deps, h.admin, lidar.sustechRows(SCENE), { projectId, file: SCENE, format: 'folder', skipInvalid: false });
  const itemId = (await h.deps.db.selectFrom('items').select('id').where('project_id', '=', projectId).executeTakeFirstOrThrow()).id;
  return { projectId, itemId };
}

async function register(version: string, spec: object, classes?: string[]) {
  return call('POST', '/api/models', 'admin', { name: 'pointpillars', version, spec, ...(classes ? { classes } : {}) });
}

async function runToEnd(jobId: string): Promise<MachineJob> {
  const runner = await machine.startJobRunner(h.deps, { media });
  try {
    const end = Date.now() + 120_000;
    for (;;) {
      const job = (await call('GET', `/api/jobs/${jobId}`, 'admin')).json() as MachineJob;
      if (['done', 'failed', 'cancelled'].includes(job.state)) return job;
      assert.ok(Date.now() < end, `the job is still ${job.state} at ${job.done}/${job.total}`);
      await sleep(20);
    }
  } finally {
    await runner.stop();
  }
}

test('a 3D detector at a URL labels the sequence: every frame\'s points sent, its boxes mapped to the project\'s classes and linked into tracks, the unmapped class counted', needsSharedData, async () => {
  const noClasses = await register('0', { type: 'lidar', url: detector.url });
  assert.equal(noClasses.statusCode, 422);
  assert.match(noClasses.json().error.message, /classes: the class names your 3D detector answers/);
  const badUrl = await register('0', { type: 'lidar', url: 'ftp://x' }, ['Car']);
  assert.match(badUrl.json().error.message, /spec\.url: the http\(s\) URL of your 3D detector/);

  const model = (await register('1', { type: 'lidar', url: detector.url, backoffMs: 1 }, ['Car', 'Truck', 'Pedestrian', 'Rider'])).json() as { id: string; type: string };
  const { projectId, itemId } = await sequenceProject('Remote 3D');
  const attached = await call('PUT', `/api/projects/${projectId}/models/${model.id}`, 'admin', {});
  assert.equal(attached.statusCode, 200, attached.body);
  assert.deepEqual(attached.json().classMap, { Car: 'Car', Truck: 'Truck', Pedestrian: 'Pedestrian', Rider: null }, 'classes map by name; Rider has no place');
  worker = await h.user('worker@test.local');
  await h.member(projectId, worker, 'annotator');
  cookies.worker = await signIn(app, 'worker@test.local', 'user-password');
  const view = (await dispenser.claimNextView(h.deps, worker, projectId))!;

  detector.misbehave({ status: 503 });
  const started = await call('POST', `/api/items/${itemId}/autolabel`, 'worker', { modelId: model.id });
  assert.equal(started.statusCode, 201, started.body);
  assert.equal(started.json().modelLabel, 'pointpillars@1');
  const job = await runToEnd(started.json().id);
  assert.equal(job.state, 'done', `${job.error ?? ''} ${JSON.stringify(job.failures)}`);
  assert.deepEqual([job.done, job.failed, job.total], [FRAMES.length, 0, FRAMES.length], JSON.stringify(job));

  // Each frame went once (the busy answer was asked again), whole.
  assert.deepEqual(detector.frames.map((f) => f.index), [0, 1, 2, 3]);
  for (const [i, f] of FRAMES.entries()) {
    const cloud = parsePointCloud(readFileSync(join(SCENE, 'lidar', `${f}.pcd`)), `${f}.pcd`);
    assert.equal(detector.frames[i]!.positions.length, cloud.positions.length, `frame ${f}: every point sent`);
  }

  const task = await dispenser.getTask(h.deps, worker, view.task.id);
  const mine = task.predictions.filter((p) => p.modelVersion === 'pointpillars@1');
  assert.equal(mine.length, 1);
  const boxes = mine[0]!.objects as unknown as Array<{ label: string; frame: number; trackId: string; geometry: { x: number; y: number } }>;
  const expected = labels.flat().filter((b) => ['Car', 'Truck', 'Pedestrian'].includes(b.label)).length;
  assert.equal(boxes.length, expected, 'one box for each of the detector\'s boxes in a class the project has (none dropped, none added)');
  assert.ok(boxes.every((b) => ['Car', 'Truck', 'Pedestrian'].includes(b.label)));
  // Tracks: the same labelled object (SUSTechPOINTS' obj_id) keeps one track across the frames.
  const byObject = new Map<string, Set<string>>();
  for (const [f, frameLabels] of labels.entries()) {
    for (const l of frameLabels.filter((b) => b.label === 'Car' && b.trackId)) {
      const hit = boxes.find((b) => b.frame === f && Math.hypot(b.geometry.x - l.geometry.x, b.geometry.y - l.geometry.y) < 0.05);
      assert.ok(hit, `frame ${f}: car ${l.trackId} is proposed`);
      byObject.set(l.trackId!, (byObject.get(l.trackId!) ?? new Set()).add(hit.trackId));
    }
  }
  const seenAll = [...byObject.entries()].filter(([id]) => labels.every((fl) => fl.some((b) => b.trackId === id)));
  assert.ok(seenAll.length >= 3, `${seenAll.length} cars in every frame`);
  for (const [id, tracks] of seenAll) assert.equal(tracks.size, 1, `car ${id} keeps one track (${[...tracks].join(', ')})`);

  // What the project has no class for is counted on the job, not dropped silently.
  const riders = labels.flat().filter((b) => b.label === 'Rider').length;
  assert.ok(riders > 0, 'the sequence has riders');
  assert.deepEqual(job.unmapped, [{ class: 'Rider', count: riders }]);
});

test('a 3D detector that answers nonsense fails the item in words, naming the field', needsSharedData, async () => {
  const model = (await register('2', { type: 'lidar', url: detector.url, backoffMs: 1 }, ['Car'])).json() as { id: string };
  const { projectId, itemId } = await sequenceProject('Remote 3D, broken');
  await call('PUT', `/api/projects/${projectId}/models/${model.id}`, 'admin', {});
  detector.misbehave({ json: { boxes: [{ x: 1, y: 2, z: 0, dx: 4, dy: -2, dz: 1.5, yaw: 0, class: 'Car' }] } });
  const started = await call('POST', `/api/items/${itemId}/autolabel`, 'admin', { modelId: model.id });
  assert.equal(started.statusCode, 201, started.body);
  const job = await runToEnd(started.json().id);
  assert.equal(job.failed, 1, JSON.stringify(job));
  assert.match(JSON.stringify(job.failures), /boxes\[0\]\.dy as -2, expected a size above 0 metres/);
});

test('the workspace\'s auto-label takes the LiDAR model attached last: a detector attached after the shipped labeller is the one asked', needsSharedData, async () => {
  const { projectId, itemId } = await sequenceProject('Remote 3D, after the shipped one');
  // First use: the shipped labeller is attached and its job queued (no runner here: it is cancelled before it runs).
  const first = await call('POST', `/api/items/${itemId}/autolabel`, 'admin', {});
  assert.equal(first.json().modelLabel, 'cadre-lidar@1');
  assert.equal((await call('POST', `/api/jobs/${first.json().id}/cancel`, 'admin')).statusCode, 200);
  const model = (await register('3', { type: 'lidar', url: detector.url }, ['Car'])).json() as { id: string };
  assert.equal((await call('PUT', `/api/projects/${projectId}/models/${model.id}`, 'admin', {})).statusCode, 200);
  const next = await call('POST', `/api/items/${itemId}/autolabel`, 'admin', {});
  assert.equal(next.statusCode, 201, next.body);
  assert.equal(next.json().modelLabel, 'pointpillars@3');
});
