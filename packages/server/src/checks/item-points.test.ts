// The check context of real imported items: a SUSTechPOINTS folder as a sequence, and COCO images.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChecks, type AnnotationPayload, type Ontology } from '@cadre/core';
import { parseSustechLabels } from '@cadre/pointcloud';
import { importer, lidar, projectService } from '../index.ts';
import { needsSharedData, SHARED_DATA } from '../import/testing.ts';
import type { MediaConfig } from '../media/index.ts';
import { harness, type Harness } from '../../test/harness.ts';
import { checkContextForItem, pointCache, pointsForItem } from './item-points.ts';

const SCENE = fileURLToPath(new URL('lidar/sustech-seq', SHARED_DATA));
const COCO = fileURLToPath(new URL('images/coco128/images/train2017', SHARED_DATA));
const NAMES = ['000950', '000965', '000970', '000975'];
const lidarOntology = { classes: ['Car', 'Pedestrian', 'Cyclist', 'Rider', 'Bus', 'Truck', 'Motor'].map((name) => ({ name, kind: 'cuboid3d', attributes: [] })) } as Ontology;

let h: Harness;
let scratch: string;
let media: MediaConfig;
before(async () => {
  h = await harness(4);
  scratch = await mkdtemp(join(tmpdir(), 'cadre-checks-'));
  media = { mediaDir: join(scratch, 'media'), roots: [] };
});
after(async () => { pointCache.clear(); await h.close(); await rm(scratch, { recursive: true, force: true }); });

async function sequenceItem() {
  const { id: projectId } = await projectService.createProject(h.deps, h.admin, { name: 'Seq', ontology: lidarOntology });
  await importer.importRows(h.deps, h.admin, lidar.sustechRows(SCENE), { projectId, file: SCENE, format: 'folder', skipInvalid: false });
  return h.deps.db.selectFrom('items').selectAll().where('project_id', '=', projectId).executeTakeFirstOrThrow();
}

test('an imported SUSTech sequence: each frame parsed from its file, every labelled box holds ≥ 5 points', needsSharedData, async () => {
  const item = await sequenceItem();
  assert.equal((item.frames as string[]).length, 4);
  const objects = NAMES.flatMap((name, frame) =>
    parseSustechLabels(readFileSync(join(SCENE, 'label', `${name}.json`), 'utf8')).map((b, i) => ({ id: `${frame}-${i}`, label: b.label, kind: 'cuboid3d' as const, attributes: {}, geometry: b.geometry, frame })));
  const payload: AnnotationPayload = { schemaVersion: 1, objects };
  const ctx = await checkContextForItem(item, lidarOntology, h.deps, { media, payload });
  assert.deepEqual([0, 1, 2, 3].map((f) => ctx.points!(f)?.count), [68242, 66781, 66899, 67153]);
  assert.equal(ctx.points!(4), undefined, 'no frame 4');
  const failures = runChecks(payload, ctx);
  assert.deepEqual(failures.filter((f) => f.check === 'min-cuboid-points'), []);
  // The same frames again come from the cache: the very same arrays, not a second parse.
  const again = await pointsForItem(item, h.deps, { media, frames: [2] });
  assert.equal(again(2)!.positions, ctx.points!(2)!.positions);
  assert.equal(again(1), undefined, 'only the frames asked for');
});

test('only the frames the cuboids sit in are loaded, and settings that need no points load none', needsSharedData, async () => {
  const item = await sequenceItem();
  pointCache.clear();
  const payload: AnnotationPayload = { schemaVersion: 1, objects: [{ id: 'a', label: 'Car', kind: 'cuboid3d', attributes: {}, frame: 3, geometry: { x: 1, y: 1, z: 0, dx: 1, dy: 1, dz: 1, yaw: 0 } as never }] };
  const ctx = await checkContextForItem(item, lidarOntology, h.deps, { media, payload });
  assert.equal(pointCache.size, 1);
  assert.equal(ctx.points!(3)?.count, 67153);
  const none = await checkContextForItem(item, lidarOntology, h.deps, { media, payload, settings: { requireAttributes: true, insideImage: true, minBoxSize: 4, minCuboidPoints: 0, cuboidFaceTolerance: null, duplicateIou: 0.95 } });
  assert.equal(none.points, undefined);
});

test('an image item: its size from the metadata an import stored, else from the file', needsSharedData, async () => {
  const projectId = await h.project('Coco');
  const image = join(COCO, '000000000009.jpg');
  await h.importText(projectId, `${JSON.stringify({ data: { image, width: 1000, height: 800 } })}\n${JSON.stringify({ data: { image } })}\n`);
  const rows = await h.deps.db.selectFrom('items').selectAll().where('project_id', '=', projectId).orderBy('created_at').execute();
  const ontology = { classes: [] };
  const sized = rows.find((r) => (r.metadata as { width?: number }).width === 1000)!;
  const bare = rows.find((r) => r !== sized)!;
  const fromMeta = await checkContextForItem(sized, ontology, h.deps, { media });
  assert.deepEqual([fromMeta.imageWidth, fromMeta.imageHeight], [1000, 800]);
  const fromFile = await checkContextForItem(bare, ontology, h.deps, { media: { ...media, roots: [COCO] } });
  assert.deepEqual([fromFile.imageWidth, fromFile.imageHeight], [640, 480]);
  // A file outside the allowed folders is not read: the caller hears why.
  await assert.rejects(checkContextForItem(bare, ontology, h.deps, { media }), /not|allowed|outside/i);
});
