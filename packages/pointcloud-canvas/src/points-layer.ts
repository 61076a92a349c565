/**
 * The sweep as one THREE.Points over the cloud's own position array (no copy), coloured by a ramp;
 * and the slab of points around the selected box that the side and front views draw instead (they
 * show a few metres, so drawing the whole sweep there would spend most of a frame on clipped points).
 */
import * as THREE from 'three';
import type { Cuboid3dGeometry } from '@cadre/core';
import type { PointCloud } from '@cadre/pointcloud';
import type { ColorMode } from './api.ts';
import { covers } from './box-math.ts';
import { pointColors } from './color.ts';

export const pointMaterial = (size: number) => new THREE.PointsMaterial({ size, sizeAttenuation: false, vertexColors: true });

export class PointsLayer {
  readonly object = new THREE.Points(new THREE.BufferGeometry(), pointMaterial(2));
  private cloud: PointCloud | null = null;
  private mode: ColorMode = 'height';
  colors: Float32Array = new Float32Array(0);

  constructor() {
    this.object.frustumCulled = false;
  }

  setCloud(cloud: PointCloud): void {
    this.cloud = cloud;
    this.colors = pointColors(cloud, this.mode);
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.BufferAttribute(cloud.positions.subarray(0, cloud.count * 3) as Float32Array<ArrayBuffer>, 3));
    geometry.setAttribute('color', new THREE.BufferAttribute(this.colors as Float32Array<ArrayBuffer>, 3));
    this.object.geometry.dispose();
    this.object.geometry = geometry;
  }

  setMode(mode: ColorMode): void {
    this.mode = mode;
    if (!this.cloud) return;
    pointColors(this.cloud, mode, this.colors);
    (this.object.geometry.getAttribute('color') as THREE.BufferAttribute).needsUpdate = true;
  }

  positions(): Float32Array | null {
    return this.cloud ? this.cloud.positions.subarray(0, this.cloud.count * 3) : null;
  }
}

export class SlabLayer {
  readonly object = new THREE.Points(new THREE.BufferGeometry(), pointMaterial(3));
  /** The box (grown by `margin`) whose surroundings the slab holds; null when empty. */
  private around: Cuboid3dGeometry | null = null;

  constructor(private readonly margin = 3) {
    this.object.frustumCulled = false;
  }

  /** Keeps the slab while the box stays well inside it (small drags and nudges copy nothing). */
  follow(points: PointsLayer, g: Cuboid3dGeometry | null): void {
    if (g && this.around && covers(this.around, this.margin - 1, g)) return;
    this.rebuild(points, g);
  }

  rebuild(points: PointsLayer, g: Cuboid3dGeometry | null): void {
    this.around = g;
    const positions = points.positions();
    const inside: number[] = [];
    if (positions && g) {
      const c = Math.cos(g.yaw), s = Math.sin(g.yaw), ha = g.dx / 2 + this.margin, hb = g.dy / 2 + this.margin;
      for (let i = 0; i < positions.length; i += 3) {
        const px = positions[i]! - g.x, py = positions[i + 1]! - g.y;
        if (Math.abs(px * c + py * s) <= ha && Math.abs(py * c - px * s) <= hb) inside.push(i);
      }
    }
    const pos = new Float32Array(inside.length * 3), col = new Float32Array(inside.length * 3);
    inside.forEach((i, k) => {
      pos.set(positions!.subarray(i, i + 3), k * 3);
      col.set(points.colors.subarray(i, i + 3), k * 3);
    });
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.BufferAttribute(pos, 3));
    geometry.setAttribute('color', new THREE.BufferAttribute(col, 3));
    this.object.geometry.dispose();
    this.object.geometry = geometry;
  }
}
