// YOLO on samples written after the Ultralytics and darknet documentation, malformed files, and what
// the writer notes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boxCorners, px, type LabeledObject, type Ontology } from '@cadre/core';
import { assertSameObjects, memorySource, readAll, roundTrip, writeAll } from '@cadre/formats/testing';
import { parse } from 'yaml';
import { FormatError, type ExportItem, type ReadContext } from '../types.ts';
import { yolo } from './index.ts';
import { labelPath } from './write.ts';

const IMG = new Uint8Array([0xff, 0xd8]);
/** Every image of these samples is 200 × 100. */
const sized: ReadContext = { imageSize: async () => ({ width: 200, height: 100 }) };
const objects = (r: Awaited<ReturnType<typeof readAll>>, i = 0) => r.items[i]!.annotations[0]!.objects;
const turned = { x: px(70), y: px(40), width: px(60), height: px(20), rotation: 30 };
const obbRow = (cls: number) => `${cls} ${boxCorners(turned).map(([x, y]) => `${x / 200} ${y / 100}`).join(' ')}`;

const ultralytics = memorySource('ds', {
  'data.yaml': 'path: ../datasets/sample\ntrain: images/train\nval: images/val\nnames:\n  0: car\n  1: person\n  2: road sign\n',
  'images/train/a.jpg': IMG,
  'images/train/b.png': IMG,
  'images/val/c.jpg': IMG,
  'labels/train/a.txt': '0 0.5 0.5 0.25 0.2\n1 0.1 0.1 0.4 0.1 0.4 0.4 0.1 0.35 0.05 0.2\n\n2 0.5 0.5 0.1 0.1 0.875\n',
  'labels/val/c.txt': `${obbRow(0)}\n1 0.1 0.1 0.3 0.1 0.35 0.3 0.1 0.3\n${obbRow(1)}\n`,
  'labels/val/orphan.txt': '',
});

test('Ultralytics sample: boxes, segments, scores and OBB rows; an image without labels has no objects', async () => {
  const r = await readAll(yolo, ultralytics, { ...sized, kindOf: (l) => (l === 'person' ? 'polygon' : 'bbox2d') });
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.items.map((it) => [it.media, it.file, it.width, it.annotations[0]!.objects.length]), [
    ['images/train/a.jpg', 'labels/train/a.txt', 200, 3],
    ['images/train/b.png', 'images/train/b.png', 200, 0],
    ['images/val/c.jpg', 'labels/val/c.txt', 200, 3],
    ['images/val/orphan', 'labels/val/orphan.txt', 200, 0],
  ]);
  const [box, segment, scored] = objects(r, 0);
  assert.deepEqual([box!.label, box!.kind, box!.geometry], ['car', 'bbox2d', { x: 75, y: 40, width: 50, height: 20 }]);
  assert.equal(segment!.kind, 'polygon');
  assert.equal(segment!.kind === 'polygon' && segment!.geometry.points.length, 5);
  assert.deepEqual([scored!.label, scored!.score], ['road sign', 0.875]);
  const [obb, quad, personObb] = objects(r, 2);
  assert.equal(obb!.kind, 'bbox2d');
  assertSameObjects([obb!], [{ ...obb!, geometry: turned } as LabeledObject], 1e-9);
  assert.equal(quad!.kind, 'polygon');
  // The corners of a rectangle, but the class holds polygons.
  assert.equal(personObb!.kind, 'polygon');
});

test('darknet sample: obj.names, a train.txt list names the media of labels whose images are absent', async () => {
  const source = memorySource('cvat', {
    'obj.data': 'classes = 2\ntrain = data/train.txt\nnames = data/obj.names\n',
    'obj.names': 'cat\ndog\n',
    'train.txt': 'data/obj_train_data/frame_000000.PNG\ndata/obj_train_data/frame_000001.PNG\n',
    'obj_train_data/frame_000000.txt': '1 0.5 0.5 0.5 0.5\n',
    'obj_train_data/frame_000001.txt': '',
  });
  const asked: string[] = [];
  const r = await readAll(yolo, source, { imageSize: async (m) => { asked.push(m); return { width: 10, height: 10 }; } });
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.items.map((it) => it.media), ['obj_train_data/frame_000000.PNG', 'obj_train_data/frame_000001.PNG']);
  assert.deepEqual(objects(r).map((o) => [o.label, o.geometry]), [['dog', { x: 2.5, y: 2.5, width: 5, height: 5 }]]);
  assert.deepEqual(asked, ['obj_train_data/frame_000000.PNG', 'obj_train_data/frame_000001.PNG']);
  assert.ok((await yolo.detect(source)) >= 0.5);
});

