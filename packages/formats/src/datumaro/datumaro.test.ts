import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectFormat } from '../registry.ts';
import type { LabeledObject } from '@cadre/core';
import { asExportItems, assertSameObjects, memorySource, readAll, roundTrip } from '../testing/index.ts';
import { datumaro } from './index.ts';
import { defaultJson } from './fixtures.ts';

const obj = (label: string, kind: LabeledObject['kind'], geometry: unknown, attributes: Record<string, unknown> = {}, extra: Partial<LabeledObject> = {}) =>
  ({ id: '', label, kind, geometry, attributes, ...extra }) as LabeledObject;
const dataset = () => memorySource('dm', { 'annotations/default.json': defaultJson, 'annotations/val.json': defaultJson.replace('"000001"', '"v1"').replace('000001.jpg', 'v1.jpg') });

test('the documented example reads to boxes, polygons, polylines and points; labels and masks are noted', async () => {
  const { items, errors } = await readAll(datumaro, dataset());
  assert.deepEqual(errors, []);
  assert.equal(items.length, 4);
  const [a, b] = items;
  assert.deepEqual([a!.media, a!.width, a!.height, a!.metadata], ['000001.jpg', 640, 480, { id: '000001', attr: { frame: 0 } }]);
  assertSameObjects(a!.annotations[0]!.objects, [
    obj('cat', 'bbox2d', { x: 10.5, y: 20, width: 30, height: 40.25 }, { age: 3 }),
    obj('dog', 'polygon', { points: [[0, 0], [10, 0], [10, 10]] }, { occluded: true, group: 2, z_order: 1 }),
    obj('road', 'polyline', { points: [[1, 1], [5, 5], [9, 1]] }),
    obj('cat', 'point2d', { x: 3, y: 4 }),
    obj('cat', 'point2d', { x: 5, y: 6 }),
  ]);
  assert.deepEqual(a!.notes.map((n) => [n.kind, n.reason, n.field]), [
    ['mapped', 'datumaro points as single points', 'items[0].annotations[3]'],
    ['dropped', 'datumaro label', 'items[0].annotations[4]'],
    ['dropped', 'datumaro mask', 'items[0].annotations[5]'],
  ]);
  assertSameObjects(b!.annotations[0]!.objects, [obj('cat', 'bbox2d', { x: 1, y: 2, width: 3, height: 4, rotation: 15 }, {}, { trackId: '4', keyframe: true })]);
  assert.equal(items[2]!.metadata.subset, 'val');
});

test('import, export, import gives the same items in the same subsets', async () => {
  const first = await readAll(datumaro, dataset());
  const back = await roundTrip(datumaro, asExportItems(first.items));
  assert.deepEqual(back.errors, []);
  assert.deepEqual(Object.keys(back.files).sort(), ['annotations/default.json', 'annotations/val.json']);
  assert.equal(back.items.length, first.items.length);
  const key = (i: { metadata: Record<string, unknown> }) => `${i.metadata.subset ?? 'default'}/${String(i.metadata.id)}`;
  const byKey = new Map(back.items.map((i) => [key(i), i]));
  for (const was of first.items) {
    const it = byKey.get(key(was))!;
    assert.deepEqual([it.media, it.width, it.height, it.metadata], [was.media, was.width, was.height, was.metadata]);
    assertSameObjects(it.annotations[0]!.objects, was.annotations[0]!.objects, 1e-6, `${key(was)} `);
  }
});

test('malformed documents give problems naming file, item and field', async () => {
  const doc = (items: unknown[]) => JSON.stringify({ categories: { label: { labels: [{ name: 'cat' }] } }, items });
  const src = memorySource('bad', {
    'annotations/a.json': '{\n  "items": [\n    {"id": "x",}\n  ]\n}',
    'annotations/b.json': doc([
      { id: 'one', annotations: [{ type: 'bbox', label_id: 0, bbox: [0, 0, 'NaN', 4] }, { type: 'bbox', label_id: 7, bbox: [0, 0, 1, 1] }] },
      { id: 'two', annotations: [{ type: 'bbox', label_id: 0, bbox: [0, 0, -1, 4] }, { type: 'polygon', label_id: 0, points: [1, 2, 3] }, { type: 'bbox', label_id: 0, bbox: [0, 0, 1, 1] }] },
      { annotations: [] },
      { id: 'four', image: { path: 'f.jpg', size: [10] } },
    ]),
    'annotations/c.json': '[]',
  });
  const { items, errors } = await readAll(datumaro, src);
  assert.deepEqual(errors.map((e) => `${e.file}:${e.line}:${e.field}`), [
    'annotations/a.json:3:json',
    'annotations/b.json:1:items[0].annotations[0].bbox',
    'annotations/b.json:1:items[0].annotations[1].label_id',
    'annotations/b.json:2:items[1].annotations[0].bbox',
    'annotations/b.json:2:items[1].annotations[1].points',
    'annotations/b.json:3:items[2].id',
    'annotations/b.json:4:items[3].image.size',
    'annotations/c.json:0:items',
  ]);
  assert.deepEqual(items.map((i) => [i.media, i.annotations[0]!.objects.length]), [['one', 0], ['two', 1]]);
});

test('detect: Datumaro JSON yes, COCO JSON and XML no', async () => {
  assert.ok((await datumaro.detect(dataset())) >= 0.9);
  assert.equal(await detectFormat(dataset()), 'datumaro');
  assert.equal(await datumaro.detect(memorySource('coco', { 'annotations/instances.json': '{"images":[],"annotations":[],"categories":[{"id":1,"name":"a"}]}' })), 0);
  assert.equal(await datumaro.detect(memorySource('x', { 'a.xml': '<annotations/>' })), 0);
});
