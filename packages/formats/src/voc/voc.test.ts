import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectFormat } from '../registry.ts';
import type { LabeledObject } from '@cadre/core';
import { asExportItems, assertSameObjects, memorySource, readAll, roundTrip, writeAll } from '../testing/index.ts';
import { cvatVoc, voc2007 } from './fixtures.ts';
import { voc } from './index.ts';

const box = (label: string, x: number, y: number, width: number, height: number, attributes: Record<string, unknown> = {}, rotation?: number) =>
  ({ id: label, label, kind: 'bbox2d', geometry: { x, y, width, height, ...(rotation ? { rotation } : {}) }, attributes }) as LabeledObject;

const dataset = () => memorySource('voc', {
  'Annotations/000001.xml': voc2007,
  'Annotations/street/frame_07.xml': cvatVoc,
  'ImageSets/Main/train.txt': '000001\n',
  'ImageSets/Main/default.txt': 'street/frame_07\n',
  'labelmap.txt': '# label:color_rgb:parts:actions\ndog:0,0,128::\n',
});

test('the VOC2007 example reads to boxes with pose, truncated and difficult, and notes the dropped part', async () => {
  const { items, errors } = await readAll(voc, dataset());
  assert.deepEqual(errors, []);
  assert.equal(items.length, 2);
  const [first] = items;
  assert.equal(first!.media, '000001.jpg');
  assert.deepEqual([first!.width, first!.height], [353, 500]);
  assert.equal(first!.metadata.folder, 'VOC2007');
  assert.equal(first!.metadata.subset, 'train');
  assertSameObjects(first!.annotations[0]!.objects, [
    box('dog', 48, 240, 147, 131, { pose: 'Left', truncated: true, difficult: false }),
    box('person', 8, 12, 344, 486, { truncated: false, difficult: true }),
  ]);
  assert.deepEqual(first!.notes.map((n) => [n.kind, n.reason, n.field]), [['dropped', 'voc part', 'object[1].part']]);
});

test("CVAT's VOC export keeps the path in filename, occluded, and typed free attributes", async () => {
  const { items } = await readAll(voc, dataset());
  const street = items[1]!;
  assert.equal(street.media, 'street/frame_07.png');
  assert.equal(street.metadata.subset, undefined);
  assertSameObjects(street.annotations[0]!.objects, [
    box('car', 10.5, 20.25, 100.25, 59.75, { truncated: false, difficult: false, occluded: true, color: 'red & white', parked: true, doors: 4 }),
  ]);
});

test('import, export and import again gives the same items, subsets and files', async () => {
  const first = await readAll(voc, dataset());
  const back = await roundTrip(voc, asExportItems(first.items));
  assert.deepEqual(back.errors, []);
  assert.deepEqual(Object.keys(back.files).sort(), ['Annotations/000001.xml', 'Annotations/street/frame_07.xml', 'ImageSets/Main/default.txt', 'ImageSets/Main/train.txt', 'labelmap.txt']);
  assert.equal(back.items.length, 2);
  back.items.forEach((it, i) => {
    const was = first.items[i]!;
    assert.equal(it.media, was.media);
    assert.deepEqual([it.width, it.height], [was.width, was.height]);
    assert.deepEqual(it.metadata, was.metadata);
    assertSameObjects(it.annotations[0]!.objects, was.annotations[0]!.objects, 1e-6, `item ${i} `);
  });
  assert.match(back.files['labelmap.txt']!, /^dog:::\n/m);
});

test('the writer notes what VOC cannot hold: other kinds dropped, a turned box as its bounds', async () => {
  const objects = [
    box('car', 10, 10, 20, 10, {}, 90),
    { id: 'p', label: 'lane', kind: 'polyline', geometry: { points: [[0, 0], [5, 5]] }, attributes: {} } as LabeledObject,
  ];
  const out = await roundTrip(voc, [{ id: 'a', kind: 'image', media: 'a.jpg', width: 100, height: 100, objects, metadata: {} }]);
  assert.deepEqual(out.notes.map((n) => [n.kind, n.field]), [['mapped', 'objects[0].geometry.rotation'], ['dropped', 'objects[1]']]);
  assertSameObjects(out.items[0]!.annotations[0]!.objects, [box('car', 15, 5, 10, 20, { truncated: false, difficult: false })]);
});

