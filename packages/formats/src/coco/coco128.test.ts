// COCO on real data: coco128's instances JSON (929 polygon annotations, 10 crowd RLE masks).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { needsSharedData, SHARED_DATA } from '../../../core/src/testing/shared-data.ts';
import { diskSource } from '@cadre/formats/node';
import { asExportItems, assertSameObjects, ontologyOf, readAll, roundTrip } from '@cadre/formats/testing';
import type { ReadContext } from '../types.ts';
import { coco } from './index.ts';

const DIR = join(SHARED_DATA, 'images/coco128');
const JSON_FILE = join(DIR, 'instances_train2017_coco128.json');
const noSizes: ReadContext = { imageSize: async () => null };
const boxes: ReadContext = { ...noSizes, kindOf: () => 'bbox2d' };

test('coco128: every image and annotation is read; crowd masks are traced and noted', needsSharedData, async () => {
  const { items, errors } = await readAll(coco, await diskSource(JSON_FILE));
  assert.deepEqual(errors, []);
  assert.equal(items.length, 128);
  const objects = items.flatMap((it) => it.annotations[0]!.objects);
  const first = items[0]!;
  assert.equal(first.media, '000000000009.jpg');
  assert.equal(first.width, 640);
  assert.equal(first.height, 480);
  assert.equal(first.metadata.coco_url, 'http://images.cocodataset.org/train2017/000000000009.jpg');
  const crowd = objects.filter((o) => o.attributes.iscrowd === true);
  assert.ok(crowd.length >= 10, `${crowd.length} crowd objects`);
  const traced = items.flatMap((it) => it.notes).filter((n) => n.reason === 'rle mask traced to polygons');
  assert.equal(traced.length, 10);
  assert.ok(objects.every((o) => o.kind === 'polygon'));
});

test('coco128: the traced outline of a crowd mask holds as many pixels as the mask', needsSharedData, async () => {
  const { items } = await readAll(coco, await diskSource(JSON_FILE));
  const image = items.find((it) => it.media === '000000000257.jpg')!;
  const crowd = image.annotations[0]!.objects.filter((o) => o.attributes.iscrowd === true);
  const area = crowd.reduce((s, o) => s + (o.kind === 'polygon' ? shoelace(o.geometry.points) : 0), 0);
  // The mask's pixels: the odd runs of its counts (this mask has no holes).
  const doc = JSON.parse(await readFile(JSON_FILE, 'utf8')) as { annotations: Array<{ image_id: number; segmentation: unknown }> };
  const rle = doc.annotations.find((a) => a.image_id === 257 && !Array.isArray(a.segmentation))!.segmentation as { counts: number[] };
  assert.equal(area, rle.counts.reduce((s, n, i) => s + (i % 2 ? n : 0), 0));
  assert.equal(crowd.length, 17);
});

test('coco128: COCO → COCO keeps every polygon vertex for vertex, crowd flags and sizes', needsSharedData, async () => {
  const { items } = await readAll(coco, await diskSource(JSON_FILE));
  const exported = asExportItems(items);
  const back = await roundTrip(coco, exported);
  assert.deepEqual(back.errors, []);
  assert.deepEqual(back.notes, []);
  assert.equal(back.items.length, 128);
  back.items.forEach((it, i) => {
    assert.equal(it.media, items[i]!.media);
    assert.equal(it.width, items[i]!.width);
    assert.deepEqual(it.metadata, items[i]!.metadata);
    assertSameObjects(it.annotations[0]!.objects, exported[i]!.objects, 0, `${it.media}: `);
  });
});

test('coco128: read as boxes, COCO → COCO keeps every bbox exactly', needsSharedData, async () => {
  const { items, errors } = await readAll(coco, await diskSource(JSON_FILE), boxes);
  assert.deepEqual(errors, []);
  const exported = asExportItems(items);
  assert.equal(exported.reduce((n, it) => n + it.objects.length, 0), 939);
  const back = await roundTrip(coco, exported, boxes, ontologyOf(exported));
  assert.deepEqual(back.errors, []);
  back.items.forEach((it, i) => assertSameObjects(it.annotations[0]!.objects, exported[i]!.objects, 0, `${it.media}: `));
  // The bboxes are the file's own numbers.
  const raw = JSON.parse(back.files['annotations/instances_default.json']!) as { annotations: Array<{ bbox: number[] }> };
  const original = JSON.parse(await readFile(JSON_FILE, 'utf8')) as { annotations: Array<{ bbox: number[] }> };
  assert.deepEqual(raw.annotations.map((a) => a.bbox).sort(byBox), original.annotations.map((a) => a.bbox).sort(byBox));
});

const byBox = (a: number[], b: number[]) => a.join() < b.join() ? -1 : a.join() > b.join() ? 1 : 0;

function shoelace(points: Array<[number, number]>): number {
  let s = 0;
  points.forEach(([x1, y1], i) => { const [x2, y2] = points[(i + 1) % points.length]!; s += x1 * y2 - x2 * y1; });
  return Math.abs(s) / 2;
}
