// Labels from other tools' files (COCO here, the formats' own tests cover each format): what they
// become (accepted labels, drafts to review, pre-labels), how they are fitted to the ontology, what
// the report says, and exports that name images as the person did.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { diskSource } from '@cadre/formats/node';
import { collect } from '@cadre/formats';
import { needsSharedData, SHARED_DATA } from '@cadre/core/testing';
import { dispenser, formatExporter, interop, labelImporter, projectService } from '../src/index.ts';
import { review } from '../src/services/workflow/review.service.ts';
import { predictionObjects } from '../src/predictions/to-objects.ts';
import { harness, type Harness } from './harness.ts';

let h: Harness;
let dir: string;
before(async () => { h = await harness(); dir = await mkdtemp(join(tmpdir(), 'cadre-labels-')); });
after(async () => { await h.close(); await rm(dir, { recursive: true, force: true }); });

const COCO128 = join(SHARED_DATA, 'images/coco128');
const IMAGES = join(COCO128, 'images/train2017');

/** The first `n` images of coco128 with their annotations, as a COCO file of their own. */
async function cocoFile(name: string, n: number, edit?: (doc: Record<string, any>) => void): Promise<string> {
  const doc = JSON.parse(await readFile(join(COCO128, 'instances_train2017_coco128.json'), 'utf8'));
  doc.images = doc.images.slice(0, n);
  const ids = new Set(doc.images.map((i: { id: number }) => i.id));
  doc.annotations = doc.annotations.filter((a: { image_id: number }) => ids.has(a.image_id));
  edit?.(doc);
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(doc));
  return path;
}

async function newProject(name: string, stages = ['annotate', 'review'], classes: unknown[] = [{ name: 'person', kind: 'bbox2d', attributes: [] }]) {
  return (await projectService.createProject(h.deps, h.admin, { name, ontology: { classes }, settings: { stages } })).id;
}

const places = (root: string) => ({ root, sourceOnDisk: true, dirs: [IMAGES], mediaDir: join(dir, 'media') });

async function importCoco(projectId: string, path: string, as: 'labels' | 'drafts' | 'prelabels', strict = false) {
  const source = await diskSource(path);
  return labelImporter.importLabelled(h.deps, h.admin, { ...source, name: path }, { projectId, format: 'coco', as, strict, skipInvalid: false, places: places(dir) });
}

const rows = (projectId: string) => h.deps.db.selectFrom('items')
  .innerJoin('tasks', 'tasks.item_id', 'items.id')
  .select(['items.id', 'items.asset', 'items.media_ref', 'items.width', 'items.height', 'tasks.stage', 'tasks.status'])
  .where('items.project_id', '=', projectId).orderBy('items.id').execute();

test('COCO as labels: accepted annotations, finished tasks, the images found, classes added and reported', needsSharedData, async () => {
  const projectId = await newProject('coco labels');
  const report = await importCoco(projectId, await cocoFile('three.json', 3), 'labels');
  assert.equal(report.imported, 3);
  assert.equal(report.labels, 3);
  assert.ok(report.addedClasses && report.addedClasses.length > 0, 'classes the ontology lacked are added');
  assert.ok(report.problems?.some((p) => p.reason === 'class added to the ontology'), 'and the report says so');
  const items = await rows(projectId);
  assert.deepEqual(items.map((i) => [i.media_ref, i.stage, i.status]), [
    ['000000000009.jpg', 'accepted', 'done'], ['000000000025.jpg', 'accepted', 'done'], ['000000000030.jpg', 'accepted', 'done'],
  ]);
  assert.equal(items[0]!.asset, join(IMAGES, '000000000009.jpg'));
  assert.deepEqual([items[0]!.width, items[0]!.height], [640, 480]);
  const annotations = await h.deps.db.selectFrom('annotations').select(['state', 'version', 'payload', 'imported_from']).where('project_id', '=', projectId).execute();
  assert.equal(annotations.length, 3);
  assert.ok(annotations.every((a) => a.state === 'accepted' && a.version === 1));
  assert.equal((annotations[0]!.imported_from as unknown as { file: string }).file.endsWith('three.json'), true);
});

