import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseKittiBin } from './kitti-bin.ts';
import { parseNuscenesBin } from './nuscenes-bin.ts';
import { errorOf, needsSharedData, packLE, readShared } from './testing.ts';

const NUSCENES = 'lidar/nuscenes-frame/n015-2018-07-24-11-22-45+0800__LIDAR_TOP__1532402927647951.pcd.bin';

test('real nuScenes sweep: 34,688 points, sane coordinates, intensity and ring', needsSharedData, () => {
  const cloud = parseNuscenesBin(readShared(NUSCENES));
  assert.equal(cloud.count, 34688);
  assert.equal(cloud.dropped, 0);
  assert.equal(cloud.positions.length, 34688 * 3);
  for (let i = 0; i < cloud.positions.length; i += 3) {
    const [x, y, z] = [cloud.positions[i]!, cloud.positions[i + 1]!, cloud.positions[i + 2]!];
    assert.ok(Math.abs(x) < 200 && Math.abs(y) < 200 && Math.abs(z) < 20, `point ${i / 3}: ${x}, ${y}, ${z}`);
  }
  assert.ok(cloud.intensity && cloud.intensity.some((v) => v > 0), 'intensity read');
  const ring = cloud.fields.ring!;
  assert.ok(ring.every((r) => Number.isInteger(r) && r >= 0 && r < 32), 'nuScenes LIDAR_TOP has 32 rings');
});

test('KITTI .bin: 4 floats a point, NaN points dropped and counted', () => {
  const bytes = packLE([
    ['f32', 1], ['f32', 2], ['f32', 3], ['f32', 0.5],
    ['f32', NaN], ['f32', 0], ['f32', 0], ['f32', 0.1],
    ['f32', -4], ['f32', 5], ['f32', -1.5], ['f32', 0.25],
  ]);
  const cloud = parseKittiBin(bytes.buffer);
  assert.equal(cloud.count, 2);
  assert.equal(cloud.dropped, 1);
  assert.deepEqual([...cloud.positions], [1, 2, 3, -4, 5, -1.5]);
  assert.deepEqual([...cloud.intensity!], [0.5, 0.25]);
});

test('a .bin of 17 bytes is a truncated error naming the stride', () => {
  const e = errorOf(() => parseKittiBin(new Uint8Array(17)));
  assert.equal(e.code, 'truncated');
  assert.match(e.message, /17 bytes, not a multiple of 16 .* 1 whole points and 1 bytes left over/);
  assert.match(errorOf(() => parseNuscenesBin(new Uint8Array(17))).message, /not a multiple of 20/);
});

test('an empty .bin is a truncated error', () => {
  const e = errorOf(() => parseKittiBin(new Uint8Array(0)));
  assert.equal(e.code, 'truncated');
  assert.match(e.message, /empty/);
});

test('a Buffer slice at an odd byte offset reads correctly', () => {
  const padded = new Uint8Array(17);
  padded.set(packLE([['f32', 1], ['f32', 2], ['f32', 3], ['f32', 4]]), 1);
  assert.deepEqual([...parseKittiBin(padded.subarray(1)).positions], [1, 2, 3]);
});