test('names as a list; without names classes are labelled by index and noted; pose keypoints are noted', async () => {
  const listed = await readAll(yolo, memorySource('l', { 'data.yaml': 'names: [cat, dog]\n', 'labels/x.txt': '1 0.5 0.5 0.2 0.2\n' }), sized);
  assert.deepEqual(objects(listed).map((o) => o.label), ['dog']);
  const bare = await readAll(yolo, memorySource('b', { 'labels/x.txt': '3 0.5 0.5 0.2 0.2\n4 0.5 0.5 0.2 0.2\n' }), sized);
  assert.deepEqual(objects(bare).map((o) => o.label), ['3', '4']);
  assert.deepEqual(bare.items[0]!.notes.map((n) => [n.kind, n.reason]), [['mapped', 'class without a name']]);
  const pose = await readAll(yolo, memorySource('p', { 'data.yaml': 'kpt_shape: [2, 3]\nnames: {0: person}\n', 'labels/x.txt': '0 0.5 0.5 0.2 0.2 0.45 0.45 2 0.55 0.45 1\n' }), sized);
  assert.deepEqual(objects(pose).map((o) => [o.kind, o.geometry]), [['bbox2d', { x: 80, y: 40, width: 40, height: 20 }]]);
  assert.deepEqual(pose.items[0]!.notes.map((n) => [n.kind, n.reason, n.line]), [['dropped', 'yolo pose keypoints', 1]]);
});

test('malformed rows are problems naming file, line and column; the other rows are read', async () => {
  const rows = ['x 0.5 0.5 0.1 0.1', '7 0.5 0.5 0.1 0.1', '0 0.5 0.5 0.1', '0 0.5 abc 0.1 0.1', '0 0.5 0.5 0 0.1', '0 0.5 0.5 0.1 -2',
    '0 0.1 0.1 0.2 0.2 0.3 0.3 2', '0 0.5 0.5 0.1 0.1 1.5', '0 0.5 0.5 0.2 0.2'];
  const r = await readAll(yolo, memorySource('m', { 'data.yaml': 'names: [a]\n', 'labels/m.txt': rows.join('\n') }), sized);
  assert.deepEqual(r.errors.map((e) => [e.file, e.line, e.field]), [
    ['labels/m.txt', 1, 'column 1'], ['labels/m.txt', 2, 'column 1'], ['labels/m.txt', 3, 'row'], ['labels/m.txt', 4, 'column 3'],
    ['labels/m.txt', 5, 'column 4'], ['labels/m.txt', 6, 'column 5'], ['labels/m.txt', 7, 'column 8'], ['labels/m.txt', 8, 'column 6'],
  ]);
  assert.ok(r.errors.every((e) => e.message.length > 0));
  assert.equal(objects(r).length, 1);
});

test('a label file whose image size is unknown is left out, naming the file and the image', async () => {
  const source = memorySource('m', { 'data.yaml': 'names: [a]\n', 'labels/m.txt': '0 0.5 0.5 0.1 0.1\n', 'labels/empty.txt': '' });
  const r = await readAll(yolo, source, { imageSize: async () => null });
  assert.deepEqual(r.errors.map((e) => [e.file, e.line, e.field]), [['labels/m.txt', 0, 'image']]);
  assert.match(r.errors[0]!.message, /images\/m/);
  assert.deepEqual(r.items.map((it) => it.media), ['images/empty']);
  const results = [];
  for await (const x of yolo.read(source, { imageSize: async () => null })) results.push(x);
  assert.deepEqual(results.flatMap((x) => (x.ok ? [] : [x.leftOut])), ['label file without its image'], 'left out and listed, not an error of the file');
});

