import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnnotationPayload, LabeledObject } from '../annotation.ts';
import { isEdited, originAgainst, samePayload, withOrigins } from './compare.ts';

const box = (over: Partial<LabeledObject> = {}): LabeledObject => ({
  id: 'p1', label: 'car', kind: 'bbox2d', attributes: {}, geometry: { x: 10, y: 20, width: 30, height: 40 }, ...over,
} as LabeledObject);
const cuboid = (geometry: Record<string, number> = {}, over: Partial<LabeledObject> = {}): LabeledObject => ({
  id: 'c1', label: 'vehicle', kind: 'cuboid3d', attributes: {}, trackId: 't1', frame: 0,
  geometry: { x: 5, y: -3, z: 0.8, dx: 4.5, dy: 1.9, dz: 1.6, yaw: 0.3, ...geometry }, ...over,
} as LabeledObject);
const span = (start: number, end: number, over: Partial<LabeledObject> = {}): LabeledObject => ({
  id: 's1', label: 'Disease', kind: 'text_span', attributes: {}, geometry: { start, end }, ...over,
} as LabeledObject);

test('2D: a changed class or attribute is an edit even where the box did not move', () => {
  assert.equal(originAgainst(box({ label: 'truck' }), box()), 'prediction_edited');
  assert.equal(originAgainst(box({ attributes: { occluded: true } }), box()), 'prediction_edited');
  assert.equal(originAgainst(box({ id: 'mine', origin: 'prediction_accepted', predictionId: 'p1' }), box()), 'prediction_accepted');
});

test('2D: moves up to 0.5 px per coordinate are noise, beyond it an edit', () => {
  assert.equal(isEdited(box({ geometry: { x: 10.49, y: 19.6, width: 30.3, height: 40 } as never }), box()), false);
  assert.equal(isEdited(box({ geometry: { x: 10.6, y: 20, width: 30, height: 40 } as never }), box()), true);
  const poly = (dx: number): LabeledObject => ({ id: 'g', label: 'road', kind: 'polygon', attributes: {}, geometry: { points: [[0, 0], [10 + dx, 0], [10, 10]] } } as LabeledObject);
  assert.equal(isEdited(poly(0.4), poly(0)), false);
  assert.equal(isEdited(poly(2), poly(0)), true);
});

test('3D: 0.01 m per coordinate and 0.1° of heading, the short way round', () => {
  assert.equal(isEdited(cuboid({ x: 5.009, dz: 1.605 }), cuboid()), false);
  assert.equal(isEdited(cuboid({ dx: 4.6 }), cuboid()), true, 'a resized cuboid is edited');
  assert.equal(isEdited(cuboid({ yaw: 0.3 + (0.05 * Math.PI) / 180 }), cuboid()), false);
  assert.equal(isEdited(cuboid({ yaw: 0.3 + (0.5 * Math.PI) / 180 }), cuboid()), true);
  assert.equal(isEdited(cuboid({ yaw: Math.PI - 0.0005 }), cuboid({ yaw: -Math.PI + 0.0005 })), false, 'π and -π are one heading');
  assert.equal(isEdited(cuboid({}, { label: 'truck' }), cuboid()), true, 'a changed class is an edit');
  assert.equal(isEdited(cuboid({}, { frame: 1 }), cuboid()), true);
  assert.equal(isEdited(cuboid({}, { trackId: 't2' }), cuboid()), true);
});

test('text: offsets must be exact; class and attributes count as for boxes', () => {
  assert.equal(isEdited(span(4, 12), span(4, 12)), false);
  assert.equal(isEdited(span(4, 13), span(4, 12)), true);
  assert.equal(isEdited(span(4, 12, { label: 'Chemical' }), span(4, 12)), true);
  const cls = (label: string): LabeledObject => ({ id: 'k', label, kind: 'text_class', attributes: {}, geometry: null } as LabeledObject);
  assert.equal(isEdited(cls('positive'), cls('positive')), false);
  assert.equal(isEdited(cls('negative'), cls('positive')), true);
});

test('withOrigins reclassifies what a client called accepted, in both directions', () => {
  const proposals = new Map([['p1', box()]]);
  const payload: AnnotationPayload = {
    schemaVersion: 1,
    objects: [
      box({ id: 'a', origin: 'prediction_accepted', predictionId: 'p1', label: 'truck' }),
      box({ id: 'b', origin: 'prediction_edited', predictionId: 'p1' }),
      box({ id: 'c', origin: 'human' }),
      box({ id: 'd', origin: 'prediction_accepted', predictionId: 'gone', label: 'bus' }),
    ],
  };
  const out = withOrigins(payload, proposals);
  assert.deepEqual(out.objects.map((o) => o.origin), ['prediction_edited', 'prediction_accepted', 'human', 'prediction_accepted']);
});

test('samePayload: equal within tolerance, different on any edit, added or removed object', () => {
  const a: AnnotationPayload = { schemaVersion: 1, objects: [box({ id: 'a' }), span(1, 2, { id: 'b' })] };
  const noisy: AnnotationPayload = { schemaVersion: 1, objects: [span(1, 2, { id: 'b' }), box({ id: 'a', geometry: { x: 10.0000001, y: 20, width: 30, height: 40 } as never })] };
  assert.equal(samePayload(a, noisy), true);
  assert.equal(samePayload(a, { schemaVersion: 1, objects: [box({ id: 'a', label: 'bus' }), span(1, 2, { id: 'b' })] }), false);
  assert.equal(samePayload(a, { schemaVersion: 1, objects: [box({ id: 'a' })] }), false);
  assert.equal(samePayload(a, { schemaVersion: 1, objects: [box({ id: 'a' }), span(1, 3, { id: 'b' })] }), false);
});
