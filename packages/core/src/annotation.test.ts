import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CURRENT_SCHEMA_VERSION, migratePayload, validateAnnotation } from './annotation.ts';
import { parseOntology, type Ontology } from './ontology.ts';
import { formatIssue } from './result.ts';

const parsed = parseOntology({
  classes: [
    { name: 'car', kind: 'bbox2d', attributes: [{ name: 'occluded', type: 'boolean', required: true }] },
    { name: 'lane', kind: 'polyline' },
    { name: 'pedestrian', kind: 'cuboid3d' },
    { name: 'person', kind: 'text_span' },
    { name: 'positive', kind: 'text_class' },
  ],
});
assert.ok(parsed.ok);
const ontology: Ontology = parsed.value;

const car = (over: Record<string, unknown> = {}) => ({
  id: 'o1', label: 'car', kind: 'bbox2d', geometry: { x: 10, y: 10, width: 20, height: 30 }, attributes: { occluded: false }, ...over,
});

function issuesOf(objects: unknown[], ctx = {}): string[] {
  const r = validateAnnotation({ schemaVersion: 1, objects }, ontology, ctx);
  return r.ok ? [] : r.error.map(formatIssue);
}

test('a valid payload of mixed kinds passes', () => {
  const payload = {
    schemaVersion: 1,
    objects: [
      car({ origin: 'prediction_edited', predictionId: 'p1', score: 0.9, trackId: 't1' }),
      { id: 'o2', label: 'lane', kind: 'polyline', geometry: { points: [[0, 0], [5, 5]] }, attributes: {} },
      { id: 'o3', label: 'pedestrian', kind: 'cuboid3d', geometry: { x: 1, y: 2, z: 0.9, dx: 0.6, dy: 0.6, dz: 1.8, yaw: 0 }, attributes: {} },
    ],
  };
  const r = validateAnnotation(payload, ontology, { imageWidth: 100, imageHeight: 100 });
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.value.objects.length, 3);
});

test('a NaN width names its object and field', () => {
  assert.deepEqual(issuesOf([car(), car({ id: 'o2' }), car({ id: 'o3' }), car({ id: 'o4', geometry: { x: 0, y: 0, width: Number.NaN, height: 1 } })]), [
    'objects[3].geometry.width: must be a finite number, got NaN',
  ]);
});

test('unknown label, wrong kind for the class, missing required attribute', () => {
  assert.deepEqual(issuesOf([car({ label: 'truck' })]), [
    'objects[0].label: unknown label "truck"; the ontology has "car", "lane", "pedestrian", "person", "positive"',
  ]);
  assert.deepEqual(issuesOf([car({ kind: 'polyline', geometry: { points: [[0, 0], [1, 1]] } })]), [
    'objects[0].kind: class "car" is bbox2d, not polyline',
  ]);
  assert.deepEqual(issuesOf([car({ attributes: {} })]), ['objects[0].attributes.occluded: required attribute is missing']);
});

test('a span past the end of the text', () => {
  const span = { id: 's1', label: 'person', kind: 'text_span', geometry: { start: 4, end: 20 }, attributes: {} };
  assert.deepEqual(issuesOf([span], { textLength: 12 }), ['objects[0].geometry.end: span ends at 20, past the end of the text (length 12)']);
});

test('all problems of all objects come back together', () => {
  const issues = issuesOf([
    car(),
    car({ id: 'o1', attributes: { occluded: 'no' } }),
    { id: 'c', label: 'positive', kind: 'text_class', geometry: null, attributes: {}, origin: 'prediction_accepted', score: 2 },
    'not an object',
  ]);
  assert.deepEqual(issues, [
    'objects[1].id: duplicate object id "o1" (also objects[0])',
    'objects[1].attributes.occluded: must be a boolean, got string "no"',
    'objects[2].predictionId: is required when origin is prediction_accepted',
    'objects[2].score: must be a number in [0, 1], got 2',
    'objects[3]: must be an object, got string "not an object"',
  ]);
});

test('schemaVersion: a future version is a clear error, missing or malformed is rejected', () => {
  const future = validateAnnotation({ schemaVersion: CURRENT_SCHEMA_VERSION + 1, objects: [] }, ontology);
  assert.ok(!future.ok);
  assert.equal(formatIssue(future.error[0]!), 'schemaVersion: payload is schemaVersion 2, written by a newer Cadre; this build reads up to 1');
  for (const [payload, message] of [
    [{ objects: [] }, 'schemaVersion: is required'],
    [{ schemaVersion: '1', objects: [] }, 'schemaVersion: must be a positive integer, got string "1"'],
    [{ schemaVersion: 1, objects: {} }, 'objects: must be an array, got an object'],
  ] as const) {
    const r = validateAnnotation(payload, ontology);
    assert.ok(!r.ok);
    assert.equal(formatIssue(r.error[0]!), message);
  }
});

test('migratePayload runs each step up to the target and stamps the version', () => {
  const table = { 2: (p: Record<string, unknown>) => ({ ...p, objects: (p.shapes as unknown[]) ?? [] }) };
  const r = migratePayload({ schemaVersion: 1, shapes: ['x'] }, table, 2);
  assert.ok(r.ok);
  assert.equal(r.value.schemaVersion, 2);
  assert.deepEqual(r.value.objects, ['x']);
  const gap = migratePayload({ schemaVersion: 1 }, {}, 2);
  assert.ok(!gap.ok);
  assert.match(gap.error[0]!.message, /no migration to version 2/);
  const same = migratePayload({ schemaVersion: 1, objects: [] });
  assert.ok(same.ok);
  assert.deepEqual(same.value, { schemaVersion: 1, objects: [] });
});

test('sequence objects carry a frame index below the frame count and a keyframe flag', () => {
  const box = (over: Record<string, unknown>) => ({ id: 'b', label: 'pedestrian', kind: 'cuboid3d', geometry: { x: 1, y: 2, z: 0.9, dx: 0.6, dy: 0.6, dz: 1.8, yaw: 0, roll: 0.01, pitch: -0.02 }, attributes: {}, trackId: 't1', ...over });
  assert.deepEqual(issuesOf([box({ frame: 3, keyframe: true })], { frameCount: 4 }), []);
  assert.deepEqual(issuesOf([box({ frame: 4 })], { frameCount: 4 }), ['objects[0].frame: is 4, but the sequence has 4 frames (0 to 3)']);
  assert.equal(issuesOf([box({ frame: -1, keyframe: 'yes' })]).length, 2);
  assert.deepEqual(issuesOf([box({ geometry: { x: 1, y: 2, z: 0.9, dx: 0.6, dy: 0.6, dz: 1.8, yaw: 0, roll: Number.NaN } })]).length, 1);
});
