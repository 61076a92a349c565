/**
 * Fits a cuboid to the points inside a rectangle drawn in the top view: ground removed over the
 * whole scan, the object's cluster kept, heading from an L-shape search near the rectangle's own
 * angle, height from the points, and sides no ray could see completed to the class's typical size.
 * Pure TypeScript over typed arrays: the same code runs in a Web Worker and in Node.
 */
import { countPointsInCuboid } from '@cadre/core';
import { PointCloudError } from '../types.ts';
import { clusters, gatherClusters, pickCluster } from './cluster.ts';
import { completeAxis, type Extent } from './complete.ts';
import { groundAt, segmentGround, type GroundModel } from './ground.ts';
import { lshapeHeading } from './lshape.ts';
import { quadAxes, insideQuad } from './quad.ts';
import { forEachNear, indexPlane, type PlaneGrid } from './grid.ts';
import { indexScan, type ScanIndex } from './scan.ts';
import { estimateSensorOrigin, type Origin } from './sensor.ts';
import type { FitOptions, FitResult, Quad } from './types.ts';

/** Above the local ground by this much a return belongs to an object, not the road. */
const GROUND_CLEARANCE = 0.25;
const MAX_HEIGHT = 5;
const SEARCH_SPAN = (25 * Math.PI) / 180;
/**
 * A vehicle's roof stands at most this many times its class's typical height over the ground. A
 * bird's-eye cell whose lowest return hangs higher holds only an overhang (a branch, a sign, an
 * awning over a parked car), whose returns would stretch the box past the object. Chosen on the
 * Argoverse 2 sweeps (1.15–1.3 did as well); SUSTechPOINTS, nuScenes and the KITTI tuning frames
 * were unchanged by it.
 */
const HANGING = 1.3;
/** Bird's-eye cell (metres) for the overhang rule. */
const CELL = 0.15;

export interface Scene {
  positions: Float32Array;
  ground: GroundModel;
  scan: ScanIndex;
  plane: PlaneGrid;
  /** Where the sensor sits in the cloud's frame (rays start there). */
  origin: Origin;
}

const scenes = new WeakMap<Float32Array, Scene>();

/** Sensor position, ground model and azimuth index of one sweep, built once and reused for every box on it. */
export function prepareScene(positions: Float32Array): Scene {
  let scene = scenes.get(positions);
  if (!scene) {
    const origin = estimateSensorOrigin(positions);
    scene = { positions, origin, ground: segmentGround(positions), scan: indexScan(positions, origin), plane: indexPlane(positions) };
    scenes.set(positions, scene);
  }
  return scene;
}

export function fitCuboid(cloud: { positions: Float32Array }, quad: Quad, options: FitOptions = {}): FitResult {
  for (const [x, y] of quad) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new PointCloudError('malformed', 'the rectangle has a corner that is not a finite number');
  }
  const scene = prepareScene(cloud.positions);
  const { positions, ground } = scene;
  const axes = quadAxes(quad);
  const [cx, cy] = axes.centre;
  // 1. Returns inside the rectangle that stand above the local ground, and their main cluster.
  // Returns higher above the ground than the class stands (a tree over a parked car, a sign) are not it.
  const top = options.prior ? Math.min(MAX_HEIGHT, Math.max(options.prior.height * 1.5, options.prior.height + 0.8)) : MAX_HEIGHT;
  const hanging = options.prior ? options.prior.height * HANGING : Infinity;
  const inQuad = objectPoints(scene, [quad], top, hanging, options.exclude);
  if (inQuad.length < 3) return fallback(axes, scene, options);
  const groups = clusters(positions, inQuad, cx, cy);
  const main = pickCluster(groups);
  const gather = options.prior && options.oneObject !== false ? options.prior : undefined;
  const seed = gather ? gatherClusters(positions, groups, main, axes.angle, gather) : main;
  // 2. Heading near the rectangle's long axis.
  const theta0 = lshapeHeading(...coordinates(positions, seed), axes.angle, SEARCH_SPAN);
  // 3. A rectangle turned away from the object cuts its ends off, and the cut edges pull the
  //    L-shape towards the rectangle's angle: look again in an area aligned with the heading found,
  //    keep the cluster that holds the first one, and search the heading again on it.
  const region = alignedQuad(axes.centre, theta0, axes.length * 1.1, axes.width + 0.4);
  const around = objectPoints(scene, [region, quad], top, hanging, options.exclude);
  const aroundGroups = clusters(positions, around, cx, cy);
  const held = pickCluster(aroundGroups, new Set(seed));
  const keep = gather ? gatherClusters(positions, aroundGroups, held, theta0, gather) : held;
  const [kx, ky] = coordinates(positions, keep);
  const theta = lshapeHeading(kx, ky, axes.angle, SEARCH_SPAN);
  const cos = Math.cos(theta), sin = Math.sin(theta);
  const e: Extent = { theta, lo: [Infinity, Infinity], hi: [-Infinity, -Infinity], zlo: 0, zhi: 0 };
  let zTop = -Infinity, zMin = Infinity;
  for (let k = 0; k < keep.length; k++) {
    const a = kx[k]! * cos + ky[k]! * sin, b = -kx[k]! * sin + ky[k]! * cos;
    e.lo[0] = Math.min(e.lo[0], a); e.hi[0] = Math.max(e.hi[0], a);
    e.lo[1] = Math.min(e.lo[1], b); e.hi[1] = Math.max(e.hi[1], b);
    const z = positions[keep[k]! * 3 + 2]!;
    zTop = Math.max(zTop, z); zMin = Math.min(zMin, z);
  }
  // 4. Height: from the ground under the object to its highest return.
  const centreA = (e.lo[0] + e.hi[0]) / 2, centreB = (e.lo[1] + e.hi[1]) / 2;
  const g = groundAt(ground, centreA * cos - centreB * sin, centreA * sin + centreB * cos);
  const zBottom = Number.isFinite(g) && g < zMin ? g : zMin;
  e.zlo = zBottom + 0.3 * (zTop - zBottom);
  e.zhi = zTop;
  // 5. Complete the sides no ray reached.
  const prior = options.prior;
  if (prior) {
    completeAxis(positions, scene.scan, e, 0, prior.length);
    completeAxis(positions, scene.scan, e, 1, prior.width);
  }
  const a = (e.lo[0] + e.hi[0]) / 2, b = (e.lo[1] + e.hi[1]) / 2;
  const box = {
    x: a * cos - b * sin, y: a * sin + b * cos, z: (zBottom + zTop) / 2,
    dx: Math.max(e.hi[0] - e.lo[0], 0.05), dy: Math.max(e.hi[1] - e.lo[1], 0.05), dz: Math.max(zTop - zBottom, 0.05),
    yaw: theta,
  };
  return { ...box, ...orient(box, axes.heading), points: countInside(positions, box) };
}

