// A small KITTI object folder written by the tests: the calibration of KITTI training scan 000000
// (its published numbers), three labelled boxes and a DontCare region, a few lidar points.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const KITTI_CALIB = `P0: 7.070493000000e+02 0.000000000000e+00 6.040814000000e+02 0.000000000000e+00 0.000000000000e+00 7.070493000000e+02 1.805066000000e+02 0.000000000000e+00 0.000000000000e+00 0.000000000000e+00 1.000000000000e+00 0.000000000000e+00
P1: 7.070493000000e+02 0.000000000000e+00 6.040814000000e+02 -3.797842000000e+02 0.000000000000e+00 7.070493000000e+02 1.805066000000e+02 0.000000000000e+00 0.000000000000e+00 0.000000000000e+00 1.000000000000e+00 0.000000000000e+00
P2: 7.070493000000e+02 0.000000000000e+00 6.040814000000e+02 4.575831000000e+01 0.000000000000e+00 7.070493000000e+02 1.805066000000e+02 -3.454157000000e-01 0.000000000000e+00 0.000000000000e+00 1.000000000000e+00 4.981016000000e-03
P3: 7.070493000000e+02 0.000000000000e+00 6.040814000000e+02 -3.341081000000e+02 0.000000000000e+00 7.070493000000e+02 1.805066000000e+02 2.330660000000e+00 0.000000000000e+00 0.000000000000e+00 1.000000000000e+00 3.201153000000e-03
R0_rect: 9.999128000000e-01 1.009263000000e-02 -8.511932000000e-03 -1.012729000000e-02 9.999406000000e-01 -4.037671000000e-03 8.470675000000e-03 4.123522000000e-03 9.999556000000e-01
Tr_velo_to_cam: 6.927964000000e-03 -9.999722000000e-01 -2.757829000000e-03 -2.457729000000e-02 -1.162982000000e-03 2.749836000000e-03 -9.999955000000e-01 -6.127237000000e-02 9.999753000000e-01 6.931141000000e-03 -1.143899000000e-03 -3.321029000000e-01
Tr_imu_to_velo: 9.999976000000e-01 7.553071000000e-04 -2.035826000000e-03 -8.086759000000e-01 -7.854027000000e-04 9.998898000000e-01 -1.482298000000e-02 3.195559000000e-01 2.024406000000e-03 1.482454000000e-02 9.998881000000e-01 -7.997231000000e-01
`;

/** h w l x y z rotation_y of the labelled boxes, camera frame. */
export const KITTI_BOXES: Array<[string, number[]]> = [
  ['Pedestrian', [1.89, 0.48, 1.2, 1.84, 1.47, 8.41, 0.01]],
  ['Car', [1.52, 1.63, 3.88, -4.3, 1.69, 21.6, -1.56]],
  ['Cyclist', [1.72, 0.62, 1.75, 5.5, 1.6, 14.2, 2.9]],
];

export async function writeKittiFolder(root: string): Promise<void> {
  for (const d of ['velodyne', 'label_2', 'calib', 'image_2']) await mkdir(join(root, d), { recursive: true });
  const points = new Float32Array([8.4, -1.8, -0.7, 0.3, 21.6, 4.3, -0.8, 0.1, 14.2, -5.5, -0.6, 0.5]);
  await writeFile(join(root, 'velodyne/000000.bin'), Buffer.from(points.buffer));
  await writeFile(join(root, 'velodyne/000001.bin'), Buffer.from(points.buffer));
  const lines = KITTI_BOXES.map(([type, v]) => `${type} 0.00 0 0.00 0.00 0.00 10.00 10.00 ${v.join(' ')}`);
  lines.push('DontCare -1 -1 -10 503.89 169.71 590.61 190.13 -1 -1 -1 -1000 -1000 -1000 -10');
  await writeFile(join(root, 'label_2/000000.txt'), lines.join('\n') + '\n');
  await writeFile(join(root, 'calib/000000.txt'), KITTI_CALIB);
  await writeFile(join(root, 'calib/000001.txt'), KITTI_CALIB);
  await writeFile(join(root, 'image_2/000000.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
}
