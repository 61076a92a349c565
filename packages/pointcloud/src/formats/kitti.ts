// KITTI label_2: one box a line in the rectified camera frame,
// `type truncated occluded alpha left top right bottom h w l x y z rotation_y [score]`,
// (x, y, z) the bottom-face centre, y pointing down, rotation_y about y. Converted to and from the
// lidar frame through the calib transforms; DontCare regions are skipped.
import { apply, rotate, type KittiCalib } from './kitti-calib.ts';
import { geometry, LabelFormatError, type LabelBox } from './types.ts';

const F = 'KITTI label_2';
const NAMES = ['type', 'truncated', 'occluded', 'alpha', 'left', 'top', 'right', 'bottom', 'h', 'w', 'l', 'x', 'y', 'z', 'rotation_y', 'score'];

export function parseKittiLabels(text: string, calib: KittiCalib): LabelBox[] {
  const out: LabelBox[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const cols = raw.trim().split(/\s+/);
    if (cols.length === 1 && cols[0] === '') return;
    const where = `line ${i + 1}`;
    if (cols.length !== 15 && cols.length !== 16) throw new LabelFormatError(F, where, `expected 15 columns (16 with a score), got ${cols.length}`);
    const type = cols[0]!;
    if (type === 'DontCare') return;
    const v = cols.map((c, k) => {
      if (k === 0) return 0;
      const n = Number(c);
      if (!Number.isFinite(n)) throw new LabelFormatError(F, where, `column ${k + 1} (${NAMES[k]}): expected a finite number, got ${JSON.stringify(c)}`);
      return n;
    });
    const [h, w, l, x, y, z, ry] = v.slice(8, 15) as [number, number, number, number, number, number, number];
    for (const [k, s] of [[8, h], [9, w], [10, l]] as const) if (s <= 0) throw new LabelFormatError(F, where, `column ${k + 1} (${NAMES[k]}): expected a size above 0, got ${s}`);
    const box: LabelBox = { label: type, geometry: camToLidar(calib, h, w, l, x, y, z, ry) };
    if (cols.length === 16) box.score = v[15]!;
    out.push(box);
  });
  return out;
}

/** The lidar-frame box of a camera-frame KITTI box. */
export function camToLidar(calib: KittiCalib, h: number, w: number, l: number, x: number, y: number, z: number, ry: number) {
  const [cx, cy, cz] = apply(calib.rectToVelo, [x, y - h / 2, z]);
  return geometry(cx, cy, cz, l, w, h, yawForRotationY(calib.veloToRect, ry));
}

/**
 * The lidar yaw whose heading, taken into the camera frame and seen from above (the x–z plane),
 * points at rotation_y. Solving it this way (not by inverting the heading vector and dropping its
 * height) makes camera → lidar → camera exact even when the lidar is tilted against the camera.
 */
function yawForRotationY(m: number[], ry: number): number {
  const sr = Math.sin(ry), cr = Math.cos(ry);
  const a = m[0]! * sr + m[8]! * cr;
  const b = m[1]! * sr + m[9]! * cr;
  let c = b, s = -a;
  const v = rotate(m, [c, s, 0]);
  if (v[0] * cr - v[2] * sr < 0) { c = -c; s = -s; }
  return Math.atan2(s, c);
}

const wrap = (a: number) => Math.atan2(Math.sin(a), Math.cos(a));

/** KITTI label_2 text for lidar-frame boxes. Roll and pitch are dropped (KITTI has rotation_y only). */
export function writeKittiLabels(boxes: readonly LabelBox[], calib: KittiCalib): string {
  return boxes.map((b, i) => {
    if (!/^\S+$/.test(b.label)) throw new LabelFormatError(F, `box ${i}`, `label: ${JSON.stringify(b.label)} cannot be a KITTI type (it must be one word)`);
    const g = b.geometry;
    const [cx, cy, cz] = apply(calib.veloToRect, [g.x, g.y, g.z]);
    const y = cy + g.dz / 2;
    const v = rotate(calib.veloToRect, [Math.cos(g.yaw), Math.sin(g.yaw), 0]);
    const ry = Math.atan2(-v[2], v[0]);
    const alpha = wrap(ry - Math.atan2(cx, cz));
    const box2d = projectBox(calib, cx, cy, cz, g.dx, g.dy, g.dz, ry);
    const cols: Array<string | number> = [b.label, 0, 0, alpha, ...box2d, g.dz, g.dy, g.dx, cx, y, cz, ry];
    if (b.score !== undefined) cols.push(b.score);
    return cols.join(' ') + '\n';
  }).join('');
}

/** The 2D box of the 8 corners in the image through P2 (no clipping: the image size is unknown); zeros without P2. */
function projectBox(calib: KittiCalib, cx: number, cy: number, cz: number, l: number, w: number, h: number, ry: number): number[] {
  const p = calib.matrices.P2;
  if (p === undefined || p.length !== 12) return [0, 0, 0, 0];
  const us: number[] = [], vs: number[] = [];
  const c = Math.cos(ry), s = Math.sin(ry);
  for (const a of [-1, 1]) for (const b of [-1, 1]) for (const d of [-1, 1]) {
    const px = cx + (a * l / 2) * c + (b * w / 2) * s;
    const pz = cz - (a * l / 2) * s + (b * w / 2) * c;
    const [u, v, q] = apply(p, [px, cy + (d * h) / 2, pz]);
    if (q > 0.01) { us.push(u / q); vs.push(v / q); }
  }
  return us.length === 0 ? [0, 0, 0, 0] : [Math.min(...us), Math.min(...vs), Math.max(...us), Math.max(...vs)];
}
