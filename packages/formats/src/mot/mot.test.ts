import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectFormat } from '../registry.ts';
import type { LabeledObject } from '@cadre/core';
import { asExportItems, assertSameObjects, memorySource, readAll, roundTrip } from '../testing/index.ts';
import { gt, labels, seqinfo } from './fixtures.ts';
import { mot } from './index.ts';

const box = (label: string, frame: number, trackId: string | undefined, x: number, y: number, width: number, height: number, attributes: Record<string, unknown>) =>
  ({ id: '', label, kind: 'bbox2d', geometry: { x, y, width, height }, attributes, frame, keyframe: true, ...(trackId ? { trackId } : {}) }) as LabeledObject;

test('MOT16 gt.txt with seqinfo.ini reads to one sequence of tracked boxes, frames 0-based', async () => {
  const { items, errors } = await readAll(mot, memorySource('mot', { 'MOT16-02/gt/gt.txt': gt, 'MOT16-02/seqinfo.ini': seqinfo }));
  assert.deepEqual(errors, []);
  const [seq] = items;
  assert.equal(items.length, 1);
  assert.deepEqual([seq!.media, seq!.width, seq!.height, seq!.metadata], ['MOT16-02/img1', 1920, 1080, { name: 'MOT16-02', frameRate: 30 }]);
  assert.deepEqual(seq!.frames, [1, 2, 3, 4, 5, 6].map((n) => `MOT16-02/img1/00000${n}.jpg`));
  assertSameObjects(seq!.annotations[0]!.objects, [
    box('static person', 0, '1', 912, 484, 97, 109, { ignored: true, visibility: 1 }),
    box('static person', 1, '1', 912, 484, 97, 109, { ignored: true, visibility: 1 }),
    box('pedestrian', 0, '2', 1338, 418, 167, 379, { visibility: 1 }),
    box('pedestrian', 1, '2', 1342, 417, 168, 380, { visibility: 0.86555 }),
    box('pedestrian', 3, '2', 1350, 417, 168, 380.5, { visibility: 0.5 }),
    box('car', 2, undefined, 10.5, 20.25, 30, 40, { visibility: 0.25 }),
  ]);
});

test("CVAT's labels.txt names the classes; without seqinfo.ini the frames run to the last one in gt.txt", async () => {
  const { items } = await readAll(mot, memorySource('cvat', { 'gt/gt.txt': gt, 'gt/labels.txt': labels }));
  const seq = items[0]!;
  assert.equal(seq.frames!.length, 4);
  assert.equal(seq.frames![0], 'img1/000001.jpg');
  assert.deepEqual(seq.annotations[0]!.objects.map((o) => o.label), ['static person', 'static person', 'person', 'person', 'person', 'car']);
});

test('import, export, import gives the same sequence, objects, track ids and files', async () => {
  const first = await readAll(mot, memorySource('mot', { 'gt/gt.txt': gt, 'seqinfo.ini': seqinfo, 'gt/labels.txt': labels }));
  const back = await roundTrip(mot, asExportItems(first.items));
  assert.deepEqual(back.errors, []);
  assert.deepEqual(back.notes, []);
  assert.deepEqual(Object.keys(back.files).sort(), ['gt/gt.txt', 'gt/labels.txt', 'seqinfo.ini']);
  // The same rows but for the class column: the writer numbers classes by the project's ontology.
  const noClass = (text: string) => text.trim().split('\n').map((l) => l.split(',').filter((_, i) => i !== 7).join(','));
  assert.deepEqual(noClass(back.files['gt/gt.txt']!), noClass(gt));
  const [a, b] = [first.items[0]!, back.items[0]!];
  assert.deepEqual([b.frames, b.width, b.height, b.metadata], [a.frames, a.width, a.height, a.metadata]);
  assertSameObjects(b.annotations[0]!.objects, a.annotations[0]!.objects);
});

test('the writer renumbers track ids MOT cannot hold, bounds turned boxes and drops other kinds, with notes', async () => {
  const objects = [
    { ...box('car', 0, 'car-a', 10, 10, 20, 10, {}), geometry: { x: 10, y: 10, width: 20, height: 10, rotation: 90 } } as LabeledObject,
    { id: 'p', label: 'lane', kind: 'polyline', geometry: { points: [[0, 0], [1, 1]] }, attributes: {}, frame: 0 } as LabeledObject,
  ];
  const out = await roundTrip(mot, [{ id: 's', kind: 'image', media: null, frames: ['a.png', 'b.png'], objects, metadata: {} }]);
  assert.deepEqual(out.notes.map((n) => [n.kind, n.reason]), [['mapped', 'frames renamed'], ['mapped', 'track id renumbered'], ['mapped', 'turned box as its bounds'], ['dropped', 'polyline in mot']]);
  assertSameObjects(out.items[0]!.annotations[0]!.objects, [box('car', 0, '1', 15, 5, 10, 20, { visibility: 1 })]);
  assert.equal(out.items[0]!.frames!.length, 2);
});

test('malformed lines give row problems naming file, line and column, and reading goes on', async () => {
  const bad = ['1,1,10,10,5,5,1,1,1', '0,1,10,10,5,5,1,1,1', '2,1,NaN,10,5,5,1,1,1', '2,1,10,10,-5,5,1,1,1', '2,1.5,10,10,5,5,1,1,1', '2,1,10,10', '2,1,10,10,5,5,1,9,1', '', '3,1,10,10,5,5,1,1,'].join('\n');
  const { items, errors } = await readAll(mot, memorySource('bad', { 'gt/gt.txt': bad, 'gt/labels.txt': labels }));
  assert.deepEqual(errors.map((e) => `${e.file}:${e.line}:${e.field}`), [
    'gt/gt.txt:2:frame', 'gt/gt.txt:3:bb_left', 'gt/gt.txt:4:bb_width', 'gt/gt.txt:5:id', 'gt/gt.txt:6:row', 'gt/gt.txt:7:class', 'gt/gt.txt:9:visibility',
  ]);
  assert.match(errors[1]!.message, /"NaN"/);
  assert.match(errors[5]!.message, /class 9 is not in labels.txt/);
  assert.equal(items[0]!.annotations[0]!.objects.length, 1);
});

test('detect: gt/gt.txt of numbers yes, other text no', async () => {
  assert.ok((await mot.detect(memorySource('m', { 'gt/gt.txt': gt }))) >= 0.9);
  assert.equal(await detectFormat(memorySource('m', { 'gt/gt.txt': gt, 'seqinfo.ini': seqinfo })), 'mot');
  assert.equal(await mot.detect(memorySource('y', { 'labels/a.txt': '0 0.5 0.5 0.1 0.1' })), 0);
  assert.equal(await mot.detect(memorySource('t', { 'gt/gt.txt': 'hello, world' })), 0);
});

test('a seqinfo.ini, labels.txt or gt.txt that is not UTF-8 is a FormatError naming the file, never a TypeError', async () => {
  const bad = (s: string) => { const b = new TextEncoder().encode(s); b[3] = 0xfe; return b; };
  for (const [name, files] of [['seqinfo.ini', { 'gt/gt.txt': gt, 'seqinfo.ini': bad(seqinfo) }], ['gt/labels.txt', { 'gt/gt.txt': gt, 'gt/labels.txt': bad(labels) }], ['gt/gt.txt', { 'gt/gt.txt': bad(gt) }]] as const) {
    await assert.rejects(readAll(mot, memorySource('m', files)), (e: Error) => e.name === 'FormatError' && e.message.startsWith(`${name}: `) && /UTF-8/.test(e.message));
  }
});
