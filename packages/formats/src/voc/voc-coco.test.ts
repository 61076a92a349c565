// Pascal VOC read, written as COCO and read back: the same boxes within half a pixel.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coco } from '../coco/index.ts';
import { asExportItems, memorySource, readAll, roundTrip } from '../testing/index.ts';
import { cvatVoc, voc2007 } from './fixtures.ts';
import { voc } from './index.ts';

test('VOC → COCO keeps every box, its label and its image within 0.5 px', async () => {
  const first = await readAll(voc, memorySource('voc', { 'Annotations/000001.xml': voc2007, 'Annotations/street/frame_07.xml': cvatVoc }));
  const back = await roundTrip(coco, asExportItems(first.items), { imageSize: async () => null, kindOf: () => 'bbox2d' });
  assert.deepEqual(back.errors, []);
  assert.equal(back.items.length, first.items.length);
  for (const was of first.items) {
    const it = back.items.find((i) => i.media === was.media)!;
    assert.ok(it, `${was.media} is in the COCO export`);
    const a = it.annotations[0]!.objects;
    const e = was.annotations[0]!.objects;
    assert.equal(a.length, e.length);
    e.forEach((o, i) => {
      assert.equal(a[i]!.label, o.label);
      assert.equal(a[i]!.kind, 'bbox2d');
      const [ga, ge] = [a[i]!.geometry as unknown as Record<string, number>, o.geometry as unknown as Record<string, number>];
      for (const k of ['x', 'y', 'width', 'height']) assert.ok(Math.abs(ga[k]! - ge[k]!) <= 0.5, `${was.media} objects[${i}].${k}: ${ga[k]} vs ${ge[k]}`);
    });
  }
});
