// COCO on samples written after its documentation, malformed files, and what the writer notes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { px, type LabeledObject } from '@cadre/core';
import { assertSameObjects, memorySource, readAll, roundTrip, writeAll } from '@cadre/formats/testing';
import { FormatError, type ExportItem, type ReadContext } from '../types.ts';
import { broken, detection, keypoints, PERSON_KEYPOINTS } from './fixtures.ts';
import { coco } from './index.ts';
import { COCO_PATH } from './write.ts';

const noSizes: ReadContext = { imageSize: async () => null };
const one = (json: string, name = 'instances.json') => memorySource(name, { [name]: json });
const objectsOf = (r: Awaited<ReturnType<typeof readAll>>, i = 0) => r.items[i]!.annotations[0]!.objects;

test('detection sample: rings share an instance, a crowd RLE becomes traced polygons, a box stays a box', async () => {
  const r = await readAll(coco, one(detection));
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.items.map((it) => [it.media, it.width, it.height, it.line]), [['images/a.jpg', 64, 48, 6], ['b.png', 10, 10, 13]]);
  assert.deepEqual(r.items[0]!.metadata, { license: 1 });
  const car = objectsOf(r, 0);
  assert.deepEqual(car.map((o) => [o.kind, o.label, o.attributes]), [['polygon', 'car', { instance: 7 }], ['polygon', 'car', { instance: 7 }]]);
  assert.deepEqual(car[0]!.geometry, { points: [[1.5, 2.25], [9.5, 2.25], [9.5, 8.25]] });
  const [a, b, box] = objectsOf(r, 1);
  // Column-major runs [4, 3, 2, 1, 2] over 3 rows: (1,1), (1,2), (2,0) and (3,0); corner-touching parts are apart.
  const sortedRing = (o: LabeledObject | undefined) => (o?.kind === 'polygon' ? JSON.stringify([...o.geometry.points].sort()) : '');
  assert.deepEqual([sortedRing(a), sortedRing(b)].sort(), [
    JSON.stringify([[1, 1], [1, 3], [2, 1], [2, 3]]),
    JSON.stringify([[2, 0], [2, 1], [4, 0], [4, 1]]),
  ]);
  assert.deepEqual(a!.attributes, { iscrowd: true, instance: 8 });
  assert.deepEqual(r.items[1]!.notes.map((n) => [n.kind, n.reason, n.field]), [['mapped', 'rle mask traced to polygons', 'annotations[1].segmentation']]);
  assert.deepEqual([box!.kind, box!.geometry, box!.score, box!.attributes], ['bbox2d', { x: 0.125, y: 0.25, width: 4, height: 3 }, 0.75, {}]);
});

test('detection sample: a box class gets the exact bbox whatever the segmentation', async () => {
  const r = await readAll(coco, one(detection), { ...noSizes, kindOf: (l) => (l === 'car' || l === 'person' ? 'bbox2d' : undefined) });
  assert.deepEqual(objectsOf(r, 0).map((o) => [o.kind, o.geometry, o.attributes]), [['bbox2d', { x: 1.5, y: 2.25, width: 20, height: 10 }, {}]]);
  assert.deepEqual(objectsOf(r, 1).map((o) => [o.kind, o.geometry, o.attributes]), [
    ['bbox2d', { x: 1, y: 0, width: 3, height: 3 }, { iscrowd: true }],
    ['bbox2d', { x: 0.125, y: 0.25, width: 4, height: 3 }, {}],
  ]);
  // The segmentations are not kept, and the report says so (a strict import refuses it).
  const said = (i: number) => r.items[i]!.notes.map((n) => [n.kind, n.field, n.reason]);
  assert.deepEqual(said(0), [['mapped', 'annotations[0].segmentation', 'segmentation kept as its box: the class holds boxes']]);
  assert.deepEqual(said(1), [['mapped', 'annotations[1].segmentation', 'segmentation kept as its box: the class holds boxes']], 'the crowd mask; the third has no segmentation');
});

