import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { needsSharedData, SHARED_DATA } from '../testing.ts';
import { IGNORED_LABEL, parseNuscenesInfo } from './nuscenes.ts';
import { LabelFormatError } from './types.ts';

const INFO = join(SHARED_DATA, 'lidar/nuscenes-frame/n015-2018-07-24-11-22-45+0800.json');

test('the nuScenes info file: 69 boxes, z lifted from the bottom to the centre, class names from metainfo', needsSharedData, () => {
  const text = readFileSync(INFO, 'utf8');
  const [sample, ...rest] = parseNuscenesInfo(text);
  assert.equal(rest.length, 0);
  assert.equal(sample!.boxes.length, 69);
  assert.match(sample!.lidarPath!, /LIDAR_TOP__1532402927647951\.pcd\.bin$/);
  const first = sample!.boxes[0]!;
  assert.equal(first.label, 'pedestrian');
  assert.ok(Math.abs(first.geometry.z - (0.7696345744362297 + 1.642 / 2)) < 1e-12);
  assert.deepEqual([first.geometry.dx, first.geometry.dy, first.geometry.dz], [0.669, 0.621, 1.642]);
  const counts: Record<string, number> = {};
  for (const b of sample!.boxes) counts[b.label] = (counts[b.label] ?? 0) + 1;
  assert.deepEqual(counts, { pedestrian: 30, barrier: 22, car: 8, traffic_cone: 3, truck: 2, bicycle: 1, bus: 1, construction_vehicle: 1, [IGNORED_LABEL]: 1 });
});

test('nuScenes info errors name the instance and the field', () => {
  const doc = (instances: unknown[]) => JSON.stringify({ metainfo: { categories: { car: 0 } }, data_list: [{ instances }] });
  const fails = (text: string, pattern: RegExp) => assert.throws(() => parseNuscenesInfo(text), (e: Error) => e instanceof LabelFormatError && pattern.test(e.message));
  fails(doc([{ bbox_3d: [0, 0, 0, 1, 1], bbox_label_3d: 0 }]), /data_list\[0\]\.instances\[0\]: bbox_3d: expected \[x, y, z, dx, dy, dz, yaw\], got an array of 5/);
  fails(doc([{ bbox_3d: [0, 0, 0, 1, 1, 1, 0], bbox_label_3d: 0 }, { bbox_3d: [0, NaN, 0, 1, 1, 1, 0], bbox_label_3d: 0 }]).replace('null', 'NaN'), /instances\[1\]: bbox_3d\[1\]: expected a finite number, got null/);
  fails(doc([{ bbox_3d: [0, 0, 0, 1, 1, 1, 0], bbox_label_3d: 4 }]), /instances\[0\]: bbox_label_3d: 4 is not in metainfo.categories/);
  fails('{"data_list": []}', /metainfo\.categories: expected an object/);
  fails('{"metainfo": {"categories": {}}, "data_list": [{}]}', /data_list\[0\]\.instances: expected an array, got nothing/);
});
