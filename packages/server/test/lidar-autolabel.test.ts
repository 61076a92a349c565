// The LiDAR auto-labeller as a worker of the line, through the HTTP API and the job runner, on the
// SUSTechPOINTS sequence in ../shared/data: the annotator holding the sequence asks for it from the
// workspace (POST /api/items/:id/autolabel), the job's progress counts frames, and the proposals come
// back as the model's one prediction: cuboids in the project's classes on every frame, linked into
// tracks of one size, most of them on vehicles the dataset labels. What a person would check: the
// boxes are there, on the right cars, and the same car keeps its track from frame to frame.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { MachineJob, ModelReport } from '@cadre/contract';
import { randomUUID } from 'node:crypto';
import { bevIou } from '@cadre/core';
import { parseSustechLabels } from '@cadre/pointcloud';
import { buildApp, dispenser, importer, lidar, machine, projectService, submissions, type Actor } from '../src/index.ts';
import { needsSharedData, SHARED_DATA } from '../src/import/testing.ts';
import { harness, signIn, type Harness } from './harness.ts';
import { sleep } from './cadre-process.ts';

const SCENE = fileURLToPath(new URL('lidar/sustech-seq', SHARED_DATA));
const FRAMES = ['000950', '000965', '000970', '000975'];
const ontology = { classes: ['Car', 'Pedestrian', 'Bus', 'Truck'].map((name) => ({ name, kind: 'cuboid3d', attributes: [] })) };
const media = { mediaDir: '/nonexistent/media', roots: [join(SCENE, '..')] };

let h: Harness;
let app: FastifyInstance;
let projectId: string;
let itemId: string;
let worker: Actor;
const cookies: Record<string, string> = {};

before(async () => {
  h = await harness();
  app = await buildApp(h.deps, { media });
  if ('skip' in needsSharedData) return;
  projectId = (await projectService.createProject(h.deps, h.admin, { name: 'Lidar auto-label', ontology, settings: { stages: ['annotate'] } })).id;
  await importer.importRows(h.deps, h.admin, lidar.sustechRows(SCENE), { projectId, file: SCENE, format: 'folder', skipInvalid: false });
  itemId = (await h.deps.db.selectFrom('items').select('id').where('project_id', '=', projectId).executeTakeFirstOrThrow()).id;
  for (const [name, role] of [['worker', 'annotator'], ['other', 'annotator'], ['outsider', null]] as const) {
    const actor = await h.user(`${name}@test.local`);
    if (role) await h.member(projectId, actor, role);
    cookies[name] = await signIn(app, `${name}@test.local`, 'user-password');
    if (name === 'worker') worker = actor;
  }
  cookies.admin = await signIn(app, 'admin@test.local', 'admin-password');
});
after(async () => { await app.close(); await h.close(); });

const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) });

interface Box { label: string; kind: string; frame: number; trackId: string; keyframe: boolean; score: number; geometry: { x: number; y: number; z: number; dx: number; dy: number; dz: number; yaw: number } }

const truth = FRAMES.map((f) => parseSustechLabels(readFileSync(join(SCENE, 'label', `${f}.json`), 'utf8'))
  .filter((b) => ['Car', 'Truck', 'Bus', 'Van'].includes(b.label)));

