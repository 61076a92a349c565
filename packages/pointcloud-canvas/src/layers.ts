/** The three.js objects: one Points for the sweep, two LineSegments (people's boxes, predictions) for every box. */
import * as THREE from 'three';
import type { Cuboid3dGeometry } from '@cadre/core';
import type { PointCloud } from '@cadre/pointcloud';
import type { ColorMode, SceneCuboid } from './api.ts';
import { corners, EDGES } from './box-math.ts';
import { pointColors } from './color.ts';
import { KNOB } from './edit.ts';

export class PointsLayer {
  readonly object: THREE.Points;
  private cloud: PointCloud | null = null;
  private mode: ColorMode = 'height';

  constructor() {
    const material = new THREE.PointsMaterial({ size: 2, sizeAttenuation: false, vertexColors: true });
    this.object = new THREE.Points(new THREE.BufferGeometry(), material);
    this.object.frustumCulled = false;
  }

  setCloud(cloud: PointCloud): void {
    this.cloud = cloud;
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.BufferAttribute(cloud.positions as Float32Array<ArrayBuffer>, 3));
    geometry.setAttribute('color', new THREE.BufferAttribute(pointColors(cloud, this.mode) as Float32Array<ArrayBuffer>, 3));
    this.object.geometry.dispose();
    this.object.geometry = geometry;
  }

  setMode(mode: ColorMode): void {
    this.mode = mode;
    if (!this.cloud) return;
    const attr = this.object.geometry.getAttribute('color') as THREE.BufferAttribute;
    pointColors(this.cloud, mode, attr.array as Float32Array<ArrayBuffer>);
    attr.needsUpdate = true;
  }

  positions(): Float32Array | null {
    return this.cloud?.positions ?? null;
  }
}

const SELECTED = new THREE.Color('#ffffff');

export class BoxesLayer {
  readonly people = new THREE.LineSegments(new THREE.BufferGeometry(), new THREE.LineBasicMaterial({ vertexColors: true }));
  readonly predictions = new THREE.LineSegments(new THREE.BufferGeometry(), new THREE.LineDashedMaterial({ vertexColors: true, dashSize: 0.3, gapSize: 0.2, transparent: true, opacity: 0.75 }));
  /** The same lines for the side and front views' own scene (an object has one parent; geometry is shared). */
  readonly detail = [new THREE.LineSegments(this.people.geometry, this.people.material), new THREE.LineSegments(this.predictions.geometry, this.predictions.material)] as const;

  constructor() {
    for (const o of [this.people, this.predictions, ...this.detail]) o.frustumCulled = false;
  }

  /** Rebuilds both line sets: 100 boxes are 2,800 vertices, cheaper than keeping them in sync. */
  update(cuboids: Iterable<SceneCuboid>, selected: string | null): void {
    const human: number[] = [], humanColor: number[] = [], machine: number[] = [], machineColor: number[] = [];
    const color = new THREE.Color();
    for (const c of cuboids) {
      const [pos, col] = c.prediction ? [machine, machineColor] : [human, humanColor];
      color.set(c.id === selected ? SELECTED : c.color);
      const p = corners(c.geometry);
      for (const [i, j] of EDGES) {
        pos.push(...p[i]!, ...p[j]!);
        col.push(color.r, color.g, color.b, color.r, color.g, color.b);
      }
      if (c.id === selected) {
        // The rotation knob: a stalk from the front face's centre.
        const { x, y, z, dx, yaw } = c.geometry;
        const [cx, cy, s] = [Math.cos(yaw), Math.sin(yaw), dx / 2];
        pos.push(x + cx * s, y + cy * s, z, x + cx * (s + KNOB), y + cy * (s + KNOB), z);
        col.push(1, 1, 0, 1, 1, 0);
      }
    }
    write(this.people, human, humanColor);
    write(this.predictions, machine, machineColor);
    this.predictions.computeLineDistances();
    this.detail[0].geometry = this.people.geometry;
    this.detail[1].geometry = this.predictions.geometry;
  }
}

function write(lines: THREE.LineSegments | THREE.Points, positions: number[], colors: number[]): void {
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
  geometry.setAttribute('color', new THREE.Float32BufferAttribute(colors, 3));
  lines.geometry.dispose();
  lines.geometry = geometry;
}

/**
 * The points around the selected box, for the side and front views: they show a slab a few metres
 * wide, so drawing the whole sweep there would spend most of a frame on points the slab clips away.
 */
export class SlabLayer {
  readonly object = new THREE.Points(new THREE.BufferGeometry(), new THREE.PointsMaterial({ size: 3, sizeAttenuation: false, vertexColors: true }));

  constructor() {
    this.object.frustumCulled = false;
  }

  update(points: PointsLayer, g: Cuboid3dGeometry | null, margin = 3): void {
    const positions = points.positions();
    const colors = points.object.geometry.getAttribute('color') as THREE.BufferAttribute | undefined;
    const pos: number[] = [], col: number[] = [];
    if (positions && colors && g) {
      const c = Math.cos(g.yaw), s = Math.sin(g.yaw), ha = g.dx / 2 + margin, hb = g.dy / 2 + margin;
      const rgb = colors.array as Float32Array;
      for (let i = 0; i < positions.length; i += 3) {
        const px = positions[i]! - g.x, py = positions[i + 1]! - g.y;
        if (Math.abs(px * c + py * s) > ha || Math.abs(py * c - px * s) > hb) continue;
        pos.push(positions[i]!, positions[i + 1]!, positions[i + 2]!);
        col.push(rgb[i]!, rgb[i + 1]!, rgb[i + 2]!);
      }
    }
    write(this.object, pos, col);
  }
}
