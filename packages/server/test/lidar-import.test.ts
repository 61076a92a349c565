import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispenser, folderImporter, importer, labelExporter, lidar, projectService, submissions, type Actor } from '../src/index.ts';
import { needsSharedData, SHARED_DATA } from '../src/import/testing.ts';
import { harness, type Harness, SUBMIT_IS_FINAL } from './harness.ts';
import { KITTI_BOXES, writeKittiFolder } from './lidar-fixtures.ts';

type TaskView = NonNullable<Awaited<ReturnType<typeof dispenser.claimNextView>>>;

const SCENE = fileURLToPath(new URL('lidar/sustech-seq', SHARED_DATA));
const ontology = { classes: ['Car', 'Pedestrian', 'Cyclist', 'Rider', 'Bus', 'Truck', 'Motor'].map((name) => ({ name, kind: 'cuboid3d', attributes: [] })) };

let h: Harness;
let scratch: string;
before(async () => { h = await harness(); scratch = await mkdtemp(join(tmpdir(), 'cadre-lidar-')); });
after(async () => { await h.close(); await rm(scratch, { recursive: true, force: true }); });

async function project(name: string) {
  return (await projectService.createProject(h.deps, h.admin, { name, ontology, settings: SUBMIT_IS_FINAL })).id;
}

/** Claims every task of the project and submits its pre-labels accepted, as the workspace's "accept all" does. */
async function acceptAll(projectId: string, worker: Actor, look: (view: TaskView) => void = () => undefined): Promise<number> {
  let n = 0;
  for (let view = await dispenser.claimNextView(h.deps, worker, projectId); view; view = await dispenser.claimNextView(h.deps, worker, projectId)) {
    look(view);
    const objects = view.predictions.flatMap((p) => p.objects as Array<{ id: string; score?: number }>)
      .map(({ score: _s, ...p }) => ({ ...p, id: randomUUID(), origin: 'prediction_accepted', predictionId: p.id }));
    await submissions.submit(h.deps, worker, view.task.id, randomUUID(), { schemaVersion: 1, objects });
    n++;
  }
  return n;
}

test('a SUSTechPOINTS folder with --per-frame gives one item per cloud, its boxes without frame and one image per camera', needsSharedData, async () => {
  const projectId = await project('Per frame');
  const report = await importer.importRows(h.deps, h.admin, lidar.sustechRows(SCENE, { perFrame: true }), { projectId, file: SCENE, format: 'folder', skipInvalid: false });
  assert.deepEqual([report.imported, report.predictions], [4, 4]);
  const rows = await h.deps.db.selectFrom('items').select(['asset', 'frames', 'metadata']).where('project_id', '=', projectId).orderBy('asset').execute();
  assert.deepEqual(rows.map((r) => (r.metadata as { frameNames: string[] }).frameNames[0]), ['000950', '000965', '000970', '000975']);
  const cams = rows.map((r) => (r.metadata as { cameras: { images: unknown[] }[] }).cameras[0]!.images);
  assert.deepEqual(cams[0], [null]);
  assert.deepEqual(cams[1], [join(SCENE, 'camera/front/000965.jpg')]);
  const preds = await h.deps.db.selectFrom('predictions').select('payload').where('project_id', '=', projectId).execute();
  const results = preds.flatMap((p) => (p.payload as { result: Array<{ value: { frame?: number; trackId?: string } }> }).result);
  assert.equal(results.length, 87);
  assert.ok(results.every((r) => r.value.frame === undefined && typeof r.value.trackId === 'string'));
});

