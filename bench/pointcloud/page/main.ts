// The 3D render bench page: a bare three.js points page and the workspace engine, orbiting the same
// 1,000,000 points for the same number of frames; then frame switches through a 50-frame sequence.
import * as THREE from 'three';
import { PointCloudEngine } from '@cadre/pointcloud-canvas';
import { boxes, sweep } from './data.ts';

const FRAMES = Number(new URLSearchParams(location.search).get('frames') ?? 60);
const W = 960, H = 640;
const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(r));

function div(width: number, height: number): HTMLDivElement {
  const d = document.createElement('div');
  d.style.cssText = `width:${width}px;height:${height}px;display:inline-block`;
  document.body.appendChild(d);
  return d;
}

/** Frames per second while the camera circles, each frame forced to finish (one pixel read back). */
async function orbit(renderer: THREE.WebGLRenderer, camera: THREE.Camera, draw: () => void): Promise<number> {
  const gl = renderer.getContext();
  const pixel = new Uint8Array(4);
  const started = performance.now();
  for (let i = 0; i < FRAMES; i++) {
    const a = (i / FRAMES) * Math.PI * 2;
    camera.position.set(-30 * Math.cos(a), -30 * Math.sin(a), 20);
    camera.lookAt(0, 0, 0);
    draw();
    await nextFrame();
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
  }
  return FRAMES / ((performance.now() - started) / 1000);
}

async function bare(cloud: ReturnType<typeof sweep>): Promise<number> {
  const host = div(W, H);
  const renderer = new THREE.WebGLRenderer({ antialias: false });
  renderer.setSize(W, H);
  host.appendChild(renderer.domElement);
  const scene = new THREE.Scene();
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.BufferAttribute(cloud.positions, 3));
  geometry.setAttribute('color', new THREE.BufferAttribute(new Float32Array(cloud.count * 3).fill(0.7), 3));
  scene.add(new THREE.Points(geometry, new THREE.PointsMaterial({ size: 2, sizeAttenuation: false, vertexColors: true })));
  const camera = new THREE.PerspectiveCamera(55, W / H, 0.1, 2000);
  camera.up.set(0, 0, 1);
  const fps = await orbit(renderer, camera, () => renderer.render(scene, camera));
  renderer.dispose();
  host.remove();
  return fps;
}

async function workspace(cloud: ReturnType<typeof sweep>) {
  const views = { perspective: div(W, H), top: div(480, 320), side: div(240, 320), front: div(240, 320) };
  const engine = new PointCloudEngine({ views });
  engine.setCloud(cloud);
  engine.setCuboids(boxes(100, 0));
  engine.select('track-1');
  await nextFrame(); await nextFrame();
  // Orbit as OrbitControls does: move the camera, then ask the engine for a frame.
  const internals = engine as unknown as { views: Record<string, { camera: THREE.Camera; renderer: THREE.WebGLRenderer }>; invalidate(v: string): void };
  const view = internals.views.perspective!;
  const fps = await orbit(view.renderer, view.camera, () => internals.invalidate('perspective'));
  // Frame switches: a new sweep and 100 boxes, until the frame is on screen.
  const frames = Array.from({ length: 50 }, (_, f) => sweep(60_000, 100 + f));
  const gl = view.renderer.getContext();
  const pixel = new Uint8Array(4);
  const switches: number[] = [];
  const setup: number[] = [];
  for (let f = 0; f < 50; f++) {
    const t = performance.now();
    engine.setCloud(frames[f]!);
    engine.setCuboids(boxes(100, f));
    setup.push(performance.now() - t);
    await nextFrame();
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
    switches.push(performance.now() - t);
  }
  engine.destroy();
  switches.sort((a, b) => a - b);
  setup.sort((a, b) => a - b);
  return { fps, frame_switch_ms: switches[Math.floor(switches.length / 2)]!, frame_switch_setup_ms: setup[Math.floor(setup.length / 2)]! };
}

async function main() {
  try {
    const cloud = sweep(1_000_000, 7);
    const bareFps = await bare(cloud);
    const engine = await workspace(cloud);
    const bareAgain = await bare(cloud);
    const bareMean = (bareFps + bareAgain) / 2;
    (globalThis as Record<string, unknown>).__bench = { ok: true, bare_fps: bareMean, engine_fps: engine.fps, render_fps_ratio_1m: engine.fps / bareMean, frame_switch_ms: engine.frame_switch_ms, frame_switch_setup_ms: engine.frame_switch_setup_ms, user_agent: navigator.userAgent };
  } catch (e) {
    (globalThis as Record<string, unknown>).__bench = { ok: false, error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) };
  }
}
void main();
