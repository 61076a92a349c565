import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp, dispenser, importer, lidar, projectService, submissions, type Actor } from '../src/index.ts';
import { needsSharedData, SHARED_DATA } from '../src/import/testing.ts';
import { harness, signIn, type Harness, SUBMIT_IS_FINAL } from './harness.ts';

const SCENE = fileURLToPath(new URL('lidar/sustech-seq', SHARED_DATA));
const ontology = { classes: ['Car', 'Pedestrian', 'Rider', 'Bus', 'Truck', 'Motor'].map((name) => ({ name, kind: 'cuboid3d', attributes: [] })) };

let h: Harness;
let app: FastifyInstance;
let projectId: string;
let itemId: string;
const cookies: Record<string, string> = {};

before(async () => {
  h = await harness();
  app = await buildApp(h.deps, { media: { mediaDir: '/nonexistent/media', roots: [join(SCENE, '..')] } });
  if ('skip' in needsSharedData) return;
  projectId = (await projectService.createProject(h.deps, h.admin, { name: 'Lidar HTTP', ontology, settings: SUBMIT_IS_FINAL })).id;
  await importer.importRows(h.deps, h.admin, lidar.sustechRows(SCENE), { projectId, file: SCENE, format: 'folder', skipInvalid: false });
  itemId = (await h.deps.db.selectFrom('items').select('id').where('project_id', '=', projectId).executeTakeFirstOrThrow()).id;
  for (const [name, role] of [['worker', 'annotator'], ['manager', 'manager'], ['outsider', null]] as const) {
    const actor = await h.user(`${name}@test.local`);
    if (role) await h.member(projectId, actor, role);
    cookies[name] = await signIn(app, `${name}@test.local`, 'user-password');
    if (name === 'worker') await acceptAll(actor);
  }
});
after(async () => { await app.close(); await h.close(); });

async function acceptAll(worker: Actor) {
  const view = (await dispenser.claimNextView(h.deps, worker, projectId))!;
  const objects = view.predictions.flatMap((p) => p.objects as Array<{ id: string; score?: number }>)
    .map(({ score: _s, ...p }) => ({ ...p, id: randomUUID(), origin: 'prediction_accepted', predictionId: p.id, keyframe: true }));
  await submissions.submit(h.deps, worker, view.task.id, randomUUID(), { schemaVersion: 1, objects });
}

const get = (url: string, who: string) => app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });

/** The files of a ustar archive by path. */
function untar(buf: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  for (let at = 0; at + 512 <= buf.length;) {
    const name = buf.subarray(at, at + 100).toString('utf8').replace(/\0.*$/s, '');
    if (name === '') break;
    const prefix = buf.subarray(at + 345, at + 500).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(buf.subarray(at + 124, at + 136).toString('ascii'), 8);
    out.set(prefix ? `${prefix}/${name}` : name, buf.subarray(at + 512, at + 512 + size).toString('utf8'));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

test("a camera's image of a frame is served to project members, with clear answers for no camera or no image", needsSharedData, async () => {
  const res = await get(`/api/items/${itemId}/asset?frame=1&camera=front`, 'worker');
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'image/jpeg');
  assert.deepEqual(res.rawPayload, await readFile(join(SCENE, 'camera/front/000965.jpg')));
  const noImage = await get(`/api/items/${itemId}/asset?frame=0&camera=front`, 'worker');
  assert.equal(noImage.statusCode, 404);
  assert.match(noImage.json().error.message, /camera "front" has no image for frame 0/);
  const noCamera = await get(`/api/items/${itemId}/asset?frame=1&camera=rear`, 'worker');
  assert.equal(noCamera.statusCode, 404);
  assert.match(noCamera.json().error.message, /no camera "rear" \(it has "front", "left", "right"\)/);
  assert.equal((await get(`/api/items/${itemId}/asset?frame=1&camera=front`, 'outsider')).statusCode, 404);
  assert.equal((await get(`/api/items/${itemId}/asset?frame=3`, 'worker')).statusCode, 200, 'the cloud of a frame still comes without camera');
});

test('export ?format=sustech is a tar of the label folder, ?format=boxes one JSON; only for managers and clients', needsSharedData, async () => {
  const tar = await get(`/api/projects/${projectId}/export?format=sustech`, 'manager');
  assert.equal(tar.statusCode, 200);
  assert.equal(tar.headers['content-type'], 'application/x-tar');
  const files = untar(tar.rawPayload);
  assert.deepEqual([...files.keys()], ['000950', '000965', '000970', '000975'].map((f) => `sustech-seq/label/${f}.json`));
  const boxes = JSON.parse(files.get('sustech-seq/label/000975.json')!) as unknown[];
  assert.equal(boxes.length, 24);
  const json = await get(`/api/projects/${projectId}/export?format=boxes`, 'manager');
  assert.equal(json.statusCode, 200);
  assert.equal((json.json() as Array<{ boxes: unknown[] }>)[0]!.boxes.length, 87);
  const info = await get(`/api/projects/${projectId}/export?format=nuscenes`, 'manager');
  assert.equal(info.statusCode, 200);
  const doc = info.json() as { metainfo: { categories: Record<string, number> }; data_list: Array<{ token: string; lidar_points: { lidar_path: string }; instances: Array<{ bbox_label_3d: number }> }> };
  assert.deepEqual(doc.data_list.map((s) => s.lidar_points.lidar_path), ['000950', '000965', '000970', '000975'].map((f) => `${f}.pcd`), 'a sequence gives one sample a frame');
  assert.equal(doc.data_list.flatMap((s) => s.instances).length, 87);
  assert.ok(doc.data_list.flatMap((s) => s.instances).every((i) => Object.values(doc.metainfo.categories).includes(i.bbox_label_3d)), 'every class has its index');
  const kitti = await get(`/api/projects/${projectId}/export?format=kitti`, 'manager');
  assert.equal(kitti.statusCode, 422);
  assert.match(kitti.json().error.message, /no KITTI calibration/);
  assert.equal((await get(`/api/projects/${projectId}/export?format=sustech`, 'worker')).statusCode, 403);
});

test('a manager imports a server folder inside CADRE_MEDIA_ROOTS over HTTP; other folders and other roles are refused', needsSharedData, async () => {
  const post = (who: string, body: object) => app.inject({ method: 'POST', url: `/api/projects/${projectId}/import/folder`, headers: { cookie: cookies[who]! }, payload: body });
  const res = await post('manager', { path: SCENE, perFrame: true });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual([res.json().imported, res.json().predictions, res.json().layout], [4, 4, 'sustech']);
  const outside = await post('manager', { path: fileURLToPath(new URL('images/coco128', SHARED_DATA)) });
  assert.equal(outside.statusCode, 403);
  assert.match(outside.json().error.message, /not inside the folders this server may import from \(CADRE_MEDIA_ROOTS/);
  assert.equal((await post('worker', { path: SCENE })).statusCode, 403);
  const wrong = await post('manager', { path: SCENE, boxes: SCENE });
  assert.equal(wrong.statusCode, 422);
  assert.match(wrong.json().error.message, /boxes \(--boxes\) are for a plain folder of clouds/);
});

test('the project\'s accepted cuboids teach size priors: per class, the median length, width and height; a class with few boxes is left out', needsSharedData, async () => {
  // What the worker accepted: every SUSTechPOINTS label of the sequence, frame by frame.
  const labels = await Promise.all(['000950', '000965', '000970', '000975'].map(async (f) => JSON.parse(await readFile(join(SCENE, 'label', `${f}.json`), 'utf8')) as { obj_type: string; psr: { scale: { x: number; y: number; z: number } } }[]));
  const all = labels.flat();
  const median = (v: number[]) => { const s = [...v].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };
  const cars = all.filter((l) => l.obj_type === 'Car');
  const res = await get(`/api/projects/${projectId}/size-priors`, 'worker');
  assert.equal(res.statusCode, 200, res.body);
  const { priors, minBoxes } = res.json() as { priors: Record<string, { length: number; width: number; height: number; boxes: number }>; minBoxes: number };
  assert.equal(minBoxes, 5);
  assert.equal(priors.Car!.boxes, cars.length);
  for (const [k, axis] of [['length', 'x'], ['width', 'y'], ['height', 'z']] as const) {
    assert.ok(Math.abs(priors.Car![k] - median(cars.map((c) => c.psr.scale[axis]))) < 0.01, `Car ${k}: ${priors.Car![k]}`);
  }
  for (const [name, p] of Object.entries(priors)) assert.ok(p.boxes >= minBoxes, `${name} has ${p.boxes} boxes`);
  const rare = [...new Set(all.map((l) => l.obj_type))].filter((c) => all.filter((l) => l.obj_type === c).length < 5);
  for (const c of rare) assert.equal(priors[c], undefined, `${c} has under 5 boxes: no prior`);
  assert.equal((await get(`/api/projects/${projectId}/size-priors`, 'outsider')).statusCode, 404, 'not a member: no such project');
});