test('a KITTI folder imports one item per scan with its label_2 boxes in the lidar frame, and exports them back in the camera frame', async () => {
  const root = join(scratch, 'kitti');
  await writeKittiFolder(root);
  const projectId = await project('Kitti');
  const report = await importer.importRows(h.deps, h.admin, lidar.kittiRows(root), { projectId, file: root, format: 'folder', skipInvalid: false });
  assert.deepEqual([report.imported, report.predictions], [2, 1]);
  const worker = await h.user('kitti@test.local');
  await h.member(projectId, worker, 'annotator');
  const views: TaskView[] = [];
  assert.equal(await acceptAll(projectId, worker, (v) => views.push(v)), 2);
  const first = views.find((v) => v.predictions.length > 0)!;
  const objects = first.predictions[0]!.objects as Array<{ label: string; kind: string; geometry: { x: number; z: number; dz: number } }>;
  assert.deepEqual(objects.map((o) => [o.label, o.kind]), [['Pedestrian', 'cuboid3d'], ['Car', 'cuboid3d'], ['Cyclist', 'cuboid3d']]);
  // The pedestrian stands 8.41 m in front of the camera, its feet 1.47 m below it: about 8.7 m ahead
  // of the lidar (which sits 0.27 m behind the camera), its centre about 0.65 m below the lidar.
  assert.ok(Math.abs(objects[0]!.geometry.x - 8.74) < 0.05, `x ${objects[0]!.geometry.x}`);
  assert.ok(Math.abs(objects[0]!.geometry.z - -0.65) < 0.03, `z ${objects[0]!.geometry.z}`);
  const cams = (first.item.metadata as { cameras: { name: string; images: string[] }[] }).cameras;
  assert.deepEqual(cams.map((c) => [c.name, c.images]), [['image_2', [join(root, 'image_2/000000.png')]]]);

  const files = new Map<string, string>();
  for await (const f of labelExporter.exportLabelFiles(h.deps, h.admin, projectId, 'kitti')) files.set(f.path, f.content);
  assert.deepEqual([...files.keys()].sort(), ['kitti/calib/000000.txt', 'kitti/calib/000001.txt', 'kitti/label_2/000000.txt', 'kitti/label_2/000001.txt']);
  assert.equal(files.get('kitti/label_2/000001.txt'), '');
  const lines = files.get('kitti/label_2/000000.txt')!.trim().split('\n').map((l) => l.split(' '));
  // The file comes back line for line, its DontCare region included (kitti-roundtrip.test.ts: the real files).
  assert.deepEqual(lines.map((l) => l[0]), [...KITTI_BOXES.map(([t]) => t), 'DontCare']);
  lines.slice(0, KITTI_BOXES.length).forEach((cols, i) => {
    const want = KITTI_BOXES[i]![1];
    cols.slice(8, 15).map(Number).forEach((v, k) => assert.ok(Math.abs(v - want[k]!) < 1e-6, `${cols[0]} column ${k + 9}: ${v} vs ${want[k]}`));
  });
});

test('the boxes export is one JSON with each item and its boxes; KITTI export of items without a calib says what to give', needsSharedData, async () => {
  const projectId = await project('Boxes');
  await importer.importRows(h.deps, h.admin, lidar.sustechRows(SCENE), { projectId, file: SCENE, format: 'folder', skipInvalid: false });
  const worker = await h.user('boxes@test.local');
  await h.member(projectId, worker, 'annotator');
  await acceptAll(projectId, worker);
  let text = '';
  for await (const piece of labelExporter.exportBoxesJson(h.deps, h.admin, projectId)) text += piece;
  const doc = JSON.parse(text) as Array<{ frameNames: string[]; boxes: Array<{ box: number[]; label: string; trackId: string; frame: number }> }>;
  assert.equal(doc.length, 1);
  assert.equal(doc[0]!.boxes.length, 87);
  assert.deepEqual([...new Set(doc[0]!.boxes.map((b) => b.frame))], [0, 1, 2, 3]);
  assert.ok(doc[0]!.boxes.every((b) => b.box.length === 7 && b.trackId));
  const kitti = labelExporter.exportLabelFiles(h.deps, h.admin, projectId, 'kitti');
  await assert.rejects(kitti.next(), /has no KITTI calibration.*--calib/);
});

test('a submit with a box on a frame the sequence does not have is refused, naming the frame count', needsSharedData, async () => {
  const projectId = await project('Frame range');
  await importer.importRows(h.deps, h.admin, lidar.sustechRows(SCENE), { projectId, file: SCENE, format: 'folder', skipInvalid: false });
  const worker = await h.user('frames@test.local');
  await h.member(projectId, worker, 'annotator');
  const view = (await dispenser.claimNextView(h.deps, worker, projectId))!;
  const box = { id: randomUUID(), label: 'Car', kind: 'cuboid3d', attributes: {}, frame: 4, trackId: 't', geometry: { x: 1, y: 1, z: 1, dx: 4, dy: 2, dz: 1.5, yaw: 0 } };
  await assert.rejects(submissions.submit(h.deps, worker, view.task.id, randomUUID(), { schemaVersion: 1, objects: [box] }), (e: Error & { details?: { path: string; message: string }[] }) => {
    assert.deepEqual(e.details, [{ path: 'objects[0].frame', message: 'is 4, but the sequence has 4 frames (0 to 3)' }]);
    return true;
  });
});

