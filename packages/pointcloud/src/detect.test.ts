import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectPointCloudFormat, parsePointCloud } from './detect.ts';
import { errorOf, needsSharedData, packLE, pcdFile, readShared } from './testing.ts';

const onePoint = packLE([['f32', 1], ['f32', 2], ['f32', 3], ['f32', 4], ['f32', 5]]);
const asciiPcd = pcdFile(['FIELDS x y z', 'SIZE 4 4 4', 'TYPE F F F', 'WIDTH 1', 'HEIGHT 1', 'DATA ascii'], '1 2 3\n');

test('the name chooses: .pcd.bin is nuScenes, .bin is KITTI, .pcd is PCD', () => {
  assert.equal(detectPointCloudFormat(onePoint, 'sweep.PCD.BIN'), 'nuscenes-bin');
  assert.equal(detectPointCloudFormat(onePoint, '000001.bin'), 'kitti-bin');
  assert.equal(detectPointCloudFormat(asciiPcd, 'a/b/frame.pcd'), 'pcd');
  assert.equal(parsePointCloud(onePoint, 'x.pcd.bin').fields.ring![0], 5);
  assert.equal(parsePointCloud(onePoint.subarray(0, 16), 'x.bin').intensity![0], 4);
});

test('content chooses when the name does not: a PCD header is recognised', () => {
  assert.equal(detectPointCloudFormat(asciiPcd, 'upload'), 'pcd');
  assert.equal(detectPointCloudFormat(pcdFile(['# .PCD v0.7']), 'upload'), 'pcd');
  assert.deepEqual([...parsePointCloud(asciiPcd, 'blob').positions], [1, 2, 3]);
});

test('unknown content under an unknown name is unsupported', () => {
  const e = errorOf(() => parsePointCloud(onePoint, 'cloud.ply'));
  assert.equal(e.code, 'unsupported');
  assert.match(e.message, /cloud.ply: not a known point-cloud format/);
});

test('an empty file is truncated, whatever its name', () => {
  for (const name of ['a.pcd', 'a.bin', 'a.pcd.bin', 'a']) {
    const e = errorOf(() => parsePointCloud(new Uint8Array(0), name));
    assert.equal(e.code, 'truncated');
    assert.match(e.message, /is empty/);
  }
});

test('every real cloud in shared/data/lidar parses by name', needsSharedData, () => {
  const files = [
    'lidar/nuscenes-frame/n015-2018-07-24-11-22-45+0800__LIDAR_TOP__1532402927647951.pcd.bin',
    ...['000950', '000965', '000970', '000975'].map((f) => `lidar/sustech-seq/lidar/${f}.pcd`),
  ];
  const counts = files.map((f) => parsePointCloud(readShared(f), f).count);
  assert.deepEqual(counts, [34688, 68242, 66781, 66899, 67153]);
});
