// The 3D render bench page. (1) A bare three.js page and the workspace engine (four views, 100
// boxes) orbit the same 1,000,000 points in alternating rounds of the same number of frames, so a
// slow spell of the machine hits both; fps is 1000 / the median frame time. (2) Frame switches
// through a 50-frame sequence of ~60k points and 100 tracks, timed until all four views have drawn.
import * as THREE from 'three';
import { PointCloudEngine } from '@cadre/pointcloud-canvas';
import { boxes, sweep } from './data.ts';

const query = new URLSearchParams(location.search);
const FRAMES = Number(query.get('frames') ?? 10), ROUNDS = Number(query.get('rounds') ?? 6);
const W = 960, H = 640;
const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(r));
const pixel = new Uint8Array(4);
/** Waits until the canvas's drawing has really happened (SwiftShader draws when asked for pixels). */
const finish = (gl: WebGLRenderingContext | WebGL2RenderingContext) => gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
const contextOf = (canvas: HTMLCanvasElement) => (canvas.getContext('webgl2') ?? canvas.getContext('webgl'))!;

function div(width: number, height: number): HTMLDivElement {
  const d = document.createElement('div');
  d.style.cssText = `width:${width}px;height:${height}px;display:inline-block;vertical-align:top`;
  document.body.appendChild(d);
  return d;
}

/** Milliseconds of each of `FRAMES` frames of a camera circling the origin; each frame finished before the next. */
async function orbit(round: number, gl: WebGLRenderingContext | WebGL2RenderingContext, draw: (x: number, y: number, z: number) => void): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < FRAMES; i++) {
    const started = performance.now();
    const a = ((round * FRAMES + i) / (ROUNDS * FRAMES)) * Math.PI * 2;
    draw(-30 * Math.cos(a), -30 * Math.sin(a), 20);
    await nextFrame();
    finish(gl);
    times.push(performance.now() - started);
  }
  return times;
}

function barePage(cloud: ReturnType<typeof sweep>) {
  const renderer = new THREE.WebGLRenderer({ antialias: false });
  renderer.setSize(W, H);
  div(W, H).appendChild(renderer.domElement);
  const scene = new THREE.Scene();
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.BufferAttribute(cloud.positions, 3));
  geometry.setAttribute('color', new THREE.BufferAttribute(new Float32Array(cloud.count * 3).fill(0.7), 3));
  scene.add(new THREE.Points(geometry, new THREE.PointsMaterial({ size: 2, sizeAttenuation: false, vertexColors: true })));
  const camera = new THREE.PerspectiveCamera(55, W / H, 0.1, 2000);
  camera.up.set(0, 0, 1);
  const draw = (x: number, y: number, z: number) => {
    camera.position.set(x, y, z);
    camera.lookAt(0, 0, 0);
    // Drawn at the animation frame, as a three.js page's render loop (setAnimationLoop) does.
    requestAnimationFrame(() => renderer.render(scene, camera));
  };
  return { gl: renderer.getContext(), draw, dispose: () => { renderer.dispose(); renderer.forceContextLoss(); } };
}

async function main() {
  const cloud = sweep(1_000_000, 7);
  const bare = barePage(cloud);
  const views = { perspective: div(W, H), top: div(480, 320), side: div(240, 320), front: div(240, 320) };
  const engine = new PointCloudEngine({ views });
  engine.setCloud(cloud);
  engine.setCuboids(boxes(100, 0));
  engine.select('track-1');
  const contexts = Object.values(views).map((d) => contextOf(d.querySelector('canvas')!));
  await nextFrame();
  contexts.forEach(finish);
  // Orbit as OrbitControls does: the camera moves, the engine draws at the next animation frame.
  const frameMs = { bare: [] as number[], engine: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    frameMs.bare.push(...await orbit(round, bare.gl, bare.draw));
    frameMs.engine.push(...await orbit(round, contexts[0]!, (x, y, z) => engine.viewFrom(x, y, z, [0, 0, 0])));
  }
  bare.dispose();
  const frames = Array.from({ length: 50 }, (_, f) => sweep(60_000, 100 + f));
  const tracks = frames.map((_, f) => boxes(100, f));
  const whole: number[] = [], setup: number[] = [];
  for (let f = 0; f < 50; f++) {
    const t = performance.now();
    engine.setCloud(frames[f]!);
    engine.setCuboids(tracks[f]!);
    setup.push(performance.now() - t);
    await nextFrame();
    contexts.forEach(finish);
    whole.push(performance.now() - t);
  }
  engine.destroy();
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  // Medians: a slow spell of a shared machine moves a mean more than a median.
  const bareFps = 1000 / median(frameMs.bare), engineFps = 1000 / median(frameMs.engine);
  return { bare_fps: bareFps, engine_fps: engineFps, render_fps_ratio_1m: engineFps / bareFps, frame_switch_ms: median(whole), frame_switch_setup_ms: median(setup) };
}

main().then(
  (r) => { (globalThis as Record<string, unknown>).__bench = { ok: true, ...r, user_agent: navigator.userAgent }; },
  (e: unknown) => { (globalThis as Record<string, unknown>).__bench = { ok: false, error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) }; },
);