test('a LiDAR folder imported as labels gives accepted annotations (the real KITTI files come back as they were), as drafts waits for review', needsSharedData, async () => {
  const KITTI = fileURLToPath(new URL('lidar/kitti-dev', SHARED_DATA));
  const classes = ['Car', 'Van', 'Truck', 'Pedestrian', 'Person_sitting', 'Cyclist', 'Tram', 'Misc'].map((name) => ({ name, kind: 'cuboid3d', attributes: [] }));
  const asLabels = (await projectService.createProject(h.deps, h.admin, { name: 'Kitti labels', ontology: { classes }, settings: SUBMIT_IS_FINAL })).id;
  const report = await folderImporter.importFolder(h.deps, h.admin, { projectId: asLabels, path: KITTI, layout: 'kitti', perFrame: false, as: 'labels' });
  assert.equal(report.predictions, 0, 'no pre-labels');
  assert.equal(report.labels, report.imported - (await emptyLabelFiles(KITTI)), 'one accepted label set a scan with boxes');
  const tasks = await h.deps.db.selectFrom('tasks').select(['stage', 'status']).where('project_id', '=', asLabels).execute();
  assert.ok(tasks.some((t) => t.stage === 'accepted' && t.status === 'done'));
  const files = new Map<string, string>();
  for await (const f of labelExporter.exportLabelFiles(h.deps, h.admin, asLabels, 'kitti')) files.set(f.path.slice(f.path.indexOf('/') + 1), f.content);
  for (const name of await readdir(join(KITTI, 'label_2'))) {
    const original = await readFile(join(KITTI, 'label_2', name), 'utf8');
    if (original.trim() === '') continue;
    assert.equal(files.get(`label_2/${name}`), original, `label_2/${name} comes back as it was: truncation, occlusion, alpha, the 2D box and DontCare`);
  }

  const asDrafts = (await projectService.createProject(h.deps, h.admin, { name: 'Sustech drafts', ontology, settings: { stages: ['annotate', 'review'] } })).id;
  const drafts = await folderImporter.importFolder(h.deps, h.admin, { projectId: asDrafts, path: SCENE, layout: 'sustech', perFrame: false, as: 'drafts' });
  assert.deepEqual([drafts.imported, drafts.drafts, drafts.predictions], [1, 1, 0]);
  const task = await h.deps.db.selectFrom('tasks').select(['stage', 'status']).where('project_id', '=', asDrafts).executeTakeFirstOrThrow();
  assert.deepEqual(task, { stage: 'review', status: 'open' });
});

async function emptyLabelFiles(root: string): Promise<number> {
  let n = 0;
  for (const name of await readdir(join(root, 'label_2'))) {
    const text = await readFile(join(root, 'label_2', name), 'utf8');
    if (text.split('\n').every((l) => l.trim() === '' || l.startsWith('DontCare'))) n++;
  }
  return n;
}

test('a nuScenes info folder (mmdetection3d) imports one item a sample and exports the same info file: as labels, and as pre-labels accepted in the workspace', needsSharedData, async () => {
  const NUSCENES = fileURLToPath(new URL('lidar/nuscenes-frame', SHARED_DATA));
  const infoFile = (await readdir(NUSCENES)).find((n) => n.endsWith('.json'))!;
  const original = JSON.parse((await readFile(join(NUSCENES, infoFile), 'utf8')).replace(/\bNaN\b/g, 'null'));
  // Boxes of no category (bbox_label_3d -1) are the class "ignore", written back as -1.
  const classes = [...Object.keys(original.metainfo.categories), 'ignore'].map((name) => ({ name, kind: 'cuboid3d', attributes: [] }));
  const exported = async (projectId: string) => {
    let text = '';
    for await (const piece of labelExporter.exportNuscenesInfo(h.deps, h.admin, projectId)) text += piece;
    return JSON.parse(text);
  };

  const asLabels = (await projectService.createProject(h.deps, h.admin, { name: 'nuScenes labels', ontology: { classes }, settings: SUBMIT_IS_FINAL })).id;
  const report = await folderImporter.importFolder(h.deps, h.admin, { projectId: asLabels, path: NUSCENES, perFrame: false, as: 'labels' });
  assert.deepEqual([report.layout, report.imported, report.labels], ['nuscenes', 1, 1]);
  const item = await h.deps.db.selectFrom('items').select(['asset', 'metadata']).where('project_id', '=', asLabels).executeTakeFirstOrThrow();
  assert.equal(item.asset, join(NUSCENES, original.data_list[0].lidar_points.lidar_path.split('/').at(-1)));
  assert.deepEqual((item.metadata as { cameras: Array<{ name: string }> }).cameras.map((c) => c.name), ['CAM_FRONT'], 'the camera whose image is in the folder');
  // Every field comes back: the sample (token, poses, images, camera instances) and its 69 instances
  // (bbox_3d with z at the bottom, classes by metainfo's indices, velocity, point counts).
  assert.deepEqual(await exported(asLabels), original);

  const asPrelabels = (await projectService.createProject(h.deps, h.admin, { name: 'nuScenes pre-labels', ontology: { classes }, settings: SUBMIT_IS_FINAL })).id;
  await folderImporter.importFolder(h.deps, h.admin, { projectId: asPrelabels, path: NUSCENES, perFrame: false });
  const worker = await h.user('nuscenes@test.local');
  await h.member(asPrelabels, worker, 'annotator');
  assert.equal(await acceptAll(asPrelabels, worker), 1);
  const back = await exported(asPrelabels);
  assert.deepEqual(back.data_list[0].instances, original.data_list[0].instances, 'accepted pre-labels are the same instances');
});
