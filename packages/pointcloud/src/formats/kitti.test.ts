import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseKittiCalib } from './kitti-calib.ts';
import { parseKittiLabels, readKittiLabels, writeKittiLabels } from './kitti.ts';
import { LabelFormatError } from './types.ts';

// calib/000000.txt of the KITTI object training set (the standard numbers), as the devkit writes it.
const CALIB = `P0: 7.070493000000e+02 0.000000000000e+00 6.040814000000e+02 0.000000000000e+00 0.000000000000e+00 7.070493000000e+02 1.805066000000e+02 0.000000000000e+00 0.000000000000e+00 0.000000000000e+00 1.000000000000e+00 0.000000000000e+00
P2: 7.070493000000e+02 0.000000000000e+00 6.040814000000e+02 4.575831000000e+01 0.000000000000e+00 7.070493000000e+02 1.805066000000e+02 -3.454157000000e-01 0.000000000000e+00 0.000000000000e+00 1.000000000000e+00 4.981016000000e-03
R0_rect: 9.999128000000e-01 1.009263000000e-02 -8.511932000000e-03 -1.012729000000e-02 9.999406000000e-01 -4.037671000000e-03 8.470675000000e-03 4.123522000000e-03 9.999556000000e-01
Tr_velo_to_cam: 6.927964000000e-03 -9.999722000000e-01 -2.757829000000e-03 -2.457729000000e-02 -1.162982000000e-03 2.749836000000e-03 -9.999955000000e-01 -6.127237000000e-02 9.999753000000e-01 6.931141000000e-03 -1.143899000000e-03 -3.321029000000e-01
Tr_imu_to_velo: 9.999976000000e-01 7.553071000000e-04 -2.035826000000e-03 -8.086759000000e-01 -7.854027000000e-04 9.998898000000e-01 -1.482298000000e-02 3.195559000000e-01 2.024406000000e-03 1.482454000000e-02 9.998881000000e-01 -7.997231000000e-01
`;
const LABELS = `Pedestrian 0.00 0 -0.20 712.40 143.00 810.73 307.92 1.89 0.48 1.20 1.84 1.47 8.41 0.01
Car 0.00 0 1.85 387.63 181.54 423.81 203.12 1.67 1.87 3.69 -16.53 2.39 58.49 1.57
DontCare -1 -1 -10 503.89 169.71 590.61 190.13 -1 -1 -1 -1000 -1000 -1000 -10
Cyclist 0.00 3 -1.65 676.60 163.95 688.98 193.93 1.86 0.60 2.02 4.59 1.32 45.84 -1.55 0.87
`;

const cols = (text: string) => text.trim().split('\n').map((l) => l.split(' ').map((c, k) => (k === 0 ? c : Number(c))));

test('KITTI label_2 boxes land in the lidar frame through R0_rect and Tr_velo_to_cam; DontCare is skipped', () => {
  const calib = parseKittiCalib(CALIB);
  const boxes = parseKittiLabels(LABELS, calib);
  assert.deepEqual(boxes.map((b) => b.label), ['Pedestrian', 'Car', 'Cyclist']);
  const car = boxes[1]!.geometry;
  // Camera z (forward) is lidar x, camera x (right) is lidar -y, camera y (down) is lidar -z.
  assert.ok(Math.abs(car.x - (58.49 + 0.33)) < 0.5 && Math.abs(car.y - 16.53) < 0.7, JSON.stringify(car));
  assert.ok(Math.abs(car.z - (-2.39 + 1.67 / 2 - 0.06)) < 0.5, `z ${car.z}`);
  assert.deepEqual([car.dx, car.dy, car.dz], [3.69, 1.87, 1.67]);
  // The usual shortcut yaw = -rotation_y - π/2 holds to within the calibration's small tilt.
  assert.ok(Math.abs(Math.atan2(Math.sin(car.yaw + 1.57 + Math.PI / 2), Math.cos(car.yaw + 1.57 + Math.PI / 2))) < 0.02, `yaw ${car.yaw}`);
  assert.equal(boxes[2]!.score, 0.87);
});

