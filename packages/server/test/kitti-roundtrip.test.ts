// KITTI 3D keeps truncation, occlusion, alpha and DontCare regions (exported back, not dropped); the
// 2D box is the one imported unless the cuboid changed. The real files of ../shared/data/lidar/kitti-dev
// (9 scans) go in through the folder import, are accepted as the workspace's "accept all" does (one
// box moved, one relabelled, one deleted, one given an occlusion), and come back out as label_2.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { needsSharedData, SHARED_DATA } from '@cadre/core/testing';
import { parseKittiCalib, projectBox, readKittiLabels } from '@cadre/pointcloud';
import { dispenser, importer, labelExporter, lidar, projectService, submissions } from '../src/index.ts';
import { harness, type Harness, SUBMIT_IS_FINAL } from './harness.ts';

const KITTI = join(SHARED_DATA, 'lidar/kitti-dev');
const TYPES = ['Car', 'Van', 'Truck', 'Pedestrian', 'Person_sitting', 'Cyclist', 'Tram', 'Misc'];

type Obj = { id: string; label: string; attributes: Record<string, unknown>; geometry: { x: number; y: number; z: number; dx: number; dy: number; dz: number; yaw: number }; predictionId?: string };
type TaskView = NonNullable<Awaited<ReturnType<typeof dispenser.claimNextView>>>;

let h: Harness;
before(async () => { h = await harness(); });
after(async () => { await h.close(); });

const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '').map((l) => l.trim().split(/\s+/));
const frameOf = (v: TaskView) => (v.item.metadata as { frameNames: string[] }).frameNames[0]!;

/** Imports kitti-dev into a new project, then claims every task and submits its proposals accepted, after `edit` had its way with them. */
async function importAndAccept(name: string, attributes: unknown[], edit: (frame: string, objects: Obj[]) => Obj[]) {
  const ontology = { classes: TYPES.map((n) => ({ name: n, kind: 'cuboid3d', attributes })) };
  const projectId = (await projectService.createProject(h.deps, h.admin, { name, ontology, settings: SUBMIT_IS_FINAL })).id;
  const report = await importer.importRows(h.deps, h.admin, lidar.kittiRows(KITTI), { projectId, file: KITTI, format: 'folder', skipInvalid: false });
  assert.deepEqual([report.imported, report.skipped], [9, 0]);
  const worker = await h.user(`${name.replace(/\W/g, '')}@test.local`);
  await h.member(projectId, worker, 'annotator');
  for (let view = await dispenser.claimNextView(h.deps, worker, projectId); view; view = await dispenser.claimNextView(h.deps, worker, projectId)) {
    const accepted = view.predictions.flatMap((p) => p.objects as unknown as Array<Obj & { score?: number }>)
      .map(({ score: _s, ...p }) => ({ ...p, id: randomUUID(), origin: 'prediction_accepted', predictionId: p.id }));
    // Submitting validates against the ontology: the imported objects carry nothing it does not declare.
    await submissions.submit(h.deps, worker, view.task.id, randomUUID(), { schemaVersion: 1, objects: edit(frameOf(view), accepted) });
  }
  const files = new Map<string, string>();
  for await (const f of labelExporter.exportLabelFiles(h.deps, h.admin, projectId, 'kitti')) files.set(f.path, f.content);
  return { projectId, files };
}

