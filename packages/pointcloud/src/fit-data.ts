// Node-only: the labelled LiDAR frames in ../shared/data as fitter test cases.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parsePointCloud } from './detect.ts';
import { SHARED_DATA } from './testing.ts';
import type { Frame, LabelledBox } from './fit/evaluation.ts';
import { parseBoxesJson, parseKittiCalib, parseKittiLabels, type LabelBox } from './formats/index.ts';

const labelled = (boxes: LabelBox[]): LabelledBox[] => boxes.map(({ label, geometry: g }) => ({ label, x: g.x, y: g.y, z: g.z, dx: g.dx, dy: g.dy, dz: g.dz, yaw: g.yaw }));

/** The KITTI object frames (64-beam, labels only in the camera's view), boxes moved to the LiDAR frame by each frame's calibration. */
export function kittiFrames(): Frame[] {
  const dir = join(SHARED_DATA, 'lidar/kitti-dev');
  return readdirSync(join(dir, 'velodyne')).filter((f) => f.endsWith('.bin')).sort().map((file) => {
    const name = file.replace(/\.bin$/, '');
    const cloud = parsePointCloud(readFileSync(join(dir, 'velodyne', file)), file);
    const calib = parseKittiCalib(readFileSync(join(dir, 'calib', `${name}.txt`), 'utf8'));
    const boxes = labelled(parseKittiLabels(readFileSync(join(dir, 'label_2', `${name}.txt`), 'utf8'), calib));
    return { name: `kitti ${name}`, positions: cloud.positions, boxes };
  });
}

/** The Argoverse 2 sweeps (two stacked 32-beam sensors, ego frame with the ground near z = -0.4 m), labelled all around. */
export function av2Frames(): Frame[] {
  const root = join(SHARED_DATA, 'lidar/av2-dev');
  return readdirSync(root).sort().flatMap((log) => readdirSync(join(root, log)).filter((f) => f.endsWith('.bin')).sort().map((file) => {
    const name = file.replace(/\.bin$/, '');
    const cloud = parsePointCloud(readFileSync(join(root, log, file)), file);
    const boxes = labelled(parseBoxesJson(readFileSync(join(root, log, `${name}.json`), 'utf8')));
    return { name: `av2 ${log}/${name}`, positions: cloud.positions, boxes };
  }));
}

interface SustechLabel { psr: { position: Record<'x' | 'y' | 'z', number>; scale: Record<'x' | 'y' | 'z', number>; rotation: Record<'z', number> }; obj_type: string; obj_id?: string }

export function sustechFrames(): Frame[] {
  const dir = join(SHARED_DATA, 'lidar/sustech-seq');
  return readdirSync(join(dir, 'lidar')).sort().map((file) => {
    const name = file.replace(/\.pcd$/, '');
    const cloud = parsePointCloud(readFileSync(join(dir, 'lidar', file)), file);
    const labels = JSON.parse(readFileSync(join(dir, 'label', `${name}.json`), 'utf8')) as SustechLabel[];
    const boxes: LabelledBox[] = labels.map(({ psr, obj_type, obj_id }) => ({
      ...(obj_id !== undefined ? { id: String(obj_id) } : {}), label: obj_type, x: psr.position.x, y: psr.position.y, z: psr.position.z,
      dx: psr.scale.x, dy: psr.scale.y, dz: psr.scale.z, yaw: psr.rotation.z,
    }));
    return { name: `sustech ${name}`, positions: cloud.positions, boxes };
  });
}

export function nuscenesFrame(): Frame {
  const dir = join(SHARED_DATA, 'lidar/nuscenes-frame');
  const files = readdirSync(dir);
  const bin = files.find((f) => f.endsWith('.pcd.bin'))!;
  // Python's json writes NaN for unknown velocities; JSON has no NaN.
  const info = JSON.parse(readFileSync(join(dir, files.find((f) => f.endsWith('.json'))!), 'utf8').replace(/\bNaN\b/g, 'null'));
  const names = Object.entries(info.metainfo.categories as Record<string, number>);
  const nameOf = (i: number) => names.find(([, v]) => v === i)?.[0] ?? 'ignore';
  const boxes: LabelledBox[] = (info.data_list[0].instances as Array<{ bbox_3d: number[]; bbox_label_3d: number }>).map(({ bbox_3d: [x, y, z, dx, dy, dz, yaw], bbox_label_3d }) => ({
    // mmdetection3d puts z at the bottom face; Cadre's z is the centre.
    label: nameOf(bbox_label_3d), x: x!, y: y!, z: z! + dz! / 2, dx: dx!, dy: dy!, dz: dz!, yaw: yaw!,
  }));
  const cloud = parsePointCloud(readFileSync(join(dir, bin)), bin);
  return { name: 'nuscenes', positions: cloud.positions, boxes };
}