test('detection sample: COCO → COCO keeps rings in one annotation, its id, crowd and score', async () => {
  const r = await readAll(coco, one(detection));
  const items = r.items.map((it, i): ExportItem => ({ id: `i${i}`, kind: 'image', media: it.media, width: it.width, height: it.height, metadata: it.metadata, objects: it.annotations[0]!.objects }));
  const back = await roundTrip(coco, items);
  assert.deepEqual(back.errors, []);
  assert.deepEqual(back.notes, []);
  back.items.forEach((it, i) => assertSameObjects(it.annotations[0]!.objects, items[i]!.objects, 0));
  const doc = JSON.parse(back.files[COCO_PATH]!) as { annotations: Array<Record<string, unknown>>; categories: unknown[]; images: unknown[] };
  const car = doc.annotations[0]!;
  assert.equal(car.id, 7);
  assert.deepEqual(car.segmentation, [[1.5, 2.25, 9.5, 2.25, 9.5, 8.25], [12, 2.25, 21.5, 2.25, 21.5, 12.25, 12, 12.25]]);
  assert.deepEqual(car.bbox, [1.5, 2.25, 20, 10]);
  assert.equal(car.area, 24 + 95);
  assert.deepEqual(doc.annotations.map((a) => a.iscrowd), [0, 1, 0]);
  assert.equal(doc.annotations[2]!.score, 0.75);
  assert.deepEqual(doc.images[0], { id: 1, file_name: 'images/a.jpg', width: 64, height: 48, license: 1 });
});

test('keypoints sample: visible keypoints become named points of the instance, and go back as COCO keypoints', async () => {
  const r = await readAll(coco, one(keypoints));
  assert.deepEqual(r.errors, []);
  const objects = objectsOf(r);
  assert.deepEqual(objects.map((o) => [o.kind, o.label, o.attributes]), [
    ['polygon', 'person', { instance: 11 }],
    ['point2d', 'nose', { visibility: 2, instance: 11 }],
    ['point2d', 'left_shoulder', { visibility: 1, instance: 11 }],
    ['point2d', 'right_shoulder', { visibility: 2, instance: 11 }],
    ['bbox2d', 'person', {}],
  ]);
  assert.deepEqual(objects[1]!.geometry, { x: 30, y: 30 });
  const ontology = { classes: [{ name: 'person', kind: 'polygon' as const, attributes: [] }, ...PERSON_KEYPOINTS.map((name) => ({ name, kind: 'point2d' as const, attributes: [] }))] };
  const items: ExportItem[] = [{ id: 'k', kind: 'image', media: 'k.jpg', width: 100, height: 200, metadata: {}, objects }];
  const back = await roundTrip(coco, items, noSizes, ontology);
  assert.deepEqual(back.errors, []);
  assertSameObjects(back.items[0]!.annotations[0]!.objects, objects, 0);
  const doc = JSON.parse(back.files[COCO_PATH]!) as { annotations: Array<Record<string, unknown>>; categories: Array<Record<string, unknown>> };
  // Only the keypoint names the file uses, in ontology order; point classes are not categories.
  assert.deepEqual(doc.categories, [{ id: 1, name: 'person', supercategory: '', keypoints: ['nose', 'left_shoulder', 'right_shoulder'], skeleton: [] }]);
  assert.deepEqual(doc.annotations[0]!.keypoints, [30, 30, 2, 20, 50, 1, 40, 50, 2]);
  assert.equal(doc.annotations[0]!.num_keypoints, 3);
  assert.deepEqual(doc.annotations[1]!.keypoints, [0, 0, 0, 0, 0, 0, 0, 0, 0]);
});

test('compressed RLE strings decode as pycocotools writes them', async () => {
  // "432N0": runs 4, 3, 2, then 1 written as the delta -2 from the run two back, then 2 as delta 0.
  const compressed = (counts: string) => JSON.stringify({
    images: [{ id: 1, file_name: 'm.png', width: 4, height: 3 }],
    annotations: [{ id: 1, image_id: 1, category_id: 1, iscrowd: 1, bbox: [1, 0, 3, 3], segmentation: { size: [3, 4], counts } }],
    categories: [{ id: 1, name: 'crowd' }],
  });
  const plain = await readAll(coco, one(detection));
  const r = await readAll(coco, one(compressed('432N0')));
  assert.deepEqual(r.errors, []);
  assert.deepEqual(objectsOf(r).map((o) => o.geometry), objectsOf(plain, 1).slice(0, 2).map((o) => o.geometry));
});

