import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectFormat } from '../registry.ts';
import type { LabeledObject } from '@cadre/core';
import { asExportItems, assertSameObjects, memorySource, readAll, roundTrip, writeAll } from '../testing/index.ts';
import { imagesDump, videoDump } from './fixtures.ts';
import { cvat } from './index.ts';

type Extra = Partial<Pick<LabeledObject, 'trackId' | 'frame' | 'keyframe'>>;
const obj = (label: string, kind: LabeledObject['kind'], geometry: unknown, attributes: Record<string, unknown> = {}, extra: Extra = {}) =>
  ({ id: '', label, kind, geometry, attributes, ...extra }) as LabeledObject;
const box = (label: string, x: number, y: number, w: number, h: number, attributes: Record<string, unknown> = {}, extra: Extra = {}, rotation?: number) =>
  obj(label, 'bbox2d', { x, y, width: w, height: h, ...(rotation ? { rotation } : {}) }, attributes, extra);

const images = () => memorySource('task', { 'annotations.xml': imagesDump });
const video = () => memorySource('video', { 'annotations.xml': videoDump });
const outsideFrames = (xml: string) => [...xml.matchAll(/<track id="(\d+)"[^>]*>([\s\S]*?)<\/track>/g)]
  .map(([, id, body]) => `${id}:${[...body!.matchAll(/frame="(\d+)" outside="1"/g)].map((m) => m[1]).join(',')}`);

test('the "for images" example reads to boxes, polygons, polylines and points, typed by the meta labels', async () => {
  const { items, errors } = await readAll(cvat, images());
  assert.deepEqual(errors, []);
  assert.deepEqual(items.map((i) => [i.media, i.width, i.height]), [['filename000.jpg', 1600, 1200], ['sub/filename001.jpg', 1600, 1200]]);
  assertSameObjects(items[0]!.annotations[0]!.objects, [
    box('plate', 797.33, 870.92, 965.52 - 797.33, 928.94 - 870.92, { z_order: 4 }),
    obj('car', 'polygon', { points: [[561.3, 916.23], [561.3, 842.77], [554.72, 761.63], [553.62, 704.65]] }, { occluded: true, parked: true, model: '12', doors: 4 }),
    obj('traffic_line', 'polyline', { points: [[462.1, 0], [126.8, 1200]] }, { z_order: 3 }),
    obj('wheel', 'point2d', { x: 574.9, y: 939.48 }, { z_order: 5 }),
    obj('wheel', 'point2d', { x: 1170.16, y: 907.9 }, { z_order: 5 }),
  ]);
  assert.deepEqual(items[0]!.notes.map((n) => [n.kind, n.reason, n.field]), [
    ['mapped', 'cvat points as single points', 'image[0].points[0]'], ['dropped', 'cvat tag', 'image[0].tag[0]'],
  ]);
  const second = items[1]!.annotations[0]!.objects;
  assertSameObjects([second[0]!], [box('car', 100, 200, 200, 60, { model: 'Mini & Co' }, {}, 30.5)]);
  assert.equal(second[1]!.kind, 'polygon');
  const ring = (second[1]!.geometry as { points: number[][] }).points;
  assert.deepEqual(ring[0]!.map((v) => Math.round(v * 1e6) / 1e6), [50, 70]); // turned 90° clockwise: the x radius points down
  assert.deepEqual(items[1]!.notes.map((n) => [n.kind, n.reason]), [['mapped', 'cvat ellipse as polygon'], ['dropped', 'cvat mask']]);
});

test('"for images": import, export, import gives the same objects; the meta lists labels with attribute types', async () => {
  const first = await readAll(cvat, images());
  const ontology = { classes: [
    { name: 'car', kind: 'polygon' as const, attributes: [{ name: 'parked', type: 'boolean' as const, required: false }, { name: 'model', type: 'text' as const, required: false }, { name: 'doors', type: 'number' as const, required: false, min: 2, max: 5 }] },
    { name: 'plate', kind: 'bbox2d' as const, attributes: [] },
  ] };
  const back = await roundTrip(cvat, asExportItems(first.items), undefined, ontology);
  assert.deepEqual(back.errors, []);
  assert.deepEqual(Object.keys(back.files), ['annotations.xml']);
  assert.match(back.files['annotations.xml']!, /<name>model<\/name><mutable>True<\/mutable><input_type>text<\/input_type>/);
  back.items.forEach((it, i) => {
    assert.equal(it.media, first.items[i]!.media);
    assertSameObjects(it.annotations[0]!.objects, first.items[i]!.annotations[0]!.objects, 1e-6, `item ${i} `);
  });
});