test('COCO as drafts: review sees them, and an accepted export holds only what review accepted', needsSharedData, async () => {
  const projectId = await newProject('coco drafts');
  const report = await importCoco(projectId, await cocoFile('drafts.json', 2), 'drafts');
  assert.equal(report.drafts, 2);
  assert.deepEqual((await rows(projectId)).map((i) => [i.stage, i.status]), [['review', 'open'], ['review', 'open']]);
  const task = await dispenser.claimNext(h.deps, h.admin, projectId, 'review');
  assert.ok(task, 'the importing manager may review the drafts (nobody in Cadre made them)');
  await review(h.deps, h.admin, task.id, { decisionId: randomUUID(), verdict: 'accept' });
  const out = await formatExporter.exportFormatted(h.deps, h.admin, projectId, { format: 'coco', which: 'accepted', media: { mediaDir: join(dir, 'media'), roots: [] } });
  const files = [];
  for await (const f of out.files) files.push({ path: f.path, text: await collect(f.content) });
  assert.equal(files.length, 1);
  const doc = JSON.parse(files[0]!.text);
  assert.equal(doc.images.length, 1, 'the image still waiting for review is not in an accepted export');
  assert.ok(!doc.images[0].file_name.includes('/'), `named as imported, not by a server path: ${doc.images[0].file_name}`);
});

test('COCO as pre-labels: predictions the workspace shows as objects', needsSharedData, async () => {
  const projectId = await newProject('coco prelabels', ['annotate'], [
    { name: 'person', kind: 'bbox2d', attributes: [] }, { name: 'bowl', kind: 'bbox2d', attributes: [] }, { name: 'broccoli', kind: 'bbox2d', attributes: [] },
    { name: 'orange', kind: 'bbox2d', attributes: [] }, { name: 'giraffe', kind: 'bbox2d', attributes: [] }, { name: 'potted plant', kind: 'bbox2d', attributes: [] }, { name: 'vase', kind: 'bbox2d', attributes: [] },
  ]);
  const report = await importCoco(projectId, await cocoFile('pre.json', 3), 'prelabels');
  assert.equal(report.predictions, 3);
  assert.equal(report.labels, undefined);
  const p = await h.deps.db.selectFrom('predictions').select(['id', 'payload', 'model_version']).where('project_id', '=', projectId).orderBy('id').executeTakeFirstOrThrow();
  assert.equal(p.model_version, 'coco-import');
  const objects = predictionObjects(p.id, p.payload, null);
  assert.ok(objects.length > 0 && objects.every((o) => o.kind === 'bbox2d' && o.predictionId === p.id), 'bbox classes take the exact COCO boxes');
  assert.deepEqual((await rows(projectId)).map((i) => i.stage), ['annotate', 'annotate', 'annotate']);
});

test('--strict: an unknown label fails the import and commits nothing; a file imported twice is reported', needsSharedData, async () => {
  const projectId = await newProject('coco strict');
  const path = await cocoFile('strict.json', 1);
  await assert.rejects(importCoco(projectId, path, 'labels', true), (e: Error) => {
    assert.match(e.message, /strict\.json/);
    assert.match(e.message, /not in the ontology/);
    return true;
  });
  assert.equal((await rows(projectId)).length, 0);
  const first = await importCoco(projectId, path, 'labels');
  assert.equal(first.importedBefore, undefined);
  const second = await importCoco(projectId, path, 'labels');
  assert.equal(second.importedBefore?.importId, first.importId);
  assert.ok(second.notes?.some((n) => n.includes('imported before')));
  await assert.rejects(importCoco(projectId, path, 'labels', true), /imported before/);
});