test('the annotator holding a sequence auto-labels it from the workspace: progress by frame, cuboids on every frame in the project\'s classes, tracks of one size on the labelled vehicles', needsSharedData, async () => {
  // Only the person working on the item (or a manager) may run the machine on it; others hear why.
  assert.equal((await call('POST', `/api/items/${itemId}/autolabel`, 'outsider', {})).statusCode, 404);
  const notHers = await call('POST', `/api/items/${itemId}/autolabel`, 'worker', {});
  assert.equal(notHers.statusCode, 403, notHers.body);
  assert.match(notHers.json().error.message, /an item you are working on/);

  const view = (await dispenser.claimNextView(h.deps, worker, projectId))!;
  assert.equal(view.item.id, itemId);
  const started = await call('POST', `/api/items/${itemId}/autolabel`, 'worker', {});
  assert.equal(started.statusCode, 201, started.body);
  const job = started.json() as MachineJob;
  assert.equal(job.scope, 'item');
  assert.equal(job.itemId, itemId);
  assert.equal(job.modelLabel, 'cadre-lidar@1', 'with no LiDAR model of its own, the project gets the shipped one');
  assert.equal((await call('POST', `/api/items/${itemId}/autolabel`, 'worker', {})).json().id, job.id, 'asking again while it runs is the same job');

  const runner = await machine.startJobRunner(h.deps, { media });
  const seen = new Set<number>();
  let last: MachineJob;
  try {
    const end = Date.now() + 120_000;
    for (;;) {
      last = (await call('GET', `/api/jobs/${job.id}`, 'worker')).json() as MachineJob;
      if (last.state === 'running') seen.add(last.done);
      if (['done', 'failed', 'cancelled'].includes(last.state)) break;
      assert.ok(Date.now() < end, `the job is still ${last.state} at ${last.done}/${last.total}`);
      await sleep(20);
    }
  } finally {
    await runner.stop();
  }
  assert.equal(last.state, 'done', `${last.error ?? ''} ${JSON.stringify(last.failures)}`);
  assert.deepEqual([last.done, last.failed, last.total], [FRAMES.length, 0, FRAMES.length], 'progress counts the frames');
  assert.ok([...seen].some((d) => d > 0 && d < FRAMES.length), `the bar moved between frames (seen ${[...seen].join(', ')})`);
  assert.equal((await call('GET', `/api/jobs/${job.id}`, 'other')).statusCode, 403, 'another annotator may not read her job');

  // The proposals are in the task as the model's prediction, as any model's pre-labels.
  const again = await dispenser.getTask(h.deps, worker, view.task.id);
  const mine = again.predictions.filter((p) => p.modelVersion === 'cadre-lidar@1');
  assert.equal(mine.length, 1);
  const boxes = mine[0]!.objects as unknown as Box[];
  assert.ok(boxes.every((b) => b.kind === 'cuboid3d' && ['Car', 'Truck', 'Bus'].includes(b.label)), 'cuboids in the project\'s classes');
  assert.ok(boxes.every((b) => Number.isFinite(b.geometry.x) && b.geometry.dx > 0 && b.score >= 0.4 && b.score <= 1));
  assert.deepEqual([...new Set(boxes.map((b) => b.frame))].sort(), [0, 1, 2, 3], 'every frame has proposals');

  // One size per track: a rigid object does not grow or shrink between frames.
  const tracks = new Map<string, Box[]>();
  for (const b of boxes) tracks.set(b.trackId, [...(tracks.get(b.trackId) ?? []), b]);
  for (const [id, t] of tracks) {
    const sizes = new Set(t.map((b) => `${b.geometry.dx}/${b.geometry.dy}/${b.geometry.dz}`));
    assert.equal(sizes.size, 1, `track ${id} has one size (${[...sizes].join(', ')})`);
    assert.equal(new Set(t.map((b) => b.frame)).size, t.length, `track ${id} has one box a frame`);
  }

  // On the labelled vehicles: each frame's proposals meet most of what the dataset labels near the
  // sensor, and a vehicle seen in every frame keeps one track id from the first to the last.
  let matched = 0, near = 0, right = 0;
  const trackOf = new Map<string, Set<string>>();
  for (const [f, labelled] of truth.entries()) {
    const mineHere = boxes.filter((b) => b.frame === f);
    for (const v of labelled) {
      const g = v.geometry;
      if (Math.hypot(g.x, g.y) > 30) continue;
      near++;
      const hit = mineHere.find((b) => bevIou(b.geometry, g) >= 0.5);
      if (!hit) continue;
      matched++;
      if (v.trackId) trackOf.set(v.trackId, (trackOf.get(v.trackId) ?? new Set()).add(`${f}:${hit.trackId}`));
    }
    right += mineHere.filter((b) => labelled.some((v) => bevIou(b.geometry, v.geometry) >= 0.5)).length;
  }
  const recall = matched / near, precision = right / boxes.length;
  console.log(`auto-label on sustech-seq: ${matched}/${near} labelled vehicles within 30 m found (${(recall * 100).toFixed(0)}%), ${right}/${boxes.length} proposals on a labelled vehicle, ${tracks.size} tracks`);
  assert.ok(recall >= 0.6, `found ${matched} of ${near} labelled vehicles within 30 m`);
  assert.ok(precision >= 0.5, `${right} of ${boxes.length} proposals are on a labelled vehicle`);
  const wholeTracks = [...trackOf.values()].filter((s) => s.size === FRAMES.length && new Set([...s].map((x) => x.split(':')[1])).size === 1);
  assert.ok(wholeTracks.length >= 1, 'a vehicle found in every frame keeps one track id');

  // Asked again, it says the proposals are there already instead of stacking a second set.
  const twice = await call('POST', `/api/items/${itemId}/autolabel`, 'worker', {});
  assert.equal(twice.statusCode, 409);
  assert.match(twice.json().error.message, /proposals already/);

  // The annotator deletes the second proposal, moves the first 0.2 m, keeps the rest and draws one the machine missed; the model
  // report counts the 3D proposals' outcomes as it does 2D ones.
  const [edited, , ...kept] = mine[0]!.objects as unknown as (Box & { id: string })[];
  const accept = (b: Box & { id: string }) => { const { score: _s, id, ...rest } = b; return { ...rest, id: randomUUID(), origin: 'prediction_accepted', predictionId: id, attributes: {} }; };
  const drawn = { id: randomUUID(), label: 'Car', kind: 'cuboid3d', attributes: {}, frame: 0, trackId: randomUUID(), keyframe: true, origin: 'human', geometry: { x: 60, y: 60, z: 1, dx: 4, dy: 2, dz: 1.5, yaw: 0 } };
  const moved = { ...accept(edited!), origin: 'prediction_edited', geometry: { ...edited!.geometry, x: edited!.geometry.x + 0.2 } };
  await submissions.submit(h.deps, worker, view.task.id, randomUUID(), { schemaVersion: 1, objects: [...kept.map(accept), moved, drawn] });
  const report = (await call('GET', `/api/projects/${projectId}/model-report`, 'admin')).json() as ModelReport;
  const lidarModel = report.models.find((m) => m.name === 'cadre-lidar')!;
  assert.ok(lidarModel, `the report lists the LiDAR model (it lists ${report.models.map((m) => m.name).join(', ')})`);
  assert.deepEqual([lidarModel.items, lidarModel.outcomes.accepted, lidarModel.outcomes.edited, lidarModel.outcomes.deleted, lidarModel.outcomes.drawn],
    [1, kept.length, 1, 1, 1], JSON.stringify(lidarModel.outcomes));
});

