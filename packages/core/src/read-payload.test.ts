import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CURRENT_SCHEMA_VERSION } from './annotation.ts';
import { emptyPayload, parseStoredPayload, readPayload, StoredPayloadError } from './read-payload.ts';

const box = { id: 'o1', label: 'car', kind: 'bbox2d', geometry: { x: 1, y: 2, width: 3, height: 4 }, attributes: {} };

test('a current payload reads back as it was stored', () => {
  const stored = { schemaVersion: 1, objects: [box, { id: 't', label: 'positive', kind: 'text_class', geometry: null, attributes: {} }] };
  assert.deepEqual(readPayload(stored), stored);
  assert.deepEqual(readPayload({ schemaVersion: 1, objects: [] }), emptyPayload());
});

test('an older shape reads as current: a cuboid from before roll and pitch, objects from before frame and keyframe', () => {
  // The shape written before commit 742d4b3 (core: cuboids keep optional roll and pitch; sequence objects carry frame).
  const old = { schemaVersion: 1, objects: [{ id: 'c', label: 'car', kind: 'cuboid3d', geometry: { x: 1, y: 2, z: 0, dx: 4, dy: 2, dz: 1.5, yaw: 0.3 }, attributes: {} }] };
  const read = readPayload(old);
  assert.equal(read.objects[0]!.kind, 'cuboid3d');
  assert.equal(read.objects[0]!.frame, undefined);
});

test('a payload stored without schemaVersion inside takes the row\'s schema_version column', () => {
  const read = readPayload({ objects: [box] }, { version: 1 });
  assert.equal(read.schemaVersion, CURRENT_SCHEMA_VERSION);
  assert.throws(() => readPayload({ objects: [box] }), /schemaVersion: is required/);
});

test('an older version is lifted through every migration up to the current one', () => {
  // As the next format change will: say version 2 renames `shapes` to `objects`.
  const table = { 1: (p: Record<string, unknown>) => p, 2: (p: Record<string, unknown>) => ({ objects: p.shapes }) };
  const r = parseStoredPayload({ schemaVersion: 1, shapes: [box] }, { table, target: 2 });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
  assert.deepEqual(r.value, { schemaVersion: 2, objects: [box] });
  const missing = parseStoredPayload({ schemaVersion: 1, shapes: [box] }, { table: { 1: table[1] }, target: 2 });
  assert.deepEqual(!missing.ok && missing.error, [{ path: 'schemaVersion', message: 'no migration to version 2' }]);
});

test('garbage is refused clearly, naming each problem, not passed on as a payload', () => {
  assert.throws(() => readPayload(null), StoredPayloadError);
  assert.throws(() => readPayload('{"objects":[]}'), /must be an object, got string/);
  assert.throws(() => readPayload({ schemaVersion: 9, objects: [] }), /written by a newer Cadre/);
  try {
    readPayload({ schemaVersion: 1, objects: [{ ...box, geometry: { x: 'a' } }, { id: '', kind: 'blob', label: 3 }] });
    assert.fail('read garbage');
  } catch (e) {
    assert.ok(e instanceof StoredPayloadError);
    const paths = e.issues.map((i) => i.path);
    assert.ok(paths.includes('objects[0].geometry.x') && paths.includes('objects[1].id') && paths.includes('objects[1].kind') && paths.includes('objects[1].label') && paths.includes('objects[1].attributes'), paths.join(', '));
  }
});
