// Builders shared by the check tests.
import type { AnnotationPayload, LabeledObject } from '../annotation.ts';
import type { OrientedBox } from '../geometry/obb.ts';
import type { Ontology } from '../ontology.ts';
import type { PointSet } from './types.ts';

export const ontology: Ontology = {
  classes: [
    { name: 'car', kind: 'cuboid3d', attributes: [{ name: 'occluded', type: 'boolean', required: true }] },
    { name: 'sign', kind: 'bbox2d', attributes: [{ name: 'type', type: 'enum', options: ['stop', 'yield'], required: true }, { name: 'note', type: 'text', required: false }] },
    { name: 'lane', kind: 'polyline', attributes: [] },
    { name: 'road', kind: 'polygon', attributes: [] },
    { name: 'person', kind: 'text_span', attributes: [] },
  ],
};

export function payload(...objects: LabeledObject[]): AnnotationPayload {
  return { schemaVersion: 1, objects };
}

export function box(id: string, x: number, y: number, width: number, height: number, attributes: Record<string, unknown> = { type: 'stop' }): LabeledObject {
  return { id, label: 'sign', kind: 'bbox2d', attributes, geometry: { x, y, width, height } as LabeledObject['geometry'] } as LabeledObject;
}

export function cuboid(id: string, g: Partial<OrientedBox>, frame?: number): LabeledObject {
  const geometry = { x: 10, y: 0, z: 0, dx: 4, dy: 2, dz: 1.5, yaw: 0, ...g };
  const o = { id, label: 'car', kind: 'cuboid3d', attributes: { occluded: false }, geometry } as unknown as LabeledObject;
  if (frame !== undefined) o.frame = frame;
  return o;
}

export function pointSet(xyz: readonly number[]): PointSet {
  return { positions: Float32Array.from(xyz), stride: 3, count: xyz.length / 3 };
}

/**
 * A car-like shell: points on the four sides and the top of the box, spaced `step` apart, plus a
 * flat ground patch around it at the box's bottom.
 */
export function shell(g: OrientedBox, step = 0.1): PointSet {
  const out: number[] = [];
  const c = Math.cos(g.yaw), s = Math.sin(g.yaw);
  const put = (u: number, v: number, w: number) => out.push(g.x + u * c - v * s, g.y + u * s + v * c, g.z + w);
  const hx = g.dx / 2, hy = g.dy / 2, hz = g.dz / 2;
  for (let w = -hz + 0.35; w <= hz + 1e-9; w += step) {
    for (let u = -hx; u <= hx + 1e-9; u += step) { put(u, hy, w); put(u, -hy, w); }
    for (let v = -hy; v <= hy + 1e-9; v += step) { put(hx, v, w); put(-hx, v, w); }
  }
  for (let u = -hx; u <= hx + 1e-9; u += step) for (let v = -hy; v <= hy + 1e-9; v += step) put(u, v, hz);
  for (let u = -hx - 2; u <= hx + 2; u += step) for (let v = -hy - 2; v <= hy + 2; v += step) put(u, v, -hz);
  return pointSet(out);
}

/**
 * A sweep-like scene: rings of points around the sensor (120k points in all) and 100 cars with
 * their shells, each labelled with its cuboid. Shared by the check tests and `npm run bench`.
 */
export function sweepScene(): { payload: AnnotationPayload; points: PointSet } {
  const cars = Array.from({ length: 100 }, (_, i) => ({ x: 8 + (i % 10) * 6, y: -30 + Math.floor(i / 10) * 6, z: -0.95, dx: 4.5, dy: 1.9, dz: 1.6, yaw: i * 0.3 }));
  const xyz: number[] = [];
  // Shells 0.3 m apart: all 100 cars fit within the 120k points, the rest is rings.
  for (const c of cars) { const s = shell(c, 0.3); xyz.push(...s.positions); }
  let k = 0;
  while (xyz.length < 120_000 * 3) {
    const r = 3 + (k % 64) * 1.2, a = (k * 2.399963) % (2 * Math.PI);
    xyz.push(r * Math.cos(a), r * Math.sin(a), -1.7 + 0.02 * Math.sin(k));
    k++;
  }
  return { payload: payload(...cars.map((c, i) => cuboid(`car${i}`, c))), points: pointSet(xyz.slice(0, 120_000 * 3)) };
}
