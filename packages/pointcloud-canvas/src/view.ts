/** One view: its own canvas and camera, drawn only when marked dirty. Ortho views are placed from a pure `OrthoFrame`. */
import * as THREE from 'three';
import type { ViewName } from './api.ts';
import { forward, lidarToScreen, screenToLidar, topFrame, type OrthoFrame, type Size, type Vec3 } from './frames.ts';

/** How far the orthographic cameras stand back from what they look at, metres. */
const DISTANCE = 300;

export class View {
  readonly renderer: THREE.WebGLRenderer;
  readonly camera: THREE.PerspectiveCamera | THREE.OrthographicCamera;
  dirty = true;
  /** Side and front views draw nothing until a box is selected. */
  empty = false;
  /** Ortho views: what the camera shows; `depth` metres either side of the centre are drawn (side and front). */
  frame: OrthoFrame = topFrame(0, 0, 0, 30);
  depth = DISTANCE;

  constructor(readonly name: ViewName, readonly container: HTMLElement) {
    this.renderer = new THREE.WebGLRenderer({ antialias: false });
    this.renderer.setPixelRatio(Math.min(globalThis.devicePixelRatio ?? 1, 2));
    this.renderer.setClearColor(0x111318);
    const canvas = this.renderer.domElement;
    canvas.style.cssText = 'display:block;width:100%;height:100%;touch-action:none';
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
    }
    this.resize();
  }

  size(): Size {
    return { width: Math.max(1, this.container.clientWidth), height: Math.max(1, this.container.clientHeight) };
  }

  shown(): boolean {
    return this.container.clientWidth > 0 && this.container.clientHeight > 0;
  }

  resize(): void {
    const { width, height } = this.size();
    this.renderer.setSize(width, height, false);
    if (this.camera instanceof THREE.PerspectiveCamera) {
      this.camera.aspect = width / height;
      this.camera.updateProjectionMatrix();
    } else this.place(this.frame, this.depth);
  }

  /** Points the orthographic camera along `frame`, drawing `depth` metres either side of its centre. */
  place(frame: OrthoFrame, depth = DISTANCE): void {
    const c = this.camera as THREE.OrthographicCamera;
    this.frame = frame;
    this.depth = depth;
    const { width, height } = this.size();
    const f = forward(frame);
    c.position.set(frame.centre[0] - f[0] * DISTANCE, frame.centre[1] - f[1] * DISTANCE, frame.centre[2] - f[2] * DISTANCE);
    c.up.set(...frame.up);
    c.lookAt(...frame.centre);
    c.top = frame.span; c.bottom = -frame.span;
    c.right = (frame.span * width) / height; c.left = -c.right;
    c.near = Math.max(0.01, DISTANCE - depth); c.far = DISTANCE + depth;
    c.updateProjectionMatrix();
    this.dirty = true;
  }

  /** A pointer event's position in the canvas, CSS pixels from its top-left corner. */
  pixel(e: { clientX: number; clientY: number }): [number, number] {
    const r = this.renderer.domElement.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }

  /** Ortho views: client pixel → lidar point on the plane through the view's centre. */
  toLidar(e: { clientX: number; clientY: number }): Vec3 {
    return screenToLidar(this.frame, this.size(), ...this.pixel(e));
  }

  /** Where a lidar point shows, in client pixels; null when behind the perspective camera. */
  toClient(x: number, y: number, z: number): { x: number; y: number } | null {
    const r = this.renderer.domElement.getBoundingClientRect();
    const p = this.toCanvas(x, y, z);
    return p && { x: r.left + p.x, y: r.top + p.y };
  }

  /** Where a lidar point shows, in CSS pixels from the canvas's top-left; null when behind the perspective camera. */
  toCanvas(x: number, y: number, z: number): { x: number; y: number } | null {
    const size = this.size();
    if (this.camera instanceof THREE.OrthographicCamera) {
      const p = lidarToScreen(this.frame, size, [x, y, z]);
      return { x: p.x, y: p.y };
    }
    const p = new THREE.Vector3(x, y, z).project(this.camera);
    if (p.z > 1) return null;
    return { x: ((p.x + 1) / 2) * size.width, y: ((1 - p.y) / 2) * size.height };
  }

  render(scene: THREE.Scene): void {
    if (this.empty) this.renderer.clear();
    else this.renderer.render(scene, this.camera);
    this.dirty = false;
  }

  dispose(): void {
    this.renderer.dispose();
    this.renderer.forceContextLoss();
    this.renderer.domElement.remove();
  }
}