/** Yaw pointing the way the rectangle's first edge points (the long axis has two directions). */
function orient(box: { yaw: number }, heading: number): { yaw: number } {
  let yaw = box.yaw;
  const d = Math.atan2(Math.sin(heading - yaw), Math.cos(heading - yaw));
  if (Math.abs(d) > Math.PI / 2) yaw += Math.PI;
  return { yaw: Math.atan2(Math.sin(yaw), Math.cos(yaw)) };
}

function countInside(positions: Float32Array, box: Parameters<typeof countPointsInCuboid>[0]): number {
  return countPointsInCuboid(box, positions);
}

/**
 * Indices of the returns inside any of the quads that stand above the local ground (by index order),
 * under `top` over it, leaving out the bird's-eye cells whose lowest return hangs higher than `hanging`.
 */
function objectPoints(scene: Scene, quads: Quad[], top = MAX_HEIGHT, hanging = Infinity, exclude?: ReadonlySet<number>): number[] {
  const { positions, ground } = scene;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const q of quads) for (const [x, y] of q) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
  const out: number[] = [];
  forEachNear(scene.plane, x0, y0, x1, y1, (k) => {
    const x = positions[k * 3]!, y = positions[k * 3 + 1]!;
    if (!quads.some((q) => insideQuad(q, x, y)) || exclude?.has(k)) return;
    const z = positions[k * 3 + 2]!;
    const g = groundAt(ground, x, y);
    if (z < g + GROUND_CLEARANCE || z > g + top) return;
    out.push(k);
  });
  return (Number.isFinite(hanging) ? standing(scene, out, hanging) : out).sort((a, b) => a - b);
}

/** The returns whose bird's-eye cell reaches down to within `hanging` of the ground. */
function standing({ positions, ground }: Scene, points: number[], hanging: number): number[] {
  const lowest = new Map<number, { z: number; g: number }>();
  const cell = (k: number) => (Math.floor(positions[k * 3]! / CELL) + 32768) * 65536 + Math.floor(positions[k * 3 + 1]! / CELL) + 32768;
  for (const k of points) {
    const c = cell(k), z = positions[k * 3 + 2]!;
    const low = lowest.get(c);
    if (!low) lowest.set(c, { z, g: groundAt(ground, positions[k * 3]!, positions[k * 3 + 1]!) });
    else if (z < low.z) low.z = z;
  }
  return points.filter((k) => { const low = lowest.get(cell(k))!; return low.z - low.g <= hanging; });
}

function coordinates(positions: Float32Array, members: readonly number[]): [Float64Array, Float64Array] {
  return [Float64Array.from(members, (m) => positions[m * 3]!), Float64Array.from(members, (m) => positions[m * 3 + 1]!)];
}

function alignedQuad([cx, cy]: [number, number], theta: number, length: number, width: number): Quad {
  const c = Math.cos(theta), s = Math.sin(theta);
  const hx = length / 2, hy = width / 2;
  const at = (u: number, v: number): [number, number] => [cx + u * c - v * s, cy + u * s + v * c];
  return [at(-hx, -hy), at(hx, -hy), at(hx, hy), at(-hx, hy)];
}

/** Nothing stands inside the rectangle: the rectangle itself, on the ground, at the class's height. */
function fallback(axes: ReturnType<typeof quadAxes>, scene: Scene, options: FitOptions): FitResult {
  const [x, y] = axes.centre;
  const g = groundAt(scene.ground, x, y);
  const dz = options.prior?.height ?? 1.5;
  const box = { x, y, z: (Number.isFinite(g) ? g : 0) + dz / 2, dx: Math.max(axes.length, 0.05), dy: Math.max(axes.width, 0.05), dz, yaw: axes.angle };
  return { ...box, ...orient(box, axes.heading), points: countInside(scene.positions, box) };
}