test('malformed annotations are row problems naming file, line and field; the rest is read', async () => {
  const r = await readAll(coco, one(broken, 'bad.json'));
  const fields = r.errors.map((e) => e.field);
  assert.deepEqual(fields, [
    'categories[1].name', 'images[1].id', 'images[2].file_name',
    'annotations[0].category_id', 'annotations[1].image_id', 'annotations[2].bbox', 'annotations[3].bbox', 'annotations[4].bbox',
    'annotations[5].bbox', 'annotations[6].bbox', 'annotations[7].segmentation[0]', 'annotations[8].segmentation.counts',
    'annotations[9].segmentation.counts', 'annotations[10].segmentation.size', 'annotations[11].keypoints', 'annotations[12].score',
    'annotations[13].iscrowd', 'annotations[14].segmentation', 'annotations[15]', 'annotations[16].attributes',
  ]);
  for (const e of r.errors) {
    assert.equal(e.file, 'bad.json');
    assert.ok(e.line > 1, `${e.field} on line ${e.line}`);
    assert.ok(e.message.length > 0);
  }
  // Each element starts on its own line in this file: the lines rise with the index.
  const lines = r.errors.filter((e) => e.field.startsWith('annotations')).map((e) => e.line);
  assert.deepEqual([...lines].sort((a, b) => a - b), lines);
  assert.equal(r.items.length, 1);
  assert.deepEqual(objectsOf(r).map((o) => o.geometry), [{ x: 2, y: 2, width: 3, height: 3 }]);
});

test('files that cannot be read at all are FormatErrors with file, line and field', async () => {
  const fail = async (source: ReturnType<typeof one>) => {
    try { await readAll(coco, source); } catch (e) { assert.ok(e instanceof FormatError, String(e)); return e; }
    assert.fail('no error');
  };
  const truncated = await fail(one('{\n "images": [\n  {"id": 1,\n', 'cut.json'));
  assert.equal(truncated.file, 'cut.json');
  assert.equal(truncated.line, 4);
  const notArray = await fail(one('{"images": {}, "annotations": []}', 'x.json'));
  assert.equal(notArray.field, 'images');
  const bad = await fail(one('{"images": [],\n "annotations": [1,,2]}', 'y.json'));
  assert.equal(bad.line, 2);
  const noImages = await fail(memorySource('s', { 'a.json': '{"images": [], "annotations": [}' }));
  assert.equal(noImages.file, 'a.json');
  const none = await fail(memorySource('folder', { 'a.txt': 'x' }));
  assert.equal(none.file, 'folder');
  const latin1 = await fail(memorySource('z', { 'z.json': new Uint8Array([0x7b, 0x22, 0x69, 0x6d, 0x61, 0x67, 0x65, 0x73, 0x22, 0x3a, 0x5b, 0xe9, 0x5d, 0x7d]) }));
  assert.equal(latin1.file, 'z.json');
});

test('writer: turned boxes become corner polygons, what COCO cannot hold is noted, never dropped silently', async () => {
  const o = (id: string, label: string, rest: Partial<LabeledObject> & Pick<LabeledObject, 'kind' | 'geometry'>) => ({ id, label, attributes: {}, ...rest }) as LabeledObject;
  const items: ExportItem[] = [
    { id: 'a', kind: 'image', media: 'a.jpg', width: 100, height: 80, metadata: {}, objects: [
      o('1', 'car', { kind: 'bbox2d', geometry: { x: px(10), y: px(10), width: px(20), height: px(10), rotation: 30 } }),
      o('2', 'lane', { kind: 'polyline', geometry: { points: [[0, 0], [5, 5]] } }),
      o('3', 'nose', { kind: 'point2d', geometry: { x: px(1), y: px(1) } }),
    ] },
    { id: 'b', kind: 'image', media: 'http://x/b.jpg', metadata: {}, objects: [o('4', 'car', { kind: 'bbox2d', geometry: { x: px(1), y: px(2), width: px(3), height: px(4) } })] },
    { id: 'c', kind: 'text', media: null, text: 'hi', metadata: {}, objects: [] },
  ];
  const ontology = { classes: [{ name: 'car', kind: 'bbox2d' as const, attributes: [] }, { name: 'lane', kind: 'polyline' as const, attributes: [] }, { name: 'nose', kind: 'point2d' as const, attributes: [] }] };
  const { files, notes } = await writeAll(coco, items, ontology);
  assert.deepEqual(notes.map((n) => [n.itemId, n.field, n.kind, n.reason]), [
    ['a', 'objects[1]', 'dropped', 'polyline not held by COCO'],
    ['a', 'objects[2]', 'dropped', 'point without an instance object'],
    ['a', 'objects[0]', 'mapped', 'turned box written as polygon'],
    ['b', 'item', 'mapped', 'image size unknown'],
    ['c', 'item', 'dropped', 'text item not held by COCO'],
  ]);
  const doc = JSON.parse(files[COCO_PATH]!) as { images: unknown[]; annotations: Array<{ segmentation: number[][]; bbox: number[]; area: number }>; categories: unknown[] };
  assert.deepEqual(doc.categories, [{ id: 1, name: 'car', supercategory: '' }]);
  assert.deepEqual(doc.images, [{ id: 1, file_name: 'a.jpg', width: 100, height: 80 }, { id: 2, file_name: 'http://x/b.jpg' }]);
  const turned = doc.annotations[0]!;
  assert.equal(turned.segmentation[0]!.length, 8);
  assert.ok(Math.abs(turned.area - 200) < 1e-9);
  // Read back: the polygon of the corners (a box class reads the axis-aligned bounds).
  const back = await readAll(coco, memorySource('e', files));
  assert.equal(objectsOf(back)[0]!.kind, 'polygon');
  assert.equal(back.items[1]!.width, undefined);
});