test('sources that cannot be read are FormatErrors with file, line and field', async () => {
  const fail = async (files: Record<string, string>) => {
    try { await readAll(yolo, memorySource('src', files), sized); } catch (e) { assert.ok(e instanceof FormatError, String(e)); return e; }
    assert.fail('no error');
  };
  const yamlError = await fail({ 'data.yaml': 'names:\n  0: a\n   1: [b\n', 'labels/a.txt': '' });
  assert.equal(yamlError.file, 'data.yaml');
  assert.ok(yamlError.line > 0);
  const names = await fail({ 'data.yaml': 'train: x\nnames: cat\n', 'labels/a.txt': '' });
  assert.deepEqual([names.file, names.line, names.field], ['data.yaml', 2, 'names']);
  const key = await fail({ 'data.yaml': 'names:\n  zero: cat\n', 'labels/a.txt': '' });
  assert.equal(key.field, 'names.zero');
  const none = await fail({ 'data.yaml': 'names: [a]\n' });
  assert.equal(none.file, 'src');
});

test('writer: data.yaml in ontology order, boxes, turned boxes and polygons round-trip within 1e-6 px', async () => {
  const ontology: Ontology = { classes: [
    { name: 'road sign', kind: 'polygon', attributes: [] }, { name: 'lane', kind: 'polyline', attributes: [] },
    { name: 'yes', kind: 'bbox2d', attributes: [] }, { name: 'nose', kind: 'point2d', attributes: [] },
  ] };
  const o = (id: string, label: string, rest: Pick<LabeledObject, 'kind' | 'geometry'>) => ({ id, label, attributes: {}, ...rest }) as LabeledObject;
  const items: ExportItem[] = [
    { id: 'a', kind: 'image', media: 'images/train/a.jpg', width: 640, height: 427, metadata: {}, objects: [
      o('1', 'yes', { kind: 'bbox2d', geometry: { x: px(10.123456789), y: px(20.5), width: px(100.25), height: px(33.333333333) } }),
      o('2', 'yes', { kind: 'bbox2d', geometry: { x: px(200), y: px(100), width: px(80), height: px(30), rotation: -70 } }),
      o('3', 'road sign', { kind: 'polygon', geometry: { points: [[1, 2], [300.5, 2.25], [299, 400.125], [4, 390]] } }),
      o('4', 'lane', { kind: 'polyline', geometry: { points: [[0, 0], [5, 5]] } }),
      o('5', 'nose', { kind: 'point2d', geometry: { x: px(1), y: px(1) } }),
    ] },
    { id: 'b', kind: 'image', media: 'https://cdn.example.com/x/b.jpeg?sig=1', metadata: {}, objects: [o('6', 'yes', { kind: 'bbox2d', geometry: { x: px(1), y: px(1), width: px(2), height: px(2) } })] },
    { id: 'c', kind: 'image', media: 'https://cdn.example.com/y/c.jpg', metadata: {}, objects: [] },
    { id: 'd', kind: 'text', media: null, text: 'hi', metadata: {}, objects: [] },
  ];
  const ctx: ReadContext = { imageSize: async () => ({ width: 640, height: 427 }), kindOf: (l) => ontology.classes.find((c) => c.name === l)?.kind };
  const back = await roundTrip(yolo, items, ctx, ontology);
  assert.deepEqual(Object.keys(back.files).sort(), ['data.yaml', 'labels/c.txt', 'labels/train/a.txt']);
  assert.deepEqual(parse(back.files['data.yaml']!).names, { 0: 'road sign', 1: 'yes' });
  assert.deepEqual(back.notes.map((n) => [n.itemId, n.field, n.kind, n.reason]), [
    ['a', 'objects[3]', 'dropped', 'polyline not held by YOLO'],
    ['a', 'objects[4]', 'dropped', 'point2d not held by YOLO'],
    ['b', 'item', 'dropped', 'image size unknown'],
    ['d', 'item', 'dropped', 'text item not held by YOLO'],
  ]);
  assert.deepEqual(back.errors, []);
  const a = back.items.find((it) => it.media === 'images/train/a')!;
  assertSameObjects(a.annotations[0]!.objects, items[0]!.objects.slice(0, 3), 1e-6);
  // With a polygon class it is a segmentation dataset: every row is corners or points, as Ultralytics
  // reads a file (a 5-column box among segments would be taken for two points).
  const rows = back.files['labels/train/a.txt']!.trim().split('\n').map((r) => r.split(' ').length);
  assert.deepEqual(rows, [9, 9, 9]);
  assert.equal(back.files['labels/c.txt'], '');
});

