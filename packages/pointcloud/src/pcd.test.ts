import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePcd } from './pcd.ts';
import { lzfCompress, needsSharedData, packLE, pcdFile, readShared } from './testing.ts';

// SUSTechPOINTS frames: binary, with padding fields `_` of COUNT 4, 0, 6 and 12 (48 bytes a point).
const SUSTECH = { '000950': 68242, '000965': 66781, '000970': 66899, '000975': 67153 };

for (const [frame, points] of Object.entries(SUSTECH)) {
  test(`real SUSTechPOINTS frame ${frame}: ${points} points, sane coordinates, intensity`, needsSharedData, () => {
    const cloud = parsePcd(readShared(`lidar/sustech-seq/lidar/${frame}.pcd`));
    assert.equal(cloud.count + cloud.dropped, points);
    assert.equal(cloud.positions.length, cloud.count * 3);
    assert.ok(cloud.count > points * 0.9, `${cloud.dropped} dropped`);
    for (let i = 0; i < cloud.positions.length; i += 3) {
      const [x, y, z] = [cloud.positions[i]!, cloud.positions[i + 1]!, cloud.positions[i + 2]!];
      assert.ok(Math.abs(x) < 200 && Math.abs(y) < 200 && Math.abs(z) < 20, `point ${i / 3}: ${x}, ${y}, ${z}`);
    }
    const intensity = cloud.intensity!;
    assert.equal(intensity.length, cloud.count);
    assert.ok(intensity.every((v) => Number.isFinite(v) && v >= 0 && v <= 255), 'intensity in 0–255');
    assert.ok(new Set(intensity).size > 50, 'intensity varies');
    assert.deepEqual(Object.keys(cloud.fields).sort(), ['ring', 'timestamp']);
  });
}

const HEAD = (fields: string, size: string, type: string, count: string, points: number, data: string) => [
  '# .PCD v0.7 - Point Cloud Data file format',
  'VERSION 0.7', `FIELDS ${fields}`, `SIZE ${size}`, `TYPE ${type}`, `COUNT ${count}`,
  `WIDTH ${points}`, 'HEIGHT 1', 'VIEWPOINT 0 0 0 1 0 0 0', `POINTS ${points}`, `DATA ${data}`,
];

test('ascii PCD: any field order, nan points dropped and counted', () => {
  const body = '1 2 3 10\n4.5 -5 6e-1 20\nnan nan nan 0\n\n';
  const cloud = parsePcd(pcdFile(HEAD('intensity x y z', '4 4 4 4', 'F F F F', '1 1 1 1', 3, 'ascii'), body));
  assert.equal(cloud.count, 2);
  assert.equal(cloud.dropped, 1);
  assert.deepEqual([...cloud.positions], [2, 3, 10, -5, Math.fround(0.6), 20]);
  assert.deepEqual([...cloud.intensity!], [1, 4.5]);
});

test('ascii PCD from v0.6 without VERSION, COUNT or POINTS; reflectance is intensity', () => {
  const cloud = parsePcd(pcdFile(['FIELDS x y z reflectance', 'SIZE 4 4 4 4', 'TYPE F F F F', 'WIDTH 1', 'HEIGHT 1', 'DATA ascii'], '1 2 3 0.75\n'));
  assert.equal(cloud.count, 1);
  assert.deepEqual([...cloud.intensity!], [0.75]);
});

test('binary PCD: U8, I16, F64 and U64 fields; COUNT > 1 split into name[k]; padding skipped', () => {
  const point = (x: number, i: number): Array<[string, number]> => [
    ['f64', x], ['f32', x + 1], ['f32', x + 2], ['u8', i], ['i16', -i], ['u8', 0], ['u8', 0], ['f32', x * 10], ['f32', x * 20], ['u64', 9_000_000_000],
  ];
  const body = packLE([...point(1, 200), ...point(2, 7)]);
  const head = HEAD('x y z i ring _ rgb stamp', '8 4 4 1 2 1 4 8', 'F F F U I U F U', '1 1 1 1 1 2 2 1', 2, 'binary');
  const cloud = parsePcd(pcdFile(head, body));
  assert.deepEqual([...cloud.positions], [1, 2, 3, 2, 3, 4]);
  assert.deepEqual([...cloud.intensity!], [200, 7]);
  assert.deepEqual([...cloud.fields.ring!], [-200, -7]);
  assert.deepEqual([...cloud.fields['rgb[0]']!], [10, 20]);
  assert.deepEqual([...cloud.fields['rgb[1]']!], [20, 40]);
  assert.deepEqual([...cloud.fields.stamp!], [Math.fround(9e9), Math.fround(9e9)]);
  assert.equal(cloud.fields._, undefined);
});

test('binary_compressed PCD: column-major after LZF', () => {
  const xs = [1, 2, 3, 4];
  const columns = packLE([
    ...xs.map((v): [string, number] => ['f32', v]),
    ...xs.map((v): [string, number] => ['f32', -v]),
    ...xs.map((v): [string, number] => ['f32', v / 2]),
    ...xs.map((v): [string, number] => ['u16', v * 100]),
  ]);
  const packed = lzfCompress(columns);
  const body = new Uint8Array([...packLE([['u32', packed.length], ['u32', columns.length]]), ...packed]);
  const cloud = parsePcd(pcdFile(HEAD('x y z intensity', '4 4 4 2', 'F F F U', '1 1 1 1', 4, 'binary_compressed'), body));
  assert.equal(cloud.count, 4);
  assert.deepEqual([...cloud.positions.subarray(0, 6)], [1, -1, 0.5, 2, -2, 1]);
  assert.deepEqual([...cloud.intensity!], [100, 200, 300, 400]);
});

test('binary_compressed PCD built from hand-made literal runs', () => {
  const columns = packLE([['f32', 7], ['f32', 8], ['f32', 9]]);
  const literal = new Uint8Array([columns.length - 1, ...columns]);
  const body = new Uint8Array([...packLE([['u32', literal.length], ['u32', columns.length]]), ...literal]);
  const cloud = parsePcd(pcdFile(HEAD('x y z', '4 4 4', 'F F F', '1 1 1', 1, 'binary_compressed'), body));
  assert.deepEqual([...cloud.positions], [7, 8, 9]);
  assert.equal(cloud.intensity, null);
});