test('writer: instance values that are not ids are kept as attributes; every id is unique', async () => {
  const poly = (id: string, instance: unknown, x: number) => ({ id, label: 'car', kind: 'polygon', attributes: { instance }, geometry: { points: [[x, 0], [x + 1, 0], [x, 1]] } }) as LabeledObject;
  const items: ExportItem[] = [
    { id: 'a', kind: 'image', media: 'a.jpg', width: 10, height: 10, metadata: {}, objects: [poly('1', 'left', 0), poly('2', 'left', 2), poly('3', 3, 4), poly('4', 3, 6)] },
    { id: 'b', kind: 'image', media: 'b.jpg', width: 10, height: 10, metadata: {}, objects: [poly('5', 3, 0), poly('6', 3, 2), poly('7', 1, 4)] },
  ];
  const back = await roundTrip(coco, items);
  assert.deepEqual(back.errors, []);
  back.items.forEach((it, i) => assertSameObjects(it.annotations[0]!.objects, items[i]!.objects, 0));
  const doc = JSON.parse(back.files[COCO_PATH]!) as { annotations: Array<{ id: number; segmentation: unknown[]; attributes?: unknown }> };
  const ids = doc.annotations.map((a) => a.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual(doc.annotations.map((a) => a.segmentation.length), [2, 2, 2, 1]);
});

test('detect: COCO JSON by its first bytes, not Label Studio or Datumaro JSON', async () => {
  assert.ok((await coco.detect(one(detection))) >= 0.9);
  assert.ok((await coco.detect(memorySource('f', { 'annotations/instances_val.json': keypoints, 'images/k.jpg': 'x' }))) >= 0.9);
  assert.equal(await coco.detect(memorySource('ls', { 'export.json': '[{"id": 1, "annotations": [], "data": {"image": "a.jpg"}}]' })), 0);
  assert.ok((await coco.detect(memorySource('dm', { 'default.json': '{"info": {}, "categories": {"label": {"labels": []}}, "items": [{"annotations": []}]}' }))) < 0.5);
  assert.equal(await coco.detect(memorySource('y', { 'data.yaml': 'names: [a]' })), 0);
});

test('writer streams: two passes over the items, the file in pieces, images and annotations one a line', async () => {
  let passes = 0;
  const many = async function* () {
    passes++;
    for (let i = 0; i < 3000; i++) {
      yield { id: `i${i}`, kind: 'image' as const, media: `img/${i}.jpg`, width: 640, height: 480, metadata: {}, objects: [
        { id: 'o', label: 'car', kind: 'bbox2d' as const, attributes: {}, geometry: { x: px(i / 3), y: px(1 / 7), width: px(10), height: px(Math.PI) } },
      ] };
    }
  };
  const ontology = { classes: [{ name: 'car', kind: 'bbox2d' as const, attributes: [] }] };
  const notes: unknown[] = [];
  const pieces: string[] = [];
  for await (const f of coco.write(many, { ontology, projectName: 'p', note: (n) => notes.push(n) })) {
    assert.equal(f.path, COCO_PATH);
    for await (const piece of f.content) pieces.push(String(piece));
  }
  assert.equal(passes, 2);
  assert.ok(pieces.length > 2, `${pieces.length} pieces`);
  const text = pieces.join('');
  const doc = JSON.parse(text) as { images: unknown[]; annotations: Array<{ bbox: number[] }> };
  assert.equal(doc.images.length, 3000);
  assert.deepEqual(doc.annotations[1000]!.bbox, [1000 / 3, 1 / 7, 10, Math.PI]);
  const r = await readAll(coco, one(text));
  assert.deepEqual(r.errors, []);
  assert.equal(r.items[2999]!.line, 3002);
  assert.deepEqual(notes, []);
});