test('auto-label refuses what it cannot label, in words: an image item, an image model, a lidar spec with unknown fields', needsSharedData, async () => {
  const images = (await projectService.createProject(h.deps, h.admin, { name: 'Images', ontology: { classes: [{ name: 'car', kind: 'bbox2d', attributes: [] }] }, settings: { stages: ['annotate'] } })).id;
  await h.importText(images, JSON.stringify({ data: { image: 'https://example.com/a.jpg' } }));
  const image = (await h.deps.db.selectFrom('items').select('id').where('project_id', '=', images).executeTakeFirstOrThrow()).id;
  const res = await call('POST', `/api/items/${image}/autolabel`, 'admin', {});
  assert.equal(res.statusCode, 422);
  assert.match(res.json().error.message, /image item: auto-label labels point clouds/);
  const spec = await call('POST', '/api/models', 'admin', { name: 'lidar-x', version: '1', spec: { type: 'lidar', file: '/x.onnx', maxRange: 2 } });
  assert.equal(spec.statusCode, 422);
  assert.match(spec.json().error.message, /spec.maxRange: metres from 5 to 250/);
  assert.match(spec.json().error.message, /takes minScore, maxRange and url \(with headers, timeoutMs, tries, backoffMs\) only \(not file\)/);
  // Its classes go to cuboid classes only.
  const model = (await call('POST', '/api/models', 'admin', { name: 'lidar-y', version: '1', spec: { type: 'lidar', maxRange: 50 } })).json() as { id: string; classes: string[] };
  assert.deepEqual(model.classes, ['car', 'truck', 'bus']);
  const wrong = await call('PUT', `/api/projects/${images}/models/${model.id}`, 'admin', { classMap: { car: 'car' } });
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.json().error.message, /the LiDAR auto-labeller's proposals go to cuboid \(cuboid3d\) classes/);
});