test('an image that cannot be found is kept, named in the report, and exported under its own name', async () => {
  const projectId = await newProject('missing image', ['annotate'], [{ name: 'car', kind: 'bbox2d', attributes: [] }]);
  const doc = { images: [{ id: 1, file_name: 'nowhere/lost.jpg', width: 100, height: 50 }], annotations: [{ id: 7, image_id: 1, category_id: 3, bbox: [10, 5, 20, 10], area: 200, iscrowd: 0 }], categories: [{ id: 3, name: 'car' }] };
  const path = join(dir, 'lost.json');
  await writeFile(path, JSON.stringify(doc));
  const report = await importCoco(projectId, path, 'labels');
  assert.equal(report.imported, 1);
  const missing = report.problems?.find((p) => p.reason.startsWith('image not found'));
  assert.equal(missing?.count, 1);
  assert.match(missing!.examples[0]!.message, /nowhere\/lost\.jpg/);
  const out = await formatExporter.exportFormatted(h.deps, h.admin, projectId, { format: 'coco', which: 'accepted', withMedia: true, media: { mediaDir: join(dir, 'media'), roots: [] } });
  const zip = unzipSync(await bytes(interop.zipFiles(out.files)));
  const names = Object.keys(zip);
  assert.equal(names.filter((n) => n.startsWith('images/')).length, 0, 'no image to put in the archive');
  const coco = JSON.parse(new TextDecoder().decode(zip[names.find((n) => n.endsWith('.json'))!]!));
  assert.equal(coco.images[0].file_name, 'nowhere/lost.jpg');
  assert.deepEqual(coco.annotations[0].bbox, [10, 5, 20, 10]);
  assert.ok(out.notes().some((n) => n.reason.startsWith('image not on this server')));
});

test('a polygon in a box class is kept as its bounds, and the report says so', async () => {
  const projectId = await newProject('polygon to box', ['annotate'], [{ name: 'car', kind: 'bbox2d', attributes: [] }]);
  const doc = { images: [{ id: 1, file_name: 'a.jpg', width: 100, height: 100 }], annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [10, 20, 30, 40], segmentation: [[10, 20, 40, 20, 40, 60, 10, 60]], area: 1200, iscrowd: 0 }], categories: [{ id: 1, name: 'car' }] };
  const path = join(dir, 'poly.json');
  await writeFile(path, JSON.stringify(doc));
  await importCoco(projectId, path, 'labels');
  const a = await h.deps.db.selectFrom('annotations').select('payload').where('project_id', '=', projectId).executeTakeFirstOrThrow();
  const [o] = (a.payload as { objects: Array<{ kind: string; geometry: unknown }> }).objects;
  assert.equal(o!.kind, 'bbox2d');
  assert.deepEqual(o!.geometry, { x: 10, y: 20, width: 30, height: 40 });
});

test('a zip with its images: the images are stored, and an export with media names them inside the archive', needsSharedData, async () => {
  const projectId = await newProject('zip with images', ['annotate'], [{ name: 'person', kind: 'bbox2d', attributes: [] }]);
  const { zipSync } = await import('fflate');
  const json = await readFile(await cocoFile('zipped.json', 1, (d) => { d.annotations = d.annotations.filter((a: { category_id: number }) => a.category_id === 1); }));
  const image = await readFile(join(IMAGES, '000000000009.jpg'));
  const zip = zipSync({ 'dataset/annotations/instances.json': new Uint8Array(json), 'dataset/images/000000000009.jpg': new Uint8Array(image) });
  const received = await interop.receive((async function* () { yield Buffer.from(zip); })(), 'dataset.zip');
  try {
    const source = await diskSource(received.path);
    const report = await labelImporter.importLabelled(h.deps, h.admin, { ...source, name: 'dataset.zip' }, {
      projectId, as: 'labels', strict: true, skipInvalid: false, places: { root: received.path, sourceOnDisk: false, dirs: [], mediaDir: join(dir, 'media') },
    });
    assert.equal(report.format, 'coco', 'detected');
    assert.equal(report.imported, 1);
  } finally {
    await received.cleanup();
  }
  const [item] = await rows(projectId);
  assert.ok(item!.asset!.startsWith(join(dir, 'media')), 'stored in the media folder, so it outlives the upload');
  const out = await formatExporter.exportFormatted(h.deps, h.admin, projectId, { format: 'coco', which: 'accepted', withMedia: true, media: { mediaDir: join(dir, 'media'), roots: [] } });
  const files = unzipSync(await bytes(interop.zipFiles(out.files)));
  assert.deepEqual(Object.keys(files).filter((n) => n.startsWith('images/')), ['images/000000000009.jpg']);
  assert.equal(files['images/000000000009.jpg']!.length, image.length);
});

