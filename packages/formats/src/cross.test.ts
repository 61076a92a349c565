// Labels carried from one tool's format to another's and back, all within half a pixel: Label Studio
// → CVAT XML → Label Studio (boxes, a turned box, polygons), COCO → VOC, CVAT → COCO and Datumaro →
// COCO (on the hand-written samples and on a real coco128 subset). VOC → COCO lives in
// voc/voc-coco.test.ts and COCO → YOLO → COCO in yolo/coco128.test.ts.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { boxCorners, type LabeledObject } from '@cadre/core';
import { needsSharedData, SHARED_DATA } from '@cadre/core/testing';
import { asExportItems, assertSameObjects, memorySource, ontologyOf, readAll, roundTrip, sizesByName, writeAll } from './testing/index.ts';
import type { FormatModule, LabelledItem, ReadContext } from './types.ts';
import { coco } from './coco/index.ts';
import { cvat } from './cvat/index.ts';
import { datumaro } from './datumaro/index.ts';
import { labelstudio } from './labelstudio/index.ts';
import { voc } from './voc/index.ts';
import { imageExport } from './labelstudio/fixtures.ts';
import { imagesDump } from './cvat/fixtures.ts';
import { defaultJson } from './datumaro/fixtures.ts';

const HALF_PX = 0.5;
const objectsOf = (it: LabelledItem) => it.annotations[0]?.objects ?? [];
const only = (kinds: LabeledObject['kind'][]) => (os: LabeledObject[]) => os.filter((o) => kinds.includes(o.kind));
/** Attributes and tracks are each format's own business (LS choices, CVAT typed attributes, COCO none): geometry and labels cross. */
const bare = (os: LabeledObject[]) => os.map(({ trackId: _t, frame: _f, keyframe: _k, ...o }) => ({ ...o, attributes: {} }) as LabeledObject);

/** Writes `items` as `to`, reads that back, and pairs each item with the one of the same media. */
async function carry(items: LabelledItem[], to: FormatModule, ctx: ReadContext = { imageSize: async () => null }) {
  const back = await roundTrip(to, asExportItems(items), ctx);
  assert.deepEqual(back.errors, [], `${to.name} reads its own export without problems`);
  assert.equal(back.items.length, items.length, `${to.name} keeps every item`);
  return items.map((was) => {
    const now = back.items.find((i) => i.media === was.media || i.media?.endsWith(`/${was.media}`) || was.media?.endsWith(`/${i.media}`));
    assert.ok(now, `${was.media} is in the ${to.name} export`);
    return [was, now] as const;
  });
}

test('Label Studio → CVAT XML → Label Studio keeps boxes, the turned box and polygons within 0.5 px', async () => {
  const sizes = sizesByName({ '0002.png': { width: 1000, height: 500 } });
  const first = await readAll(labelstudio, memorySource('ls', { 'export.json': imageExport }), sizes);
  assert.deepEqual(first.errors, []);
  const shapes = only(['bbox2d', 'polygon']);
  const turned = first.items.flatMap(objectsOf).filter((o) => o.kind === 'bbox2d' && (o.geometry.rotation ?? 0) !== 0);
  assert.ok(turned.length > 0, 'the sample has a turned box');
  assert.ok(first.items.flatMap(objectsOf).some((o) => o.kind === 'polygon'), 'and a polygon');

  const viaCvat = await writeAll(cvat, asExportItems(first.items));
  const inCvat = await readAll(cvat, memorySource('cvat', viaCvat.files));
  assert.deepEqual(inCvat.errors, []);
  assert.equal(inCvat.items.length, first.items.length);
  for (const [i, was] of first.items.entries()) {
    const it = inCvat.items[i]!;
    assert.deepEqual([it.width, it.height], [was.width, was.height], `${was.media}: CVAT keeps the image size`);
    assertSameObjects(bare(shapes(objectsOf(it))), bare(shapes(objectsOf(was))), HALF_PX, `cvat ${was.media} `);
  }

  const viaLs = await writeAll(labelstudio, asExportItems(inCvat.items));
  const back = await readAll(labelstudio, memorySource('ls', viaLs.files), sizes);
  assert.deepEqual(back.errors, []);
  assert.equal(back.items.length, first.items.length);
  for (const [i, was] of first.items.entries()) {
    assertSameObjects(bare(shapes(objectsOf(back.items[i]!))), bare(shapes(objectsOf(was))), HALF_PX, `ls ${was.media} `);
  }
  const turnedBack = back.items.flatMap(objectsOf).filter((o) => o.kind === 'bbox2d' && (o.geometry.rotation ?? 0) !== 0);
  assert.equal(turnedBack.length, turned.length, 'the turned box is still turned');
});

test('COCO → VOC keeps every box, its label and its image within 0.5 px', needsSharedData, async () => {
  const doc = JSON.parse(await readFile(join(SHARED_DATA, 'images/coco128/instances_train2017_coco128.json'), 'utf8'));
  doc.images = doc.images.slice(0, 10);
  const ids = new Set(doc.images.map((i: { id: number }) => i.id));
  doc.annotations = doc.annotations.filter((a: { image_id: number }) => ids.has(a.image_id));
  const boxes = { imageSize: async () => null, kindOf: () => 'bbox2d' as const };
  const first = await readAll(coco, memorySource('coco', { 'instances.json': JSON.stringify(doc) }), boxes);
  assert.deepEqual(first.errors, []);
  assert.equal(first.items.length, 10);
  assert.ok(first.items.flatMap(objectsOf).length > 20, 'the subset has boxes');
  for (const [was, now] of await carry(first.items, voc)) {
    assert.deepEqual([now.width, now.height], [was.width, was.height]);
    assertSameObjects(bare(objectsOf(now)), bare(only(['bbox2d'])(objectsOf(was))), HALF_PX, `voc ${was.media} `);
  }
});

/**
 * What a COCO export holds of these objects, as COCO reads it back: boxes and polygons of the
 * ontology's box and polygon classes (a class is of the kind first seen), a turned box as the
 * polygon of its corners.
 */
function asCoco(items: LabelledItem[]) {
  const classKind = new Map(ontologyOf(asExportItems(items)).classes.map((c) => [c.name, c.kind]));
  const shape = (k: string | undefined) => k === 'bbox2d' || k === 'polygon';
  return (os: LabeledObject[]) => os.filter((o) => shape(o.kind) && shape(classKind.get(o.label))).map((o) =>
    o.kind === 'bbox2d' && (o.geometry.rotation ?? 0) !== 0
      ? ({ ...o, kind: 'polygon', geometry: { points: boxCorners(o.geometry).map(([x, y]) => [x, y]) } }) as LabeledObject
      : o);
}

for (const [name, format, files] of [
  ['CVAT XML', cvat, { 'annotations.xml': imagesDump }],
  ['Datumaro', datumaro, { 'annotations/default.json': defaultJson }],
] as const) {
  test(`${name} → COCO keeps boxes, turned boxes (as their corners) and polygons within 0.5 px`, async () => {
    const first = await readAll(format, memorySource(format.name, files));
    assert.deepEqual(first.errors, []);
    const held = asCoco(first.items);
    assert.ok(first.items.flatMap(objectsOf).some((o) => o.kind === 'bbox2d' && (o.geometry.rotation ?? 0) !== 0), 'the sample has a turned box');
    for (const [was, now] of await carry(first.items, coco)) {
      assertSameObjects(bare(objectsOf(now)), bare(held(objectsOf(was))), HALF_PX, `coco ${was.media} `);
    }
  });
}