test('KITTI import → export gives back every label_2 line, DontCare included; a moved box changes only its own line', needsSharedData, async () => {
  let moved: Obj['geometry'] | undefined;
  const { projectId, files } = await importAndAccept('KITTI round trip', [], (frame, objects) => {
    if (frame === '000006') { // the second car: 1.5 m along the lidar's x, 0.5 m to its right, turned 0.2 rad
      const o = objects[1]!;
      moved = { ...o.geometry, x: o.geometry.x + 1.5, y: o.geometry.y - 0.5, yaw: o.geometry.yaw + 0.2 };
      return objects.map((p) => (p === o ? { ...o, geometry: moved!, origin: 'prediction_edited' } : p));
    }
    if (frame === '000009') return objects.map((p, i) => (i === 0 ? { ...p, label: 'Van', origin: 'prediction_edited' } : p));
    if (frame === '000004') return objects.filter((_, i) => i !== 1);
    return objects;
  });
  const stored = await h.deps.db.selectFrom('annotations').select('payload').where('project_id', '=', projectId).execute();
  assert.ok(stored.flatMap((a) => (a.payload as { objects: Obj[] }).objects).every((o) => Object.keys(o.attributes).length === 0));

  const frames = (await readdir(join(KITTI, 'label_2'))).map((f) => f.replace('.txt', '')).sort();
  assert.deepEqual([...files.keys()].filter((p) => p.includes('/label_2/')).sort(), frames.map((f) => `kitti-dev/label_2/${f}.txt`));
  let compared = 0, dontCare = 0;
  for (const frame of frames) {
    const original = lines(await readFile(join(KITTI, 'label_2', `${frame}.txt`), 'utf8'));
    const exported = lines(files.get(`kitti-dev/label_2/${frame}.txt`)!);
    const calibText = files.get(`kitti-dev/calib/${frame}.txt`)!;
    assert.deepEqual(parseKittiCalib(calibText).matrices, parseKittiCalib(await readFile(join(KITTI, 'calib', `${frame}.txt`), 'utf8')).matrices);
    const want = frame === '000004' ? original.filter((_, i) => i !== 1) : original;
    assert.equal(exported.length, want.length, `${frame}: ${exported.length} lines, want ${want.length}`);
    want.forEach((o, i) => {
      const e = exported[i]!;
      const where = `${frame} line ${i + 1}`;
      if (o[0] === 'DontCare') dontCare++;
      if (frame === '000006' && i === 1) return; // the moved car, below
      assert.equal(e[0], frame === '000009' && i === 0 ? 'Van' : o[0], `${where}: type`);
      // truncated, occluded, alpha and the 2D box are the file's own numbers.
      for (let k = 1; k <= 7; k++) assert.equal(Number(e[k]), Number(o[k]), `${where}: column ${k + 1}: ${e[k]} vs ${o[k]}`);
      // h w l, x y z: within 0.01 m; rotation_y within 0.01 rad.
      for (let k = 8; k <= 14; k++) assert.ok(Math.abs(Number(e[k]) - Number(o[k])) <= 0.01, `${where}: column ${k + 1}: ${e[k]} vs ${o[k]}`);
      compared++;
    });
  }
  assert.equal(compared, 68 - 2); // every line of the 9 files but the deleted car and the moved one
  assert.equal(dontCare, 24);

  // The moved car: same type, truncated and occluded; new 3D fields (the moved box), alpha following
  // them, and a 2D box projected through P2 and clipped to the 1238×374 image.
  const calib = parseKittiCalib(files.get('kitti-dev/calib/000006.txt')!);
  const o = lines(await readFile(join(KITTI, 'label_2/000006.txt'), 'utf8'))[1]!;
  const e = lines(files.get('kitti-dev/label_2/000006.txt')!)[1]!.map((c, k) => (k === 0 ? c : Number(c))) as [string, ...number[]];
  assert.deepEqual(e.slice(0, 3), [o[0], Number(o[1]), Number(o[2])]);
  const back = readKittiLabels(e.join(' '), calib).boxes[0]!.geometry;
  for (const key of ['x', 'y', 'z', 'dx', 'dy', 'dz'] as const) assert.ok(Math.abs(back[key] - moved![key]) < 1e-6, `moved ${key}: ${back[key]} vs ${moved![key]}`);
  assert.ok(Math.abs(Math.sin(back.yaw - moved!.yaw)) < 1e-6, `moved yaw ${back.yaw}`);
  const [, , , alpha, x1, y1, x2, y2, hh, w, l, x, y, z, ry] = e as [string, ...number[]];
  assert.ok(Math.abs(Math.sin(alpha! - (ry! - Math.atan2(x!, z!)))) < 1e-9, `alpha ${alpha}`);
  assert.deepEqual([x1, y1, x2, y2], projectBox(calib, x!, y! - hh! / 2, z!, l!, w!, hh!, ry!, { width: 1238, height: 374 }));
  assert.ok(Math.abs(x1! - Number(o[4])) > 1, `the 2D box moved with the car: ${x1} vs ${o[4]}`);
});

test('classes that declare truncated, occluded and alpha let a person set them: the export writes theirs, the rest of the line stays', needsSharedData, async () => {
  const attributes = [
    { name: 'truncated', type: 'number', required: false, min: 0, max: 1 },
    { name: 'occluded', type: 'enum', required: false, options: ['0', '1', '2', '3'] },
    { name: 'alpha', type: 'number', required: false, min: -Math.PI, max: Math.PI },
  ];
  const { files } = await importAndAccept('KITTI attributes', attributes, (frame, objects) => (
    frame === '000134' ? objects.map((p, i) => (i === 3 ? { ...p, attributes: { occluded: '3', truncated: 0.25 } } : p)) : objects
  ));
  const original = lines(await readFile(join(KITTI, 'label_2/000134.txt'), 'utf8'));
  const exported = lines(files.get('kitti-dev/label_2/000134.txt')!);
  assert.deepEqual(exported[3], [original[3]![0], '0.25', '3', ...original[3]!.slice(3)]);
  assert.deepEqual(exported.filter((_, i) => i !== 3), original.filter((_, i) => i !== 3));
});
