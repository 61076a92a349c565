import assert from 'node:assert/strict';
import { test } from 'node:test';
import { px, type AnnotationPayload } from '@cadre/core';
import { ImageEngine } from './engine.ts';
import type { ImageObject } from './kinds/index.ts';
import { testOntology } from './test-support.ts';

const engineFor = (width: number, height: number) => new ImageEngine({ ontology: testOntology(), imageWidth: width, imageHeight: height });

// Submitted on a 1000 × 800 image.
const previous: AnnotationPayload = {
  schemaVersion: 1,
  objects: [
    { id: 'car', kind: 'bbox2d', label: 'car', attributes: {}, geometry: { x: px(600), y: px(400), width: px(300), height: px(200) } },
    { id: 'head', kind: 'point2d', label: 'head', attributes: {}, geometry: { x: px(900), y: px(700) } },
    { id: 'road', kind: 'polygon', label: 'road', attributes: {}, geometry: { points: [[0, 800], [1000, 800], [500, 300]] } as never },
    { id: 'lane', kind: 'polyline', label: 'lane', attributes: {}, geometry: { points: [[100, 100], [900, 700]] } as never },
  ],
};

const inside = (o: ImageObject, w: number, h: number) => {
  const pts: number[][] = o.kind === 'bbox2d' ? [[o.geometry.x, o.geometry.y], [o.geometry.x + o.geometry.width, o.geometry.y + o.geometry.height]]
    : o.kind === 'point2d' ? [[o.geometry.x, o.geometry.y]] : o.geometry.points;
  return pts.every(([x, y]) => x! >= 0 && x! <= w && y! >= 0 && y! <= h);
};

test('copy previous onto a smaller image scales every shape to it, and all stay inside', () => {
  const e = engineFor(500, 400);
  const r = e.copyFrom(previous, { width: 1000, height: 800 });
  assert.equal(r.added.length, 4);
  assert.equal(r.dropped, 0);
  assert.ok(r.added.every((o) => inside(o, 500, 400)));
  const car = r.added.find((o) => o.kind === 'bbox2d')!;
  assert.deepEqual(car.geometry, { x: 300, y: 200, width: 150, height: 100 });
});

test('without the previous size, shapes are cut to the image and those left outside are dropped and counted', () => {
  const e = engineFor(640, 480);
  const r = e.copyFrom(previous);
  // The car is cut to 600..640 × 400..480; the head (900, 700) is outside; the lane keeps its inside piece.
  assert.equal(r.dropped, 1);
  assert.deepEqual(r.added.map((o) => o.kind).sort(), ['bbox2d', 'polygon', 'polyline']);
  assert.ok(r.added.every((o) => inside(o, 640, 480)));
  assert.deepEqual(r.added.find((o) => o.kind === 'bbox2d')!.geometry, { x: 600, y: 400, width: 40, height: 80 });
  const lane = r.added.find((o) => o.kind === 'polyline')!.geometry.points;
  assert.deepEqual(lane[0], [100, 100]);
  assert.ok(Math.abs(lane[1]![1]! - 480) < 1e-9, 'the lane ends where it leaves the image, on its own direction');
});

test('a second copy adds nothing already copied; undo takes a copy back in one step', () => {
  const e = engineFor(500, 400);
  e.copyFrom(previous, { width: 1000, height: 800 });
  const again = e.copyFrom(previous, { width: 1000, height: 800 });
  assert.equal(again.added.length, 0);
  assert.equal(again.alreadyThere, 4);
  assert.equal(e.document.objects().length, 4);
  // A copy deleted by the person comes back on the next copy; the others do not double.
  e.document.remove([e.document.objects()[0]!.id]);
  assert.equal(e.copyFrom(previous, { width: 1000, height: 800 }).added.length, 1);
  assert.equal(e.document.objects().length, 4);
  e.history.undo();
  assert.equal(e.document.objects().length, 3);
  e.history.undo(); // the delete
  e.history.undo(); // the first copy
  assert.equal(e.document.objects().length, 0);
});
