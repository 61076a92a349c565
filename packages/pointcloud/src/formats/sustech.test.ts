import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { needsSharedData, SHARED_DATA } from '../testing.ts';
import { parseBoxesJson, writeBoxesJson } from './boxes-json.ts';
import { parseSustechLabels, writeSustechLabels } from './sustech.ts';
import { LabelFormatError } from './types.ts';

const LABELS = join(SHARED_DATA, 'lidar/sustech-seq/label');

function close(a: unknown, b: unknown, path = ''): void {
  if (typeof a === 'number' && typeof b === 'number') {
    assert.ok(Math.abs(a - b) <= 1e-9, `${path}: ${a} vs ${b}`);
    return;
  }
  if (typeof a !== 'object' || a === null) return assert.equal(a, b, path);
  assert.deepEqual(Object.keys(a).sort(), Object.keys(b as object).sort(), path);
  for (const k of Object.keys(a)) close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
}

test('the four SUSTechPOINTS label files parse and write back equal within 1e-9', needsSharedData, () => {
  const files = readdirSync(LABELS).filter((f) => f.endsWith('.json')).sort();
  assert.equal(files.length, 4);
  let total = 0;
  for (const f of files) {
    const original = JSON.parse(readFileSync(join(LABELS, f), 'utf8')) as Array<Record<string, unknown>>;
    const boxes = parseSustechLabels(readFileSync(join(LABELS, f), 'utf8'));
    assert.equal(boxes.length, original.length);
    assert.ok(boxes.length >= 19 && boxes.length <= 24, `${f}: ${boxes.length} boxes`);
    const b = boxes.find((x) => x.trackId === '8');
    if (f === '000950.json') {
      assert.equal(b?.label, 'Car');
      assert.ok(Math.abs(b!.geometry.dx - 4.5) < 1e-12 && Math.abs(b!.geometry.yaw - 1.449489444900611) < 1e-12);
      assert.ok(Math.abs(b!.geometry.roll! + 0.05381384131006369) < 1e-12);
    }
    const back = JSON.parse(writeSustechLabels(boxes)) as Array<Record<string, unknown>>;
    original.forEach((o, i) => close({ psr: o.psr, obj_type: o.obj_type, obj_id: o.obj_id }, back[i], `${f}[${i}]`));
    total += boxes.length;
  }
  assert.ok(total > 80);
});

test('SUSTechPOINTS errors name the box and the field', () => {
  const entry = (psr: unknown, extra: object = {}) => ({ psr, obj_type: 'Car', obj_id: '1', ...extra });
  const good = { position: { x: 1, y: 2, z: 0.5 }, scale: { x: 4, y: 2, z: 1.5 }, rotation: { x: 0, y: 0, z: 0.3 } };
  const fails = (doc: unknown, pattern: RegExp) => assert.throws(() => parseSustechLabels(JSON.stringify(doc)), (e: Error) => e instanceof LabelFormatError && pattern.test(e.message));
  fails({}, /file: expected a JSON array/);
  fails([entry(good), entry({ ...good, scale: { x: 4, y: 0, z: 1 } })], /box 1: psr\.scale\.y: expected a size above 0, got 0/);
  fails([entry({ ...good, position: { x: 1, y: '2', z: 0 } })], /box 0: psr\.position\.y: expected a finite number, got "2"/);
  fails([entry({ ...good, rotation: undefined })], /box 0: psr\.rotation: expected an object/);
  fails([entry(good, { obj_type: 7 })], /box 0: obj_type: expected a class name, got 7/);
  assert.throws(() => parseSustechLabels('[{"psr": {"position": {"x": NaN}}}]'), /not valid JSON/);
  assert.throws(() => parseSustechLabels([entry({ ...good, position: { x: NaN, y: 0, z: 0 } })]), /box 0: psr\.position\.x: expected a finite number, got NaN/);
  // No obj_id: no track; written back as "".
  const [b] = parseSustechLabels([{ psr: good, obj_type: 'Car' }]);
  assert.equal(b!.trackId, undefined);
  assert.equal(JSON.parse(writeSustechLabels([b!]))[0].obj_id, '');
});

test('JSON boxes read and write [x, y, z, dx, dy, dz, yaw] with label, track, score and frame', () => {
  const text = '[{"box":[1,2,0.5,4,1.8,1.5,0.25],"label":"car","trackId":"7","score":0.9,"frame":3},{"box":[0,0,0,1,1,1,0],"label":"cone"}]';
  const boxes = parseBoxesJson(text);
  assert.deepEqual(boxes[0], { label: 'car', trackId: '7', score: 0.9, frame: 3, geometry: { x: 1, y: 2, z: 0.5, dx: 4, dy: 1.8, dz: 1.5, yaw: 0.25 } });
  assert.deepEqual(JSON.parse(writeBoxesJson(boxes)), JSON.parse(text));
  const fails = (doc: unknown, pattern: RegExp) => assert.throws(() => parseBoxesJson(doc), (e: Error) => e instanceof LabelFormatError && pattern.test(e.message));
  fails([{ box: [1, 2, 3], label: 'car' }], /box 0: box: expected 7 numbers \[x, y, z, dx, dy, dz, yaw\], got an array of 3/);
  fails([{ box: [0, 0, 0, 1, 1, 1, 0], label: 'a' }, { box: [0, 0, 0, 1, -1, 1, 0], label: 'car' }], /box 1: box\[4\] \(dy\): expected a size above 0, got -1/);
  fails([{ box: [0, 0, null, 1, 1, 1, 0], label: 'car' }], /box 0: box\[2\] \(z\): expected a finite number, got null/);
  fails([{ box: [0, 0, 0, 1, 1, 1, 0] }], /box 0: label: expected a class name, got nothing/);
  fails([{ box: [0, 0, 0, 1, 1, 1, 0], label: 'car', score: 2 }], /box 0: score: expected a number in \[0, 1\], got 2/);
  fails([{ box: [0, 0, 0, 1, 1, 1, 0], label: 'car', frame: 1.5 }], /box 0: frame: expected an integer ≥ 0, got 1\.5/);
});
