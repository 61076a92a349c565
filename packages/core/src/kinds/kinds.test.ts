import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatIssue } from '../result.ts';
import { geometryKinds, isGeometryKind, type GeometryKind } from './index.ts';

// One contract suite for every label kind: a valid sample, and the paths of its numeric fields.
const samples: Record<GeometryKind, { valid: unknown; numeric: (string | number)[][] }> = {
  bbox2d: { valid: { x: 1, y: 2, width: 3, height: 4 }, numeric: [['x'], ['y'], ['width'], ['height']] },
  polygon: { valid: { points: [[0, 0], [4, 0], [0, 3]] }, numeric: [['points', 1, 0], ['points', 2, 1]] },
  polyline: { valid: { points: [[0, 0], [4, 0]] }, numeric: [['points', 0, 0], ['points', 1, 1]] },
  point2d: { valid: { x: 5, y: 6 }, numeric: [['x'], ['y']] },
  cuboid3d: { valid: { x: 1, y: -2, z: 0.5, dx: 4, dy: 2, dz: 1.5, yaw: 0.1 }, numeric: [['x'], ['z'], ['dx'], ['yaw']] },
  text_span: { valid: { start: 0, end: 5 }, numeric: [['start'], ['end']] },
  text_class: { valid: {}, numeric: [] },
};

function withValue(geometry: unknown, keyPath: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(geometry) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const k of keyPath.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[keyPath.at(-1)!] = value;
  return copy;
}

const jsonPath = (keys: (string | number)[]) =>
  keys.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : `${p}.${k}`), 'geometry');

for (const [name, mod] of Object.entries(geometryKinds)) {
  const kind = name as GeometryKind;
  const sample = samples[kind];

  test(`${kind}: registry key matches the module and the valid sample passes`, () => {
    assert.equal(mod.kind, kind);
    assert.ok(isGeometryKind(kind));
    assert.deepEqual(mod.validate(sample.valid, {}), []);
  });

  test(`${kind}: rejects strings, arrays${kind === 'text_class' ? '' : ' and null'} as geometry`, () => {
    for (const bad of ['box', [1, 2, 3, 4], ...(kind === 'text_class' ? [] : [null])]) {
      const issues = mod.validate(bad, {}, 'geometry');
      assert.equal(issues.length, 1, JSON.stringify(issues));
      assert.equal(issues[0]!.path, 'geometry');
    }
  });

  for (const keys of sample.numeric) {
    test(`${kind}: ${jsonPath(keys)} rejects NaN, Infinity, numeric strings and null by path`, () => {
      for (const [bad, shown] of [[Number.NaN, 'NaN'], [Infinity, 'Infinity'], ['12', 'string "12"'], [null, 'null']] as const) {
        const issues = mod.validate(withValue(sample.valid, keys, bad), {});
        assert.equal(issues.length, 1, JSON.stringify(issues));
        assert.equal(issues[0]!.path, jsonPath(keys));
        assert.match(issues[0]!.message, new RegExp(`^must be .*, got ${shown}$`));
      }
    });
  }
}

test('issue paths nest under the caller prefix and read well when formatted', () => {
  const [issue] = geometryKinds.bbox2d.validate({ x: 0, y: 0, width: Number.NaN, height: 1 }, {}, 'objects[3].geometry');
  assert.equal(formatIssue(issue!), 'objects[3].geometry.width: must be a finite number, got NaN');
});

test('bbox2d: sizes must be positive and the box must lie in the image when its size is known', () => {
  assert.equal(geometryKinds.bbox2d.validate({ x: 0, y: 0, width: 0, height: 1 })[0]?.message, 'must be greater than 0, got 0');
  const ctx = { imageWidth: 640, imageHeight: 480 };
  assert.deepEqual(geometryKinds.bbox2d.validate({ x: 600, y: 0, width: 40, height: 480 }, ctx), []);
  const issues = geometryKinds.bbox2d.validate({ x: 600, y: -1, width: 50, height: 10 }, ctx);
  assert.deepEqual(issues.map((i) => i.message), [
    'box spans x 600..650, outside the image width 640',
    'box spans y -1..9, outside the image height 480',
  ]);
});

test('polygon: needs three points and non-zero area', () => {
  assert.match(geometryKinds.polygon.validate({ points: [[0, 0], [1, 1]] })[0]!.message, /at least 3 points, got 2/);
  assert.match(geometryKinds.polygon.validate({ points: [[0, 0], [1, 1], [2, 2]] })[0]!.message, /zero area/);
  assert.equal(geometryKinds.polygon.validate({ points: [[0, 0], [1], [2, 2]] })[0]!.path, 'geometry.points[1]');
});

test('polyline: needs two points; point2d: must be in the image', () => {
  assert.match(geometryKinds.polyline.validate({ points: [[0, 0]] })[0]!.message, /at least 2 points, got 1/);
  assert.equal(geometryKinds.point2d.validate({ x: 700, y: 10 }, { imageWidth: 640 }).length, 1);
});

test('cuboid3d: sizes must be positive', () => {
  const issues = geometryKinds.cuboid3d.validate({ x: 0, y: 0, z: 0, dx: 4, dy: -2, dz: 0, yaw: 0 });
  assert.deepEqual(issues.map((i) => i.path), ['geometry.dy', 'geometry.dz']);
});

test('text_span: integer code points, non-empty, within the text', () => {
  assert.match(geometryKinds.text_span.validate({ start: 1.5, end: 3 })[0]!.message, /must be an integer, got 1.5/);
  assert.match(geometryKinds.text_span.validate({ start: 3, end: 3 })[0]!.message, /empty or reversed/);
  assert.equal(geometryKinds.text_span.validate({ start: -1, end: 3 })[0]!.path, 'geometry.start');
  const [past] = geometryKinds.text_span.validate({ start: 5, end: 12 }, { textLength: 10 });
  assert.equal(past?.path, 'geometry.end');
  assert.equal(past?.message, 'span ends at 12, past the end of the text (length 10)');
  assert.deepEqual(geometryKinds.text_span.validate({ start: 5, end: 10 }, { textLength: 10 }), []);
});

test('text_class: null or {} only', () => {
  assert.deepEqual(geometryKinds.text_class.validate(null), []);
  assert.equal(geometryKinds.text_class.validate({ start: 0 }).length, 1);
});

test('bounds and area', () => {
  assert.equal(geometryKinds.bbox2d.area!({ x: 1, y: 2, width: 3, height: 4 } as never), 12);
  assert.equal(geometryKinds.polygon.area!({ points: [[0, 0], [4, 0], [0, 3]] }), 6);
  const b = geometryKinds.cuboid3d.bounds!({ x: 0, y: 0, z: 0, dx: 4, dy: 2, dz: 1, yaw: Math.PI / 2 } as never);
  assert.ok(Math.abs(b.maxX - 1) < 1e-12 && Math.abs(b.maxY - 2) < 1e-12 && Math.abs(b.minY + 2) < 1e-12);
});