test('KITTI round trip: label_2 → lidar → label_2 gives the same h w l x y z rotation_y, and lidar boxes come back within 1e-9', () => {
  const calib = parseKittiCalib(CALIB);
  const boxes = parseKittiLabels(LABELS, calib);
  const text = writeKittiLabels(boxes, calib);
  const wrote = cols(text);
  const read = cols(LABELS).filter((r) => r[0] !== 'DontCare');
  assert.equal(wrote.length, 3);
  wrote.forEach((row, i) => {
    assert.equal(row[0], read[i]![0]);
    for (let k = 8; k < read[i]!.length; k++) assert.ok(Math.abs((row[k] as number) - (read[i]![k] as number)) < 1e-9, `row ${i} column ${k + 1}: ${row[k]} vs ${read[i]![k]}`);
  });
  // The written 2D box comes from projecting the corners through P2: near the original one.
  assert.ok(Math.abs((wrote[0]![4] as number) - 712.4) < 15 && Math.abs((wrote[0]![7] as number) - 307.92) < 15, `${wrote[0]}`);
  const again = parseKittiLabels(text, calib);
  again.forEach((b, i) => {
    for (const key of ['x', 'y', 'z', 'dx', 'dy', 'dz', 'yaw'] as const) assert.ok(Math.abs(b.geometry[key] - boxes[i]!.geometry[key]) < 1e-9, `${i}.${key}`);
  });
});

test('a lidar tilted against the camera still round-trips the heading exactly', () => {
  const t = 0.2; // 11° about the camera x axis
  const tr = [0, -1, 0, 0.1, -Math.sin(t), 0, -Math.cos(t), -0.2, Math.cos(t), 0, -Math.sin(t), -0.3];
  const calib = parseKittiCalib(`R0_rect: 1 0 0 0 1 0 0 0 1\nTr_velo_to_cam: ${tr.join(' ')}\n`);
  const lidar = [{ label: 'Car', geometry: { x: 20, y: -3, z: -1, dx: 4, dy: 1.8, dz: 1.5, yaw: 0.7 } }] as unknown as Parameters<typeof writeKittiLabels>[0];
  const back = parseKittiLabels(writeKittiLabels(lidar, calib), calib)[0]!.geometry;
  for (const key of ['x', 'y', 'z', 'yaw'] as const) assert.ok(Math.abs(back[key] - lidar[0]!.geometry[key]) < 1e-9, `${key}: ${back[key]}`);
});

test('KITTI errors name the line, the column and what is wrong', () => {
  const calib = parseKittiCalib(CALIB);
  const fails = (fn: () => unknown, pattern: RegExp) => assert.throws(fn, (e: Error) => e instanceof LabelFormatError && pattern.test(e.message));
  fails(() => parseKittiLabels('Car 0 0 0 1 2 3 4 1.5 1.6 3.9 1 2 3\n', calib), /line 1: expected 15 columns \(16 with a score\), got 14/);
  fails(() => parseKittiLabels('\nCar 0 0 0 1 2 3 4 1.5 x 3.9 1 2 3 0\n', calib), /line 2: column 10 \(w\): expected a finite number, got "x"/);
  fails(() => parseKittiLabels('Car 0 0 0 1 2 3 4 1.5 NaN 3.9 1 2 3 0\n', calib), /line 1: column 10 \(w\): expected a finite number, got "NaN"/);
  fails(() => parseKittiLabels('Car 0 0 0 1 2 3 4 0 1.6 3.9 1 2 3 0\n', calib), /line 1: column 9 \(h\): expected a size above 0, got 0/);
  fails(() => parseKittiCalib('P2: 1 2 3\nR0_rect: 1 0 0 0 1 0 0 0 1\n'), /KITTI calib: Tr_velo_to_cam: missing \(the file has P2, R0_rect\)/);
  fails(() => parseKittiCalib('R0_rect: 1 0 0 0 1 0 0 0\nTr_velo_to_cam: 1 0 0 0 0 1 0 0 0 0 1 0\n'), /R0_rect: expected 9 numbers, got 8/);
  fails(() => parseKittiCalib('R0_rect: 1 0 0 0 1 0 0 0 1\nTr_velo_to_cam: 1 0 0 0 0 1 0 0 0 0 one 0\n'), /line 2: Tr_velo_to_cam: value 11 is not a finite number/);
  fails(() => writeKittiLabels([{ label: 'traffic cone', geometry: { x: 1, y: 1, z: 1, dx: 1, dy: 1, dz: 1, yaw: 0 } } as never], calib), /box 0: label: "traffic cone" cannot be a KITTI type/);
});