async function bytes(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  return new Uint8Array(Buffer.concat(parts));
}

test('YOLO coco128 as labels: the two label files whose images are missing are left out and listed, not an error; --strict refuses them', needsSharedData, async () => {
  const categories = JSON.parse(await readFile(join(COCO128, 'instances_train2017_coco128.json'), 'utf8')).categories as Array<{ name: string }>;
  const projectId = await newProject('yolo coco128', ['annotate'], categories.map((c) => ({ name: c.name, kind: 'bbox2d', attributes: [] })));
  const importYolo = async (strict: boolean) => labelImporter.importLabelled(h.deps, h.admin, { ...(await diskSource(COCO128)), name: COCO128 }, {
    projectId, format: 'yolo', as: 'labels', strict, skipInvalid: false, places: { root: COCO128, sourceOnDisk: true, dirs: [], mediaDir: join(dir, 'media') },
  });
  const report = await importYolo(false);
  assert.equal(report.imported, 128, '126 images with their labels, 2 images without any');
  assert.equal(report.skipped, 0);
  const left = report.problems?.find((p) => p.reason === 'label file without its image');
  assert.equal(left?.count, 2);
  assert.deepEqual(left!.examples.map((e) => e.file), ['labels/train2017/000000000656.txt', 'labels/train2017/000000000659.txt']);
  assert.equal(left!.kind, 'dropped');

  // A strict import refuses the label file without its image, naming it, and keeps nothing.
  const strictDir = join(dir, 'yolo-strict');
  await mkdir(join(strictDir, 'images'), { recursive: true });
  await mkdir(join(strictDir, 'labels'), { recursive: true });
  await writeFile(join(strictDir, 'data.yaml'), 'names: [person]\n');
  await copyFile(join(IMAGES, '000000000025.jpg'), join(strictDir, 'images/a.jpg'));
  await writeFile(join(strictDir, 'labels/a.txt'), '0 0.5 0.5 0.2 0.2\n');
  await writeFile(join(strictDir, 'labels/b.txt'), '0 0.5 0.5 0.2 0.2\n');
  const strictProject = await newProject('yolo strict', ['annotate'], [{ name: 'person', kind: 'bbox2d', attributes: [] }]);
  await assert.rejects(labelImporter.importLabelled(h.deps, h.admin, { ...(await diskSource(strictDir)), name: strictDir }, {
    projectId: strictProject, format: 'yolo', as: 'labels', strict: true, skipInvalid: false, places: { root: strictDir, sourceOnDisk: true, dirs: [], mediaDir: join(dir, 'media') },
  }), (e: Error) => {
    assert.match(e.message, /labels\/b\.txt/);
    assert.match(e.message, /left out, and a strict import refuses/);
    return true;
  });
  assert.equal((await rows(strictProject)).length, 0, 'a refused import keeps nothing');
});

test("a box past the image edge by the file's own rounding is moved in silently; by a visible part of a pixel it is noted, and --strict refuses it", needsSharedData, async () => {
  const projectId = await newProject('clamps', ['annotate'], [{ name: 'car', kind: 'bbox2d', attributes: [] }]);
  const cocoWith = async (name: string, width: number) => {
    const path = join(dir, name);
    await writeFile(path, JSON.stringify({ images: [{ id: 1, file_name: '000000000025.jpg', width: 100, height: 50 }], annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [60, 5, width, 10], area: 1, iscrowd: 0 }], categories: [{ id: 1, name: 'car' }] }));
    return path;
  };
  const hair = await importCoco(projectId, await cocoWith('hair.json', 40 + 1e-9), 'labels', false);
  assert.equal(hair.problems?.find((p) => p.reason === 'box clamped into the image'), undefined, '1e-9 px is rounding, not a change');
  await assert.rejects(importCoco(projectId, await cocoWith('third.json', 40.3), 'labels', true), /box moved into the image by 0\.3 px/);
  const noted = await importCoco(projectId, await cocoWith('third-again.json', 40.3), 'labels', false);
  assert.equal(noted.problems?.find((p) => p.reason === 'box clamped into the image')?.count, 1);
});
