// YOLO on real data: coco128's labels (Ultralytics layout, config.yaml naming 80 classes), with
// image sizes from the COCO JSON of the same images.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { needsSharedData, SHARED_DATA } from '../../../core/src/testing/shared-data.ts';
import { diskSource } from '@cadre/formats/node';
import { asExportItems, assertSameObjects, memorySource, ontologyOf, readAll, writeAll } from '@cadre/formats/testing';
import { baseOf, stemOf } from '../source.ts';
import type { LabeledObject } from '@cadre/core';
import type { ReadContext } from '../types.ts';
import { coco } from '../coco/index.ts';
import { yolo } from './index.ts';

const DIR = join(SHARED_DATA, 'images/coco128');
const JSON_FILE = join(DIR, 'instances_train2017_coco128.json');

/** Sizes by image stem, so a label file's media without extension finds its image too. */
async function sizes(): Promise<ReadContext> {
  const doc = JSON.parse(await readFile(JSON_FILE, 'utf8')) as { images: Array<{ file_name: string; width: number; height: number }> };
  const byStem = new Map(doc.images.map((i) => [stemOf(i.file_name), { width: i.width, height: i.height }]));
  return { imageSize: async (media) => byStem.get(stemOf(baseOf(media))) ?? null, kindOf: () => 'bbox2d' };
}

test('coco128: every label file is read beside its image, with the names of config.yaml', needsSharedData, async () => {
  const { items, errors } = await readAll(yolo, await diskSource(DIR), await sizes());
  // coco128 has two label files whose images it lacks (and the COCO JSON has no size for): each a
  // problem naming the file; and two images without labels: items without objects.
  assert.deepEqual(errors.map((e) => [e.file, e.line, e.field]), [['labels/train2017/000000000656.txt', 0, 'image'], ['labels/train2017/000000000659.txt', 0, 'image']]);
  assert.equal(items.length, 128);
  assert.deepEqual(items.filter((it) => it.annotations[0]!.objects.length === 0).map((it) => it.media), ['images/train2017/000000000250.jpg', 'images/train2017/000000000508.jpg']);
  const objects = items.flatMap((it) => it.annotations[0]!.objects);
  assert.equal(objects.length, 929);
  assert.ok(objects.every((o) => o.kind === 'bbox2d'));
  const first = items[0]!;
  assert.equal(first.media, 'images/train2017/000000000009.jpg');
  assert.equal(first.file, 'labels/train2017/000000000009.txt');
  assert.deepEqual(first.annotations[0]!.objects.map((o) => o.label), ['bowl', 'bowl', 'broccoli', 'bowl', 'orange', 'orange', 'orange', 'orange']);
});

test('coco128: YOLO → YOLO keeps every box within 1e-6 px', needsSharedData, async () => {
  const ctx = await sizes();
  const { items } = await readAll(yolo, await diskSource(DIR), ctx);
  const exported = asExportItems(items);
  const { files, notes } = await writeAll(yolo, exported);
  assert.deepEqual(notes, []);
  assert.ok(files['labels/train2017/000000000009.txt']);
  const back = await readAll(yolo, memorySource('export', files), ctx);
  assert.deepEqual(back.errors, []);
  assert.equal(back.items.length, 128);
  back.items.forEach((it, i) => {
    // Without the images, media is the label's path under images/ with the extension unknown.
    assert.equal(it.media, stemOf(exported[i]!.media!));
    assertSameObjects(it.annotations[0]!.objects, exported[i]!.objects, 1e-6, `${it.media}: `);
  });
});

test('coco128: COCO → YOLO → COCO keeps every box within 0.5 px', needsSharedData, async () => {
  const boxes: ReadContext = { imageSize: async () => null, kindOf: () => 'bbox2d' };
  const original = await readAll(coco, await diskSource(JSON_FILE), boxes);
  const exported = asExportItems(original.items);
  const ontology = ontologyOf(exported);
  const asYolo = await writeAll(yolo, exported, ontology);
  assert.deepEqual(asYolo.notes, []);
  const bySize = new Map(original.items.map((it) => [stemOf(it.media!), { width: it.width!, height: it.height! }]));
  const fromYolo = await readAll(yolo, memorySource('yolo', asYolo.files), { imageSize: async (m) => bySize.get(stemOf(baseOf(m))) ?? null, kindOf: () => 'bbox2d' });
  assert.deepEqual(fromYolo.errors, []);
  const again = asExportItems(fromYolo.items).map((it, i) => ({ ...it, media: exported[i]!.media }));
  const asCoco = await writeAll(coco, again, ontology);
  const back = await readAll(coco, memorySource('coco', asCoco.files), boxes);
  assert.equal(back.items.length, 128);
  back.items.forEach((it, i) => {
    assert.equal(it.media, exported[i]!.media);
    const strip = (objects: typeof exported[0]['objects']) => objects.map((o) => ({ ...o, attributes: {} }));
    // YOLO holds no crowd flag: compare the boxes.
    assertSameObjects(strip(it.annotations[0]!.objects), strip(exported[i]!.objects), 0.5, `${it.media}: `);
  });
});

test('coco128: the YOLO labels are the COCO JSON boxes (crowds aside) within 0.01 px', needsSharedData, async () => {
  const fromYolo = await readAll(yolo, await diskSource(DIR), await sizes());
  const fromCoco = await readAll(coco, await diskSource(JSON_FILE), { imageSize: async () => null, kindOf: () => 'bbox2d' });
  const cocoByStem = new Map(fromCoco.items.map((it) => [stemOf(it.media!), it.annotations[0]!.objects.filter((o) => o.attributes.iscrowd !== true)]));
  const key = (o: LabeledObject) => (o.kind === 'bbox2d' ? `${o.label} ${Math.round(o.geometry.x)} ${Math.round(o.geometry.y)} ${Math.round(o.geometry.width)}` : '');
  const sorted = (list: LabeledObject[]) => [...list].map((o) => ({ ...o, attributes: {}, score: undefined })).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  let compared = 0;
  for (const it of fromYolo.items) {
    const expected = cocoByStem.get(stemOf(baseOf(it.media!)))!;
    assertSameObjects(sorted(it.annotations[0]!.objects), sorted(expected), 0.01, `${it.media}: `);
    compared += expected.length;
  }
  assert.equal(compared, 929);
});