test('"for video": a sequence of named frames, objects per frame with track id and keyframe, none where outside', async () => {
  const { items, errors } = await readAll(cvat, video());
  assert.deepEqual(errors, []);
  assert.equal(items.length, 1);
  const seq = items[0]!;
  assert.equal(seq.frames!.length, 8);
  assert.deepEqual([seq.frames![0], seq.frames![6]], ['frame_000000.jpg', 'frame_000006.png']);
  assert.deepEqual([seq.media, seq.width, seq.height, seq.metadata], ['highway.mp4', 640, 480, { task: 'interpolation', source: 'highway.mp4' }]);
  const m = { model: 'sedan' };
  assertSameObjects(seq.annotations[0]!.objects, [
    box('car', 10, 20, 40, 40, m, { frame: 0, trackId: '0', keyframe: true }),
    obj('sign', 'point2d', { x: 1, y: 2 }, {}, { frame: 0, trackId: '7.0', keyframe: true }),
    obj('sign', 'point2d', { x: 3, y: 4 }, {}, { frame: 0, trackId: '7.1', keyframe: true }),
    box('car', 12, 20, 40, 40, { ...m, occluded: true }, { frame: 1, trackId: '0', keyframe: false }),
    obj('lane', 'polyline', { points: [[0, 100], [200, 300.5]] }, {}, { frame: 1, trackId: '3', keyframe: true }),
    obj('lane', 'polyline', { points: [[0, 101], [200, 301]] }, {}, { frame: 2, trackId: '3', keyframe: true }),
    box('car', 30, 20, 40, 40, m, { frame: 4, trackId: '0', keyframe: true }),
    obj('car', 'polygon', { points: [[1, 1], [9, 1], [9, 9]] }, {}, { frame: 6 }),
  ]);
});

test('"for video": frame images exported beside the XML name the frames', async () => {
  const { items } = await readAll(cvat, memorySource('zip', { 'annotations.xml': videoDump, 'images/frame_000000.PNG': '', 'images/frame_000001.PNG': '' }));
  assert.deepEqual(items[0]!.frames!.slice(0, 3), ['images/frame_000000.PNG', 'images/frame_000001.PNG', 'frame_000002.jpg']);
});

test('"for video": import, export, import keeps objects, tracks and the outside frames', async () => {
  const first = await readAll(cvat, video());
  const back = await roundTrip(cvat, asExportItems(first.items));
  assert.deepEqual(back.errors, []);
  assert.deepEqual(back.notes, []);
  const xml = back.files['annotations.xml']!;
  assert.deepEqual(outsideFrames(xml), outsideFrames(videoDump));
  assert.deepEqual(outsideFrames(xml), ['0:2,5', '3:3', '7:1']);
  assert.deepEqual(back.items[0]!.frames, first.items[0]!.frames);
  assert.deepEqual(back.items[0]!.metadata, first.items[0]!.metadata);
  assertSameObjects(back.items[0]!.annotations[0]!.objects, first.items[0]!.annotations[0]!.objects);
});

test('track ids that are not CVAT numbers are renumbered with a note; images and a sequence go to separate files', async () => {
  const objects = [
    box('car', 1, 1, 5, 5, {}, { frame: 0, trackId: 'car-a', keyframe: true }),
    box('car', 2, 1, 5, 5, {}, { frame: 1, trackId: 'car-a', keyframe: true }),
    box('car', 9, 9, 5, 5, {}, { frame: 0, trackId: '0', keyframe: true }),
  ];
  const out = await roundTrip(cvat, [
    { id: 'seq', kind: 'image', media: null, frames: ['a.jpg', 'b.jpg', 'c.jpg'], objects, metadata: {} },
    { id: 'img', kind: 'image', media: 'x.jpg', objects: [box('car', 1, 2, 3, 4)], metadata: {} },
  ]);
  assert.deepEqual(Object.keys(out.files).sort(), ['annotations.xml', 'seq/annotations.xml']);
  assert.deepEqual(out.notes.map((n) => [n.kind, n.reason]), [['mapped', 'track id renumbered']]);
  const seq = out.items.find((i) => i.frames)!;
  assert.deepEqual(seq.annotations[0]!.objects.map((o) => [o.frame, o.trackId]), [[0, '0'], [0, '1'], [1, '1']]);
});