test('writer: boxes stay 5 columns in a box-only dataset; a file holding a turned box writes its other boxes by their corners', async () => {
  const ontology: Ontology = { classes: [{ name: 'car', kind: 'bbox2d', attributes: [] }] };
  const box = (id: string, rotation?: number) => ({ id, label: 'car', attributes: {}, kind: 'bbox2d', geometry: { x: px(10), y: px(20), width: px(100), height: px(50), ...(rotation ? { rotation } : {}) } }) as LabeledObject;
  const items: ExportItem[] = [
    { id: 'a', kind: 'image', media: 'images/a.jpg', width: 640, height: 480, metadata: {}, objects: [box('1'), box('2')] },
    { id: 'b', kind: 'image', media: 'images/b.jpg', width: 640, height: 480, metadata: {}, objects: [box('3'), box('4', 20)] },
  ];
  const ctx: ReadContext = { imageSize: async () => ({ width: 640, height: 480 }), kindOf: () => 'bbox2d' };
  const back = await roundTrip(yolo, items, ctx, ontology);
  const columns = (f: string) => back.files[f]!.trim().split('\n').map((r) => r.split(' ').length);
  assert.deepEqual(columns('labels/a.txt'), [5, 5]);
  assert.deepEqual(columns('labels/b.txt'), [9, 9]);
  for (const [i, media] of [[0, 'images/a'], [1, 'images/b']] as const) {
    assertSameObjects(back.items.find((it) => it.media === media)!.annotations[0]!.objects, items[i]!.objects, 1e-6);
  }
});

test('labelPath: below images/, no "..", URLs by their last part', () => {
  assert.equal(labelPath('images/train/a.jpg'), 'labels/train/a.txt');
  assert.equal(labelPath('a.b.png'), 'labels/a.b.txt');
  assert.equal(labelPath('../../secret/x.jpg'), 'labels/secret/x.txt');
  assert.equal(labelPath('C:\\data\\y.jpg'), 'labels/data/y.txt');
  assert.equal(labelPath('s3://bucket/p/q.jpg'), 'labels/q.txt');
});

test('detect: data.yaml or YOLO rows under labels/, not COCO JSON or VOC', async () => {
  assert.ok((await yolo.detect(ultralytics)) >= 0.9);
  assert.ok((await yolo.detect(memorySource('x', { 'labels/a.txt': '0 0.5 0.5 0.1 0.1\n' }))) >= 0.5);
  assert.equal(await yolo.detect(memorySource('x', { 'annotations.json': '{"images": []}' })), 0);
  assert.equal(await yolo.detect(memorySource('x', { 'Annotations/a.xml': '<annotation/>', 'ImageSets/Main/train.txt': 'a\n' })), 0);
});

test('detect: a folder of label files alone, by its rows', async () => {
  assert.ok((await yolo.detect(memorySource('labels', { 'train/a.txt': '0 0.5 0.5 0.1 0.1\n' }))) >= 0.5);
  assert.equal(await yolo.detect(memorySource('notes', { 'a.txt': 'hello world\n' })), 0);
});

test('a label file named like an image list below the top is still a label file', async () => {
  const r = await readAll(yolo, memorySource('s', { 'data.yaml': 'names: [a]\n', 'images/train.jpg': IMG, 'labels/train.txt': '0 0.5 0.5 0.1 0.1\n' }), sized);
  assert.deepEqual(r.items.map((it) => [it.media, it.annotations[0]!.objects.length]), [['images/train.jpg', 1]]);
});
