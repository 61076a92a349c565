/** One view: its own canvas and camera over the shared scene, drawn only when something changed. */
import * as THREE from 'three';
import type { Cuboid3dGeometry } from '@cadre/core';
import type { ViewName } from './api.ts';

const DISTANCE = 200;

export class View {
  readonly renderer: THREE.WebGLRenderer;
  readonly camera: THREE.PerspectiveCamera | THREE.OrthographicCamera;
  dirty = true;
  /** Ortho views: metres from the centre to the top edge. */
  span = 30;
  centre = new THREE.Vector3();
  /** Side and front views draw nothing until a box is selected. */
  empty = false;

  constructor(readonly name: ViewName, readonly container: HTMLElement) {
    this.renderer = new THREE.WebGLRenderer({ antialias: false, preserveDrawingBuffer: false });
    this.renderer.setPixelRatio(Math.min(globalThis.devicePixelRatio ?? 1, 2));
    this.renderer.setClearColor(0x111318);
    const canvas = this.renderer.domElement;
    canvas.style.display = 'block';
    canvas.style.width = '100%';
    canvas.style.height = '100%';
    canvas.dataset.view = name;
    container.appendChild(canvas);
    if (name === 'perspective') {
      const camera = new THREE.PerspectiveCamera(55, 1, 0.1, 2000);
      camera.up.set(0, 0, 1);
      camera.position.set(-22, 0, 18);
      camera.lookAt(0, 0, 0);
      this.camera = camera;
    } else {
      this.camera = new THREE.OrthographicCamera(-1, 1, 1, -1, 0.1, 2 * DISTANCE);
      if (name === 'top') this.camera.up.set(1, 0, 0); // forward (+x) up the screen, +y to the left
      else this.camera.up.set(0, 0, 1);
    }
    this.resize();
  }

  size(): { width: number; height: number } {
    return { width: Math.max(1, this.container.clientWidth), height: Math.max(1, this.container.clientHeight) };
  }

  resize(): void {
    const { width, height } = this.size();
    this.renderer.setSize(width, height, false);
    this.place();
  }

  /** Top view: look straight down at `centre`. */
  place(): void {
    const { width, height } = this.size();
    const aspect = width / height;
    if (this.camera instanceof THREE.PerspectiveCamera) {
      this.camera.aspect = aspect;
      this.camera.updateProjectionMatrix();
    } else {
      const c = this.camera;
      c.top = this.span; c.bottom = -this.span; c.left = -this.span * aspect; c.right = this.span * aspect;
      if (this.name === 'top') {
        c.position.set(this.centre.x, this.centre.y, this.centre.z + DISTANCE);
        c.near = 0.1; c.far = 2 * DISTANCE;
        c.lookAt(this.centre.x, this.centre.y, this.centre.z);
      }
      c.updateProjectionMatrix();
    }
    this.dirty = true;
  }

  /** Side (looking across the box, heading to the right) and front (looking back at its nose): a slab around the box. */
  follow(g: Cuboid3dGeometry): void {
    const c = this.camera as THREE.OrthographicCamera;
    const e1 = new THREE.Vector3(Math.cos(g.yaw), Math.sin(g.yaw), 0);
    const e2 = new THREE.Vector3(-Math.sin(g.yaw), Math.cos(g.yaw), 0);
    const centre = new THREE.Vector3(g.x, g.y, g.z);
    const [dir, depth, across] = this.name === 'side' ? [e2.clone().negate(), g.dy, g.dx] : [e1, g.dx, g.dy];
    c.position.copy(centre).addScaledVector(dir, DISTANCE);
    c.lookAt(centre);
    c.near = DISTANCE - depth / 2 - 0.5;
    c.far = DISTANCE + depth / 2 + 0.5;
    const { width, height } = this.size();
    this.span = Math.max(g.dz * 0.8, (across * 0.65 * height) / width) + 0.4;
    this.centre.copy(centre);
    this.empty = false;
    this.place();
  }

  /** Client pixel → world point (ortho views: on the plane through the view's centre). */
  toWorld(clientX: number, clientY: number): THREE.Vector3 {
    const rect = this.renderer.domElement.getBoundingClientRect();
    const ndc = new THREE.Vector3(((clientX - rect.left) / rect.width) * 2 - 1, -((clientY - rect.top) / rect.height) * 2 + 1, 0);
    const p = ndc.unproject(this.camera);
    if (this.name === 'top') p.z = this.centre.z;
    return p;
  }

  toClient(x: number, y: number, z: number): { x: number; y: number } {
    const rect = this.renderer.domElement.getBoundingClientRect();
    const p = new THREE.Vector3(x, y, z).project(this.camera);
    return { x: rect.left + ((p.x + 1) / 2) * rect.width, y: rect.top + ((1 - p.y) / 2) * rect.height };
  }

  /** Metres per CSS pixel (ortho views). */
  metresPerPixel(): number {
    return (2 * this.span) / this.size().height;
  }

  render(scene: THREE.Scene): void {
    if (this.empty) this.renderer.clear();
    else this.renderer.render(scene, this.camera);
    this.dirty = false;
  }

  dispose(): void {
    this.renderer.dispose();
    this.renderer.domElement.remove();
  }
}
