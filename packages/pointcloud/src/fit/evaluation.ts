/**
 * Measures the fitter the way an annotator uses it: start from a labelled vehicle's footprint
 * grown by 20%, shifted 0.3 m in a seeded random direction and turned by up to 15°, fit, and
 * compare with the label. Shared by the real-data test and the benchmark.
 */
import { bevIou, countPointsInCuboid, type OrientedBox, type SizePrior } from '@cadre/core';
import { defaultPrior, learnPriors, type LearnedPrior } from './priors.ts';
import { fitCuboid, prepareScene } from './fit.ts';
import type { FitResult, Quad } from './types.ts';

/** `id`: the object's track id where the dataset gives one (SUSTechPOINTS' obj_id). */
export interface LabelledBox extends OrientedBox { label: string; id?: string }
export interface Frame { name: string; positions: Float32Array; boxes: LabelledBox[] }
export interface FitCase { frame: Frame; truth: LabelledBox; quad: Quad; inside: number }
export interface FitOutcome { fitCase: FitCase; fit: FitResult; iou: number; headingError: number; ms: number }

export const VEHICLES = new Set(['car', 'van', 'bus', 'truck', 'trailer', 'construction_vehicle']);

/** The vehicle class (and size prior) a dataset's label names: KITTI's Car/Van/Truck, Argoverse 2's categories, nuScenes' and SUSTechPOINTS' names; undefined for what is not a vehicle. */
const DATASET_VEHICLES: Record<string, string> = {
  regular_vehicle: 'car', large_vehicle: 'truck', box_truck: 'truck', truck_cab: 'truck', vehicular_trailer: 'trailer',
  bus: 'bus', articulated_bus: 'bus', school_bus: 'bus',
};
export function vehicleClass(label: string): string | undefined {
  const l = label.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return VEHICLES.has(l) ? l : DATASET_VEHICLES[l];
}
const MIN_POINTS = 50;

/** Deterministic [0, 1) stream (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Corner 0 → 1 runs along the heading, so the rectangle tells the fitter which end is the front. */
export function perturbedQuad(b: OrientedBox, random: () => number): Quad {
  const dir = random() * 2 * Math.PI;
  const turn = (random() * 2 - 1) * (15 * Math.PI) / 180;
  const cx = b.x + 0.3 * Math.cos(dir), cy = b.y + 0.3 * Math.sin(dir);
  const yaw = b.yaw + turn, c = Math.cos(yaw), s = Math.sin(yaw);
  const hx = (b.dx * 1.2) / 2, hy = (b.dy * 1.2) / 2;
  const local: Array<[number, number]> = [[-hx, -hy], [hx, -hy], [hx, hy], [-hx, hy]];
  const [p0, p1, p2, p3] = local.map(([u, v]): [number, number] => [cx + u * c - v * s, cy + u * s + v * c]);
  return [p0!, p1!, p2!, p3!];
}

export function vehicleCases(frames: Frame[], seed = 20261127): FitCase[] {
  const random = seeded(seed);
  const cases: FitCase[] = [];
  for (const frame of frames) {
    for (const truth of frame.boxes) {
      if (!vehicleClass(truth.label)) continue;
      const inside = countPointsInCuboid(truth, frame.positions);
      if (inside < MIN_POINTS) continue;
      cases.push({ frame, truth, quad: perturbedQuad(truth, random), inside });
    }
  }
  return cases;
}

/** Heading error modulo 180°, in degrees. */
export function headingError(a: number, b: number): number {
  const d = Math.abs(Math.atan2(Math.sin(2 * (a - b)), Math.cos(2 * (a - b)))) / 2;
  return (d * 180) / Math.PI;
}

/** Where a case's size prior comes from: by default the fixed one of its class. */
export type PriorOf = (c: FitCase) => SizePrior | undefined;
const fixedPrior: PriorOf = (c) => defaultPrior(vehicleClass(c.truth.label) ?? c.truth.label);

/**
 * Priors as a project would learn them from its accepted boxes: the medians of the class's boxes in
 * the dataset's other frames (never the frame being fitted), the fixed prior while too few are known.
 */
export function learnedPriors(frames: Frame[]): PriorOf {
  const cache = new Map<string, Record<string, LearnedPrior>>();
  return (c) => {
    let priors = cache.get(c.frame.name);
    if (!priors) {
      const others = frames.filter((f) => f.name !== c.frame.name).flatMap((f) => f.boxes);
      priors = learnPriors(others.map((b) => ({ ...b, label: vehicleClass(b.label) ?? b.label })));
      cache.set(c.frame.name, priors);
    }
    return priors[vehicleClass(c.truth.label) ?? c.truth.label] ?? fixedPrior(c);
  };
}

export function runCases(cases: FitCase[], priorOf: PriorOf = fixedPrior): FitOutcome[] {
  for (const c of cases) prepareScene(c.frame.positions); // scene set-up once per sweep, timed apart
  return cases.map((fitCase) => {
    const started = performance.now();
    const fit = fitCuboid(fitCase.frame, fitCase.quad, { prior: priorOf(fitCase) });
    const ms = performance.now() - started;
    return { fitCase, fit, iou: bevIou(fit, fitCase.truth), headingError: headingError(fit.yaw, fitCase.truth.yaw), ms };
  });
}
