/** The rectangle being dragged with the cuboid tool, drawn in the top and perspective views. */
import * as THREE from 'three';
import type { TopRect } from './api.ts';
import { topRect, type Vec3 } from './frames.ts';

export class Rectangle {
  readonly object = new THREE.LineLoop(new THREE.BufferGeometry(), new THREE.LineBasicMaterial({ color: 0xffd400 }));
  private readonly corners = new THREE.BufferAttribute(new Float32Array(12), 3);

  constructor() {
    this.object.geometry.setAttribute('position', this.corners);
    this.object.frustumCulled = false;
    this.object.visible = false;
  }

  show(from: Vec3, to: Vec3, z: number): void {
    const [x0, x1, y0, y1] = [from[0], to[0], from[1], to[1]];
    (this.corners.array as Float32Array).set([x0, y0, z, x1, y0, z, x1, y1, z, x0, y1, z]);
    this.corners.needsUpdate = true;
    this.object.visible = true;
  }

  hide(): void {
    this.object.visible = false;
  }

  quad(from: Vec3, to: Vec3): TopRect | null {
    return topRect(from, to);
  }
}
