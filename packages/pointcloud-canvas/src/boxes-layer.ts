/**
 * Every box as two LineSegments (people's boxes solid, predictions dashed and paler), written in
 * place into preallocated buffers: a frame switch with 100 boxes rewrites ~3,000 vertices and
 * creates no scene objects, materials or geometries.
 */
import * as THREE from 'three';
import type { SceneCuboid } from './api.ts';
import { corners, EDGES } from './box-math.ts';
import { KNOB } from './edit.ts';

const SELECTED = new THREE.Color('#ffffff');
const KNOB_COLOR = new THREE.Color('#ffd400');
const NO_NOTES: ReadonlyMap<string, string> = new Map();

/** One batch of line segments that grows by doubling and is otherwise rewritten in place. */
class Lines {
  readonly object: THREE.LineSegments;
  /** The same lines for a second scene (an object has one parent; geometry and material are shared). */
  readonly twin: THREE.LineSegments;
  private used = 0;

  constructor(material: THREE.LineBasicMaterial | THREE.LineDashedMaterial) {
    this.object = new THREE.LineSegments(new THREE.BufferGeometry(), material);
    this.twin = new THREE.LineSegments(this.object.geometry, material);
    // Boxes draw over the points: an annotator needs every edge, not only the ones in front.
    material.depthTest = false;
    for (const o of [this.object, this.twin]) {
      o.frustumCulled = false;
      o.renderOrder = 1;
    }
    this.allocate(1024);
  }

  private allocate(vertices: number): void {
    const geometry = new THREE.BufferGeometry();
    for (const [name, size] of [['position', 3], ['color', 3], ['lineDistance', 1]] as const) {
      geometry.setAttribute(name, new THREE.BufferAttribute(new Float32Array(vertices * size), size).setUsage(THREE.DynamicDrawUsage));
    }
    this.object.geometry.dispose();
    this.object.geometry = this.twin.geometry = geometry;
  }

  begin(): void {
    this.used = 0;
  }

  segment(p: readonly number[], q: readonly number[], color: THREE.Color): void {
    const attr = (n: string) => this.object.geometry.getAttribute(n) as THREE.BufferAttribute;
    if (this.used + 2 > attr('position').count) {
      const old = (['position', 'color', 'lineDistance'] as const).map((n) => attr(n).array.slice(0, this.used * attr(n).itemSize));
      this.allocate(attr('position').count * 2);
      (['position', 'color', 'lineDistance'] as const).forEach((n, i) => (attr(n).array as Float32Array).set(old[i]!));
    }
    const pos = attr('position').array as Float32Array, col = attr('color').array as Float32Array, dist = attr('lineDistance').array as Float32Array;
    const i = this.used;
    pos.set(p, i * 3); pos.set(q, i * 3 + 3);
    col[i * 3] = col[i * 3 + 3] = color.r; col[i * 3 + 1] = col[i * 3 + 4] = color.g; col[i * 3 + 2] = col[i * 3 + 5] = color.b;
    dist[i] = 0;
    dist[i + 1] = Math.hypot(q[0]! - p[0]!, q[1]! - p[1]!, q[2]! - p[2]!);
    this.used += 2;
  }

  end(): void {
    const g = this.object.geometry;
    for (const n of ['position', 'color', 'lineDistance']) {
      const a = g.getAttribute(n) as THREE.BufferAttribute;
      a.clearUpdateRanges();
      a.addUpdateRange(0, this.used * a.itemSize);
      a.needsUpdate = true;
    }
    g.setDrawRange(0, this.used);
  }
}

export class BoxesLayer {
  private readonly people = new Lines(new THREE.LineBasicMaterial({ vertexColors: true }));
  private readonly predictions = new Lines(new THREE.LineDashedMaterial({ vertexColors: true, dashSize: 0.3, gapSize: 0.2, transparent: true, opacity: 0.6 }));
  /** For the overview scene (perspective and top views). */
  readonly objects = [this.people.object, this.predictions.object] as const;
  /** For the detail scene (side and front views). */
  readonly twins = [this.people.twin, this.predictions.twin] as const;

  /** Rewrites every box: 12 edges, a cross on the front face, a line from the centre to the nose. */
  update(cuboids: Iterable<SceneCuboid>, selected: string | null, knob = KNOB, noted: ReadonlyMap<string, string> = NO_NOTES): void {
    const color = new THREE.Color();
    this.people.begin();
    this.predictions.begin();
    for (const c of cuboids) {
      // The selected box is drawn solid and white even when it is a prediction, so it stands out in every view.
      const note = noted.get(c.id);
      const lines = c.prediction && c.id !== selected && note === undefined ? this.predictions : this.people;
      color.set(c.id === selected ? SELECTED : (note ?? c.color));
      const p = corners(c.geometry);
      for (const [i, j] of EDGES) lines.segment(p[i]!, p[j]!, color);
      const { x, y, z, dx, yaw } = c.geometry;
      const [cx, cy, s] = [Math.cos(yaw), Math.sin(yaw), dx / 2];
      lines.segment([x, y, z], [x + cx * s, y + cy * s, z], color);
      // The selected box's rotation knob: a stalk out of the nose (dragged in the top view).
      if (c.id === selected) lines.segment([x + cx * s, y + cy * s, z], [x + cx * (s + knob), y + cy * (s + knob), z], KNOB_COLOR);
    }
    this.people.end();
    this.predictions.end();
  }
}
