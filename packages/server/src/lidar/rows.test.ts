import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RowResult } from '../import/types.ts';
import { cloudRowsWithBoxes } from './boxes-folder.ts';
import { detectLidarLayout } from './layout.ts';
import { sustechRows } from './sustech-folder.ts';
import { kittiRows } from './kitti-folder.ts';

let dir: string;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'cadre-lidar-rows-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

async function all(rows: AsyncIterable<RowResult>): Promise<RowResult[]> {
  const out: RowResult[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

async function files(root: string, entries: Record<string, string>): Promise<string> {
  for (const [path, text] of Object.entries(entries)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

const psr = (x: number) => ({ psr: { position: { x, y: 1, z: 0.5 }, scale: { x: 4, y: 2, z: 1.5 }, rotation: { x: 0, y: 0, z: 0.3 } }, obj_type: 'Car', obj_id: '7' });

test('the layout of a folder is told by its subfolders', async () => {
  const s = await files(join(dir, 'detect-s'), { 'lidar/a.pcd': '', 'label/a.json': '[]' });
  const k = await files(join(dir, 'detect-k'), { 'velodyne/a.bin': '', 'calib/a.txt': '' });
  const p = await files(join(dir, 'detect-p'), { 'a.pcd': '' });
  assert.deepEqual([await detectLidarLayout(s), await detectLidarLayout(k), await detectLidarLayout(p)], ['sustech', 'kitti', null]);
});

test('a SUSTechPOINTS sequence: frames in name order, boxes with their frame, a frame without labels has none', async () => {
  const root = await files(join(dir, 'seq'), { 'lidar/b.pcd': '', 'lidar/a.pcd': '', 'label/b.json': JSON.stringify([psr(3)]) });
  const [row] = await all(sustechRows(root));
  assert.ok(row?.ok);
  assert.deepEqual(row.row.data.frames, [join(root, 'lidar/a.pcd'), join(root, 'lidar/b.pcd')]);
  assert.deepEqual(row.row.data.cameras, []);
  const [result] = row.row.predictions[0]!.result as Array<{ value: Record<string, unknown> }>;
  assert.deepEqual(result!.value, { x: 3, y: 1, z: 0.5, dx: 4, dy: 2, dz: 1.5, yaw: 0.3, labels: ['Car'], frame: 1, trackId: '7' });
});

test('a broken label file or camera calibration is an invalid row naming the file and the field', async () => {
  const bad = await files(join(dir, 'bad-label'), { 'lidar/a.pcd': '', 'label/a.json': JSON.stringify([{ ...psr(1), psr: { ...psr(1).psr, scale: { x: 'wide', y: 2, z: 1 } } }]) });
  const [row] = await all(sustechRows(bad));
  assert.ok(row && !row.ok);
  assert.equal(row.error.file, join(bad, 'label/a.json'));
  assert.match(row.error.message, /box 0: psr\.scale\.x: expected a finite number, got "wide"/);
  const cam = await files(join(dir, 'bad-calib'), { 'lidar/a.pcd': '', 'calib/camera/front.json': JSON.stringify({ extrinsic: [1, 2, 3], intrinsic: [1, 0, 0, 0, 1, 0, 0, 0, 1] }) });
  const [camRow] = await all(sustechRows(cam));
  assert.ok(camRow && !camRow.ok);
  assert.deepEqual([camRow.error.file, camRow.error.field], [join(cam, 'calib/camera/front.json'), 'extrinsic']);
  assert.match(camRow.error.message, /expected 16 numbers, got 3 values/);
});

test('KITTI labels without a calib are refused for that scan only', async () => {
  const root = await files(join(dir, 'kitti-nocalib'), { 'velodyne/a.bin': '', 'velodyne/b.bin': '', 'label_2/a.txt': 'Car 0 0 0 0 0 1 1 1.5 1.6 3.9 1 1.6 10 0\n', 'calib/b.txt': '' });
  const rows = await all(kittiRows(root));
  assert.equal(rows.length, 2);
  assert.ok(!rows[0]!.ok && /no calib\/a\.txt/.test(rows[0]!.error.message));
  assert.ok(!rows[1]!.ok && rows[1]!.error.file === join(root, 'calib/b.txt'), 'an empty calib names its file');
});

test('clouds get the JSON boxes named like them; a broken file names the box and field', async () => {
  const root = await files(join(dir, 'clouds'), {
    'a.pcd': '', 'b.pcd': '', 'c.pcd': '', 'd.pcd': '',
    'boxes/a.json': JSON.stringify([{ box: [1, 2, 0.8, 4, 2, 1.6, 0.1], label: 'Car', trackId: 't1', score: 0.9 }]),
    'boxes/b.json': JSON.stringify([{ box: [1, 2, 0.8, 4, 2, 1.6], label: 'Car' }]),
    'boxes/d.json': JSON.stringify([{ box: [1, 2, 0.8, 4, 2, 1.6, 0], label: 'Car', frame: 2 }]),
  });
  const rows = await all(cloudRowsWithBoxes(root, join(root, 'boxes')));
  assert.equal(rows.length, 4, 'the boxes folder itself is not imported');
  const [a, b, c, d] = rows;
  assert.ok(a?.ok && a.row.predictions[0]!.score === 0.9);
  assert.ok(b && !b.ok);
  assert.match(b.error.message, /box 0: box: expected 7 numbers/);
  assert.ok(c?.ok && c.row.predictions.length === 0);
  assert.ok(d && !d.ok && /box 0: frame: is 2, but d\.pcd is a single cloud/.test(d.error.message), 'a box for another frame is refused');
});
