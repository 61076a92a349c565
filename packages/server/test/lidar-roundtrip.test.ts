// The round trip: SUSTechPOINTS labels imported as pre-labels, accepted by an annotator as
// the workspace does it, exported as SUSTechPOINTS, equal to the originals within 1e-6.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispenser, importer, labelExporter, lidar, projectService, submissions } from '../src/index.ts';
import { needsSharedData, SHARED_DATA } from '../src/import/testing.ts';
import { harness, type Harness, SUBMIT_IS_FINAL } from './harness.ts';

const SCENE = fileURLToPath(new URL('lidar/sustech-seq', SHARED_DATA));
const FRAMES = ['000950', '000965', '000970', '000975'];
export const LIDAR_ONTOLOGY = {
  classes: ['Car', 'Pedestrian', 'Rider', 'Bus', 'Truck', 'Motor'].map((name) => ({ name, kind: 'cuboid3d', attributes: [] })),
};

let h: Harness;
before(async () => { h = await harness(); });
after(async () => { await h.close(); });

interface Psr { psr: Record<'position' | 'scale' | 'rotation', Record<'x' | 'y' | 'z', number>>; obj_type: string; obj_id: string }

function assertSameBoxes(got: Psr[], want: Psr[], where: string): void {
  assert.equal(got.length, want.length, `${where}: box count`);
  const byId = new Map(got.map((b) => [b.obj_id, b]));
  for (const w of want) {
    const g = byId.get(w.obj_id);
    assert.ok(g, `${where}: obj_id ${w.obj_id} missing from the export`);
    assert.equal(g.obj_type, w.obj_type, `${where}: obj_id ${w.obj_id} class`);
    for (const part of ['position', 'scale', 'rotation'] as const) {
      for (const axis of ['x', 'y', 'z'] as const) {
        const d = Math.abs(g.psr[part][axis] - w.psr[part][axis]);
        assert.ok(d <= 1e-6, `${where}: obj_id ${w.obj_id} ${part}.${axis}: ${g.psr[part][axis]} vs ${w.psr[part][axis]}`);
      }
    }
  }
}

test('SUSTechPOINTS pre-labels, accepted and exported, come back the same within 1e-6', needsSharedData, async () => {
  const projectId = (await projectService.createProject(h.deps, h.admin, { name: 'Lidar round trip', ontology: LIDAR_ONTOLOGY, settings: SUBMIT_IS_FINAL })).id;
  const report = await importer.importRows(h.deps, h.admin, lidar.sustechRows(SCENE), { projectId, file: SCENE, format: 'folder', skipInvalid: false });
  assert.deepEqual([report.imported, report.predictions, report.skipped], [1, 1, 0]);

  const worker = await h.user('lidar-annotator@test.local');
  await h.member(projectId, worker, 'annotator');
  const view = await dispenser.claimNextView(h.deps, worker, projectId);
  assert.ok(view, 'the sequence task is handed out');
  assert.equal((view.item.frames as string[]).length, 4);
  const meta = view.item.metadata as { frameNames: string[]; cameras: { name: string; images: (string | null)[] }[] };
  assert.deepEqual(meta.frameNames, FRAMES);
  assert.deepEqual(meta.cameras.map((c) => c.name), ['front', 'left', 'right']);
  assert.equal(meta.cameras[0]!.images[0], null, 'frame 000950 has no camera images');
  assert.equal(meta.cameras[0]!.images[1], join(SCENE, 'camera/front/000965.jpg'));

  // What the workspace does on "accept all": each proposal becomes the person's object.
  const proposals = view.predictions.flatMap((p) => p.objects) as Array<Record<string, unknown> & { id: string; score?: number }>;
  assert.equal(proposals.length, 19 + 21 + 23 + 24);
  const objects = proposals.map(({ score: _score, ...p }) => ({ ...p, id: randomUUID(), origin: 'prediction_accepted', predictionId: p.id, keyframe: true }));
  await submissions.submit(h.deps, worker, view.task.id, randomUUID(), { schemaVersion: 1, objects });

  const files = new Map<string, string>();
  for await (const f of labelExporter.exportLabelFiles(h.deps, h.admin, projectId, 'sustech')) files.set(f.path, f.content);
  assert.deepEqual([...files.keys()], FRAMES.map((f) => `sustech-seq/label/${f}.json`));
  for (const frame of FRAMES) {
    const want = JSON.parse(await readFile(join(SCENE, 'label', `${frame}.json`), 'utf8')) as Psr[];
    assertSameBoxes(JSON.parse(files.get(`sustech-seq/label/${frame}.json`)!) as Psr[], want, frame);
  }
});