test('names that XML or a path cannot hold as they are are escaped and made safe', async () => {
  const objects = [box('a<b>&"c"', 1, 2, 3, 4, { note: 'x < y & "z"\u0001' })];
  const w = await writeAll(voc, [{ id: 'i', kind: 'image', media: 'https://host/dir/we ird?.jpg', objects, metadata: {} }]);
  assert.ok(w.files['Annotations/dir/we_ird_.xml']);
  const back = await readAll(voc, memorySource('x', w.files));
  assert.deepEqual(back.errors, []);
  assert.equal(back.items[0]!.media, 'https://host/dir/we ird?.jpg');
  assertSameObjects(back.items[0]!.annotations[0]!.objects, [box('a<b>&"c"', 1, 2, 3, 4, { note: 'x < y & "z"\uFFFD', truncated: false, difficult: false })]);
});

const bad = (object: string) => `<annotation>\n<filename>a.jpg</filename>\n<object>\n${object}\n</object>\n</annotation>\n`;
const bndbox = (xmin: string, ymin: string, xmax: string, ymax: string) => `<bndbox>\n<xmin>${xmin}</xmin>\n<ymin>${ymin}</ymin>\n<xmax>${xmax}</xmax>\n<ymax>${ymax}</ymax>\n</bndbox>`;

test('malformed files give row problems naming file, line and field, and reading goes on', async () => {
  const src = memorySource('bad', {
    'Annotations/broken.xml': '<annotation>\n<filename>b.jpg</filename>\n<object><name>x</name>\n</annotation>\n',
    'Annotations/flipped.xml': bad(`<name>car</name>\n${bndbox('50', '0', '10', '10')}`),
    'Annotations/nan.xml': bad(`<name>car</name>\n${bndbox('0', 'NaN', '10', '10')}`),
    'Annotations/noname.xml': bad(bndbox('0', '0', '10', '10')),
    'Annotations/nofile.xml': '<annotation><size><width>3</width></size></annotation>',
    'Annotations/flag.xml': bad(`<name>car</name>\n<difficult>maybe</difficult>\n${bndbox('0', '0', '10', '10')}`),
    'Annotations/ok.xml': bad(`<name>car</name>\n${bndbox('0', '0', '10', '10')}`),
  });
  const { items, errors } = await readAll(voc, src);
  const got = errors.map((e) => `${e.file}:${e.line}:${e.field}`);
  assert.deepEqual(got, [
    'Annotations/broken.xml:4:xml',
    'Annotations/flag.xml:5:object[0].difficult',
    'Annotations/flipped.xml:5:object[0].bndbox',
    'Annotations/nan.xml:7:object[0].bndbox.ymin',
    'Annotations/nofile.xml:1:annotation.filename',
    'Annotations/noname.xml:3:object[0].name',
  ]);
  assert.match(errors[0]!.message, /annotation|object/);
  assert.match(errors[2]!.message, /xmax 10 is not right of xmin 50/);
  // Each file with a bad object still gives its item, without that object.
  assert.deepEqual(items.map((i) => [i.file, i.annotations[0]!.objects.length]), [
    ['Annotations/flag.xml', 0], ['Annotations/flipped.xml', 0], ['Annotations/nan.xml', 0], ['Annotations/noname.xml', 0], ['Annotations/ok.xml', 1],
  ]);
});

test('detect: sure of Annotations/*.xml with an <annotation> root, not of other XML', async () => {
  assert.ok((await voc.detect(dataset())) >= 0.9);
  assert.equal(await detectFormat(dataset()), 'voc');
  assert.ok((await voc.detect(memorySource('one', { 'a.xml': voc2007 }))) >= 0.5);
  assert.equal(await voc.detect(memorySource('cvat', { 'annotations.xml': '<?xml version="1.0"?>\n<annotations><version>1.1</version></annotations>' })), 0);
  assert.equal(await voc.detect(memorySource('json', { 'a.json': '{}' })), 0);
});

test('an ImageSets list that is not UTF-8 is a FormatError naming the file, never a TypeError', async () => {
  const list = new TextEncoder().encode('000001\nframe_07\n');
  list[2] = 0xfe;
  await assert.rejects(readAll(voc, memorySource('v', { 'Annotations/000001.xml': voc2007, 'ImageSets/Main/train.txt': list })),
    (e: Error) => e.name === 'FormatError' && e.message.startsWith('ImageSets/Main/train.txt: ') && /UTF-8/.test(e.message));
});
