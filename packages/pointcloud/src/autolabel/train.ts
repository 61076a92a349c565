/**
 * Trains the objectness model (./weights.ts) on the labelled frames kept for tuning: every candidate
 * the auto-labeler fits is an example, positive when its box matches a labelled vehicle at BEV IoU
 * 0.5. Logistic regression, both kinds weighted equally, a little L2. The frames kept out (KITTI
 * 000009, 000076, 000134, 007347 and both Argoverse 2 sweeps) are never read here.
 *   node --import tsx packages/pointcloud/src/autolabel/train.ts        (rewrites weights.ts)
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bevIou } from '@cadre/core';
import { kittiFrames, nuscenesFrame, sustechFrames } from '../fit-data.ts';
import { vehicleClass, type Frame } from '../fit/evaluation.ts';
import { candidates } from './frame.ts';

export const KEPT_OUT_KITTI = new Set(['kitti 000009', 'kitti 000076', 'kitti 000134', 'kitti 007347']);

export function tuningFrames(): Frame[] {
  return [...sustechFrames(), nuscenesFrame(), ...kittiFrames().filter((f) => !KEPT_OUT_KITTI.has(f.name))];
}

export function examples(frames: Frame[]): { x: number[][]; y: number[] } {
  const x: number[][] = [], y: number[] = [];
  for (const f of frames) {
    const vehicles = f.boxes.filter((b) => vehicleClass(b.label));
    for (const c of candidates(f.positions)) {
      x.push(c.features);
      y.push(vehicles.some((v) => bevIou(c.box, v) >= 0.5) ? 1 : 0);
    }
  }
  return { x, y };
}

export function logistic(x: number[][], y: number[], o = { l2: 0.01, rate: 0.5, steps: 4000 }): number[] {
  const d = x[0]!.length;
  const w = new Array<number>(d).fill(0);
  const pos = y.filter((v) => v === 1).length, neg = y.length - pos;
  const weight = (v: number) => (v === 1 ? y.length / (2 * pos) : y.length / (2 * neg));
  for (let step = 0; step < o.steps; step++) {
    const grad = new Array<number>(d).fill(0);
    for (let i = 0; i < x.length; i++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += w[j]! * x[i]![j]!;
      const err = (1 / (1 + Math.exp(-z)) - y[i]!) * weight(y[i]!);
      for (let j = 0; j < d; j++) grad[j]! += err * x[i]![j]!;
    }
    for (let j = 0; j < d; j++) w[j]! -= o.rate * (grad[j]! / x.length + (j === 0 ? 0 : o.l2 * w[j]!));
  }
  return w.map((v) => Math.round(v * 1e4) / 1e4);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { x, y } = examples(tuningFrames());
  const w = logistic(x, y);
  console.log(`${x.length} candidates, ${y.filter((v) => v === 1).length} on labelled vehicles; weights ${JSON.stringify(w)}`);
  writeFileSync(new URL('./weights.ts', import.meta.url), `// Written by ./train.ts on the tuning frames (${x.length} candidates, ${y.filter((v) => v === 1).length} on labelled vehicles); do not edit by hand.\nexport const OBJECTNESS_WEIGHTS: readonly number[] = ${JSON.stringify(w)};\n`);
}