test('the writer escapes labels, names and attribute values', async () => {
  const w = await writeAll(cvat, [{ id: 'i', kind: 'image', media: 'a "b" <c>.jpg', objects: [box('x&y', 1, 2, 3, 4, { note: 'line\nbreak & <tag> "q"' })], metadata: {} }]);
  const back = await readAll(cvat, memorySource('x', w.files));
  assert.deepEqual(back.errors, []);
  assert.equal(back.items[0]!.media, 'a "b" <c>.jpg');
  assertSameObjects(back.items[0]!.annotations[0]!.objects, [box('x&y', 1, 2, 3, 4, { note: 'line\nbreak & <tag> "q"' })]);
});

const dump = (body: string, labels = '<label><name>car</name></label>') =>
  `<?xml version="1.0" encoding="utf-8"?>\n<annotations>\n<meta><task><mode>interpolation</mode><labels>${labels}</labels></task></meta>\n${body}\n</annotations>\n`;

test('malformed dumps give row problems naming file, line and field', async () => {
  const src = memorySource('bad', {
    'a_broken.xml': '<annotations>\n<image id="0" name="a.jpg">\n<box label="car" xtl="1"\n</image>\n</annotations>',
    'b_flipped.xml': dump('<image id="0" name="a.jpg" width="10" height="10">\n<box label="car" xtl="9" ytl="1" xbr="2" ybr="5" />\n</image>').replace('interpolation', 'annotation'),
    'c_video.xml': dump([
      '<track id="0" label="bus">\n<box frame="0" outside="0" keyframe="1" xtl="1" ytl="1" xbr="2" ybr="2" />\n</track>',
      '<track id="1" label="car">',
      '<box frame="0" outside="0" keyframe="1" xtl="NaN" ytl="1" xbr="2" ybr="2" />',
      '<box frame="1" outside="0" keyframe="1" ytl="1" xbr="2" ybr="2" />',
      '<box outside="0" keyframe="1" xtl="1" ytl="1" xbr="2" ybr="2" />',
      '<polygon frame="3" outside="0" keyframe="1" points="1,2;3" />',
      '<box frame="4" outside="0" keyframe="1" xtl="1" ytl="1" xbr="2" ybr="2" />',
      '<box frame="4" outside="0" keyframe="1" xtl="1" ytl="1" xbr="2" ybr="2" />',
      '</track>',
    ].join('\n')),
  });
  const { items, errors } = await readAll(cvat, src);
  assert.deepEqual(errors.map((e) => `${e.file}:${e.line}:${e.field}`), [
    'a_broken.xml:4:xml',
    'b_flipped.xml:5:image[0].box[0].xbr',
    'c_video.xml:4:track[0].label',
    'c_video.xml:8:track[1].box[0].xtl',
    'c_video.xml:9:track[1].box[1].xtl',
    'c_video.xml:10:track[1].box[2].frame',
    'c_video.xml:11:track[1].polygon[0].points',
    'c_video.xml:13:track[1].box[4].frame',
  ]);
  assert.match(errors[2]!.message, /unknown label "bus"/);
  assert.match(errors[3]!.message, /expected a number, got "NaN"/);
  assert.match(errors[4]!.message, /is missing/);
  // The good shape of the video is kept.
  assert.deepEqual(items.map((i) => [i.file, i.annotations[0]!.objects.length]), [['b_flipped.xml', 0], ['c_video.xml', 1]]);
});

test('detect: an <annotations> root with a version is CVAT; VOC and JSON are not', async () => {
  assert.ok((await cvat.detect(images())) >= 0.9);
  assert.equal(await detectFormat(images()), 'cvat');
  assert.equal(await detectFormat(video()), 'cvat');
  assert.equal(await cvat.detect(memorySource('voc', { 'Annotations/a.xml': '<annotation><filename>a.jpg</filename></annotation>' })), 0);
  assert.equal(await cvat.detect(memorySource('json', { 'a.json': '{}' })), 0);
});