test('readKittiLabels keeps each line and the DontCare regions; writing them back gives the file line for line', () => {
  const calib = parseKittiCalib(CALIB);
  const read = readKittiLabels(LABELS, calib);
  assert.deepEqual(read.boxes.map((b) => [b.label, b.source!.at]), [['Pedestrian', 0], ['Car', 1], ['Cyclist', 3]]);
  assert.deepEqual(read.dontCare, [{ line: 'DontCare -1 -1 -10 503.89 169.71 590.61 190.13 -1 -1 -1 -1000 -1000 -1000 -10', at: 2 }]);
  assert.deepEqual(read.boxes[1]!.source!.geometry, read.boxes[1]!.geometry);
  // The boxes in another order (as an annotation may hold them) still go back in the file's order.
  const boxes = [read.boxes[2]!, read.boxes[0]!, read.boxes[1]!];
  assert.equal(writeKittiLabels(boxes, calib, { dontCare: read.dontCare }), LABELS);
});

test('a moved box gets new 3D fields, alpha and a projected, clipped 2D box; it keeps truncated and occluded; new boxes come last', () => {
  const calib = parseKittiCalib(CALIB);
  const read = readKittiLabels(LABELS, calib);
  const car = read.boxes[1]!;
  const moved = { ...car, geometry: { ...car.geometry, x: car.geometry.x - 20, yaw: car.geometry.yaw + 0.3 } as typeof car.geometry };
  const added = { label: 'Van', geometry: { x: 6, y: -3, z: -0.8, dx: 4.5, dy: 1.9, dz: 2, yaw: 0.5 } } as (typeof read.boxes)[number];
  const text = writeKittiLabels([added, read.boxes[0]!, moved, read.boxes[2]!], calib, { dontCare: read.dontCare, imageSize: { width: 1242, height: 375 } });
  const rows = cols(text);
  const orig = cols(LABELS);
  assert.deepEqual(rows.map((r) => r[0]), ['Pedestrian', 'Car', 'DontCare', 'Cyclist', 'Van']);
  for (const i of [0, 2, 3]) assert.deepEqual(rows[i], orig[i]);
  const m = rows[1]! as number[];
  assert.deepEqual([m[1], m[2]], [0, 0]);
  assert.ok(Math.abs((m[13] as number) - (58.49 - 20)) < 0.5, `z ${m[13]}`);
  assert.ok(Math.abs(m[3]! - Math.atan2(Math.sin(m[14]! - Math.atan2(m[11]!, m[13]!)), Math.cos(m[14]! - Math.atan2(m[11]!, m[13]!)))) < 1e-9, `alpha ${m[3]}`);
  assert.notDeepEqual(m.slice(4, 8), orig[1]!.slice(4, 8));
  // Read back, the moved line is the moved box.
  const back = readKittiLabels(text, calib).boxes[1]!.geometry;
  for (const key of ['x', 'y', 'z', 'dx', 'dy', 'dz'] as const) assert.ok(Math.abs(back[key] - moved.geometry[key]) < 1e-9, key);
  assert.ok(Math.abs(Math.sin(back.yaw - moved.geometry.yaw)) < 1e-9 && Math.cos(back.yaw - moved.geometry.yaw) > 0, `yaw ${back.yaw}`);
  // The new van, 6 m ahead and 3 m to the right, reaches past the image's right edge: its 2D box stops at 1241.
  const van = rows[4]! as number[];
  assert.deepEqual([van[1], van[2]], [0, 0]);
  assert.equal(van[6], 1241);
  assert.ok(van[4]! >= 0 && van[4]! < 1241 && van[5]! >= 0 && van[7]! <= 374, `${van}`);
});

test('truncated, occluded and alpha attributes of an object win over its line; bad values are ignored', () => {
  const calib = parseKittiCalib(CALIB);
  const read = readKittiLabels(LABELS, calib);
  const ped = { ...read.boxes[0]!, label: 'Person_sitting', attributes: { truncated: 0.5, occluded: '2', alpha: -0.3 } };
  const car = { ...read.boxes[1]!, attributes: { truncated: 4, occluded: 1.5, alpha: 'x' } };
  const rows = cols(writeKittiLabels([ped, car], calib));
  assert.deepEqual(rows[0], ['Person_sitting', 0.5, 2, -0.3, ...cols(LABELS)[0]!.slice(4)]);
  assert.deepEqual(rows[1], cols(LABELS)[1]);
  // A moved box keeps its attributes' truncated and occluded, and its alpha follows the box.
  const moved = { ...car, geometry: { ...car.geometry, y: car.geometry.y + 1 } as typeof car.geometry, attributes: { occluded: 3, alpha: 1 } };
  const m = cols(writeKittiLabels([moved], calib))[0]! as number[];
  assert.deepEqual([m[1], m[2]], [0, 3]);
  assert.notEqual(m[3], 1);
});
