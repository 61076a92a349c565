// The engine on a bare page for the browser test: four views, a synthetic sweep, 20 boxes, and
// every event it emits collected in `__engine.events`.
import type { Cuboid3dGeometry } from '@cadre/core';
import type { PointCloud } from '@cadre/pointcloud';
import { PointCloudEngine, type SceneCuboid } from '../../src/index.ts';

function div(width: number, height: number): HTMLDivElement {
  const d = document.createElement('div');
  d.style.cssText = `width:${width}px;height:${height}px;display:inline-block;vertical-align:top`;
  document.body.appendChild(d);
  return d;
}

function sweep(count: number): PointCloud {
  let s = 7;
  const random = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
  const positions = new Float32Array(count * 3);
  for (let i = 0; i < count; i++) {
    const r = 2 + random() * 60, a = random() * Math.PI * 2;
    positions.set([r * Math.cos(a), r * Math.sin(a), -1.7 + random() * 1.6], i * 3);
  }
  return { count, positions, intensity: null, fields: {}, dropped: 0 };
}

const views = { perspective: div(600, 400), top: div(600, 400), side: div(300, 300), front: div(300, 300) };
const engine = new PointCloudEngine({ views });
engine.setCloud(sweep(50_000));
const boxes: SceneCuboid[] = Array.from({ length: 20 }, (_, i) => ({
  id: `b${i}`, label: 'car', color: '#4fc3f7', prediction: i % 4 === 1,
  geometry: { x: -20 + (i % 5) * 8, y: -30 + Math.floor(i / 5) * 6, z: -0.9, dx: 4, dy: 2, dz: 1.6, yaw: 0 } as Cuboid3dGeometry,
}));
boxes[0]!.geometry = { x: 10, y: 0, z: -0.9, dx: 4, dy: 2, dz: 1.6, yaw: Math.PI / 6 } as Cuboid3dGeometry;
// A second box just behind the first, in its side view's slab.
boxes[1]!.geometry = { x: 10 - 3.6 * Math.cos(Math.PI / 6), y: -3.6 * Math.sin(Math.PI / 6), z: -0.9, dx: 3, dy: 1.8, dz: 1.4, yaw: Math.PI / 6 } as Cuboid3dGeometry;
engine.setCuboids(boxes);
engine.lookAt(10, 0);
const events: unknown[] = [];
engine.on('change', (id, g) => events.push(['change', id, g]));
engine.on('select', (id) => events.push(['select', id]));
engine.on('remove', (id) => events.push(['remove', id]));
engine.on('dragStart', (id, edit) => events.push(['dragStart', id, edit]));
engine.on('dragEnd', (id) => events.push(['dragEnd', id]));
engine.on('fitRequest', (rect) => events.push(['fitRequest', rect]));
(globalThis as Record<string, unknown>).__engine = { engine, events };
