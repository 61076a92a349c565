/**
 * Whole-frame auto-label: the returns standing above the ground (the fitter's whole-scan ground
 * model), grouped into objects on a bird's-eye grid whose join distance grows with range, each group
 * sized by an L-shape rectangle, kept when its size could be one of the classes, fitted with the same
 * fitter a person's rectangle uses (occlusion completion included) and scored. Pure TypeScript over
 * typed arrays, as the fitter.
 */
import type { SizePrior } from '@cadre/core';
import { joinDistance } from '../fit/cluster.ts';
import { fitCuboid, prepareScene } from '../fit/fit.ts';
import { groundAt } from '../fit/ground.ts';
import { lshapeHeading } from '../fit/lshape.ts';
import { defaultPrior } from '../fit/priors.ts';
import type { Origin } from '../fit/sensor.ts';
import type { Quad } from '../fit/types.ts';
import { OBJECTNESS_WEIGHTS } from './weights.ts';

/** One proposed box: lidar frame, metres, radians, z at the centre, dx along the heading. */
export interface FrameProposal { x: number; y: number; z: number; dx: number; dy: number; dz: number; yaw: number; class: string; score: number; points: number }

/** A class the frame can be labelled with, and its typical size (the size also tells it apart). */
export interface AutoLabelClass { name: string; prior: SizePrior }

export interface AutoLabelOptions {
  /** Default: car, truck and bus with their typical sizes. */
  classes?: AutoLabelClass[];
  /** Objects farther than this (metres, in the plane) are left alone. Default 70. */
  maxRange?: number;
  /** Proposals scoring under this are dropped. Default 0 (all, for evaluation); people see SHOWN_SCORE and up. */
  minScore?: number;
}

const CELL = 0.15;
const CLEARANCE = 0.3;
const TOP = 4.5;
const MIN_POINTS = 12;
/** Empty height (metres) that ends a cell's stack near the sensor, and how much more a metre of range allows. */
const GAP = 0.8, GAP_PER_M = 0.02;
/** A cell whose lowest return stands this high over the ground is an overhang (a canopy, a sign): no vehicle floats that high. */
const HANGING = 2.0;
/** Height (metres) over a group's median top that marks a cell as a pole or trunk beside the object. */
const SPIKE = 1.0;
/**
 * Share of a group's returns its largest touching part must hold to be taken for the object the
 * group is, and by how much more of its class's size it must fill than the whole group does.
 */
const MAIN_SHARE = 0.7, BETTER_FILL = 0.1;

/**
 * The least score a proposal needs to be shown to people, chosen on the tuning frames (SUSTechPOINTS:
 * 74% of its vehicles found at 74% precision there).
 */
export const SHOWN_SCORE = 0.4;

export const DEFAULT_CLASSES: AutoLabelClass[] = ['car', 'truck', 'bus'].map((name) => ({ name, prior: defaultPrior(name)! }));

export function autoLabelFrame(positions: Float32Array, options: AutoLabelOptions = {}): FrameProposal[] {
  const classes = options.classes ?? DEFAULT_CLASSES;
  const maxRange = options.maxRange ?? 70;
  const out: FrameProposal[] = [];
  for (const c of candidates(positions, classes, maxRange)) {
    const score = Math.round(objectness(c.features) * scoreOf(c.box, c.cls.prior) * 1000) / 1000;
    if (score < (options.minScore ?? 0)) continue;
    out.push({ ...c.box, class: c.cls.name, score });
  }
  return out.sort((a, b) => b.score - a.score);
}

/** A group of returns that could be an object of a class, fitted, with what tells objects from clutter. */
export interface Candidate { box: Omit<FrameProposal, 'class' | 'score'>; cls: AutoLabelClass; features: number[] }

export function* candidates(positions: Float32Array, classes: AutoLabelClass[] = DEFAULT_CLASSES, maxRange = 70): Generator<Candidate> {
  const scene = prepareScene(positions);
  const cells = occupiedCells(positions, scene.ground, maxRange);
  for (const whole of groupCells(cells)) {
    for (const { group, shape, height, cls, others } of partsOf(whole, cells, classes)) {
      const fit = fitCuboid(scene, quadOf(endOn(shape, cls.prior, scene.origin) ?? shape, 0.3), { prior: cls.prior, oneObject: false, ...(others ? { exclude: others } : {}) });
      if (fit.points < MIN_POINTS) continue;
      const sized = classOf({ ...shape, length: Math.max(fit.dx, fit.dy), width: Math.min(fit.dx, fit.dy) }, fit.dz, classes)?.cls ?? cls;
      const box = { x: fit.x, y: fit.y, z: fit.z, dx: fit.dx, dy: fit.dy, dz: fit.dz, yaw: fit.yaw, points: fit.points };
      yield { box, cls: sized, features: featuresOf(positions, group, shape, height, fit) };
    }
  }
}

/** `others`: the returns of the rest of the group the part was split from. */
interface Part { group: Group; shape: Shape; height: number; cls: AutoLabelClass; others?: ReadonlySet<number> }

function classified(group: Group, classes: AutoLabelClass[]): (Part & { fill: number }) | undefined {
  if (group.points.length < MIN_POINTS) return undefined;
  const shape = rectangleOf(group.xs, group.ys);
  const height = group.zTop - group.zGround;
  const found = classOf(shape, height, classes);
  return found && { group, shape, height, cls: found.cls, fill: found.fill };
}

/**
 * The objects a group holds. Groups join across gaps that grow with range, so a car parked beside a
 * post, a person or a hedge comes as one group too wide or too tall for it. Split where the cells do
 * not touch, the group's largest part is the object when it holds most of the group's returns and
 * the group is no class's size, or the part fits a class better than the whole does; the rest of the
 * group is then kept out of its fit.
 */
function partsOf(whole: Group, cells: Cells, classes: AutoLabelClass[]): Part[] {
  // No part of a group holds more returns than the group: clutter too small to be anything is not split.
  if (whole.points.length < MIN_POINTS) return [];
  const asWhole = classified(whole, classes);
  // A fill is at most 1: a group that fills its class this well cannot be bettered by a part.
  if (asWhole && asWhole.fill + BETTER_FILL >= 1) return [asWhole];
  const cellsOf = new Set(whole.members);
  const found = [...components(cellsOf, (k) => cellsOf.has(k), () => 1)];
  if (found.length === 1) return asWhole ? [asWhole] : [];
  const pieces = found.map((members) => groupOf(members, cells));
  const main = pieces.reduce((a, b) => (b.points.length > a.points.length ? b : a));
  const mainPart = main.points.length >= whole.points.length * MAIN_SHARE ? classified(main, classes) : undefined;
  if (!mainPart || (asWhole && mainPart.fill <= asWhole.fill + BETTER_FILL)) return asWhole ? [asWhole] : [];
  const own = new Set(main.points);
  return [{ ...mainPart, others: new Set(whole.points.filter((k) => !own.has(k))) }];
}

/**
 * What tells a vehicle from a bush, a wall or a tree of the same size: how much of its rectangle it
 * fills, how its returns stand (a car's body is low and solid, a canopy high and sparse), how many
 * returns for its range, and how far the fitted box is from its own returns.
 */
function featuresOf(positions: Float32Array, g: Group, s: Shape, height: number, fit: { dx: number; dy: number; dz: number; points: number; x: number; y: number }): number[] {
  const area = s.length * s.width;
  const fill = (g.xs.length * CELL * CELL) / Math.max(area, CELL * CELL);
  let low = 0, high = 0;
  for (const k of g.points) {
    const h = positions[k * 3 + 2]! - g.zGround;
    if (h < height * 0.5) low++; else high++;
  }
  const range = Math.hypot(fit.x, fit.y);
  return [
    1,
    Math.min(s.length, 15) / 5, Math.min(s.width, 5) / 2, Math.min(height, 5) / 2,
    Math.log(g.points.length) / 5, Math.log(g.points.length * (range + 1) * (range + 1)) / 15,
    Math.min(fill, 1.5), low / (low + high),
    g.points.length / (g.xs.length * 10),
    Math.min(fit.points / g.points.length, 2),
  ];
}

/** 0..1 from the features, by the logistic model in ./weights.ts (trained on labelled frames, see ./train.ts). */
export function objectness(features: number[]): number {
  let z = 0;
  for (let i = 0; i < features.length; i++) z += (OBJECTNESS_WEIGHTS[i] ?? 0) * features[i]!;
  return 1 / (1 + Math.exp(-z));
}

interface Cells { keys: Map<number, number[]>; ground: Map<number, number>; top: Map<number, number> }
const key = (c: number, r: number) => (c + 32768) * 65536 + (r + 32768);

/**
 * Bird's-eye cells holding returns between the clearance over the local ground and TOP above it:
 * in each cell only the stack that stands on the ground, up to the first empty gap of GAP metres
 * (more far away, where rings lie farther apart). A tree's canopy over a parked car, or a sign over a
 * lane, would otherwise join the car into one group as tall as the tree; a cell whose lowest return
 * hangs higher than HANGING is an overhang with nothing under it and holds no object.
 */
function occupiedCells(positions: Float32Array, ground: ReturnType<typeof prepareScene>['ground'], maxRange: number): Cells {
  const all = new Map<number, number[]>();
  const groundOf = new Map<number, number>();
  for (let i = 0, k = 0; i < positions.length; i += 3, k++) {
    const x = positions[i]!, y = positions[i + 1]!, z = positions[i + 2]!;
    if (Math.abs(x) > maxRange || Math.abs(y) > maxRange || x * x + y * y > maxRange * maxRange || x * x + y * y < 4) continue;
    const g = groundAt(ground, x, y);
    if (!Number.isFinite(g) || z < g + CLEARANCE || z > g + TOP) continue;
    const c = key(Math.floor(x / CELL), Math.floor(y / CELL));
    const list = all.get(c);
    if (list) list.push(k); else { all.set(c, [k]); groundOf.set(c, g); }
  }
  const keys = new Map<number, number[]>();
  const top = new Map<number, number>();
  for (const [c, list] of all) {
    list.sort((a, b) => positions[a * 3 + 2]! - positions[b * 3 + 2]!);
    const g = groundOf.get(c)!;
    const first = positions[list[0]! * 3 + 2]!;
    if (first > g + HANGING) { groundOf.delete(c); continue; }
    const gap = GAP + GAP_PER_M * Math.hypot(positions[list[0]! * 3]!, positions[list[0]! * 3 + 1]!);
    let end = 1;
    while (end < list.length && positions[list[end]! * 3 + 2]! - positions[list[end - 1]! * 3 + 2]! <= gap) end++;
    keys.set(c, end === list.length ? list : list.slice(0, end));
    top.set(c, positions[list[end - 1]! * 3 + 2]!);
  }
  return { keys, ground: groundOf, top };
}

interface Group { members: number[]; points: number[]; xs: Float64Array; ys: Float64Array; zTop: number; zGround: number }

/** Connected cells, joined across gaps that grow with range (rings fan out far away). */
function* groupCells(cells: Cells): Generator<Group> {
  for (const members of components(cells.keys.keys(), (k) => cells.keys.has(k), (range) => Math.max(1, Math.ceil(joinDistance(range).across / CELL)))) yield groupOf(members, cells);
}

/** The cells `has` holds, from `starts`, in groups joined across `reach(range)` cells (their keys). */
function* components(starts: Iterable<number>, has: (cell: number) => boolean, reach: (range: number) => number): Generator<number[]> {
  const seen = new Set<number>();
  for (const start of starts) {
    if (seen.has(start)) continue;
    seen.add(start);
    const stack = [start];
    const found: number[] = [];
    while (stack.length > 0) {
      const k = stack.pop()!;
      found.push(k);
      const c = Math.floor(k / 65536) - 32768, r = (k % 65536) - 32768;
      const n = reach(Math.hypot((c + 0.5) * CELL, (r + 0.5) * CELL));
      for (let dc = -n; dc <= n; dc++) {
        for (let dr = -n; dr <= n; dr++) {
          const m = key(c + dc, r + dr);
          if (seen.has(m) || !has(m)) continue;
          seen.add(m);
          stack.push(m);
        }
      }
    }
    yield found;
  }
}

function groupOf(members: number[], cells: Cells): Group {
  const body = withoutSpikes(members, cells);
  const points = body.flatMap((m) => cells.keys.get(m)!);
  const xs = Float64Array.from(body, (m) => (Math.floor(m / 65536) - 32768 + 0.5) * CELL);
  const ys = Float64Array.from(body, (m) => ((m % 65536) - 32768 + 0.5) * CELL);
  let zTop = -Infinity, zGround = Infinity;
  for (const m of body) { zTop = Math.max(zTop, cells.top.get(m)!); zGround = Math.min(zGround, cells.ground.get(m)!); }
  return { members, points, xs, ys, zTop, zGround };
}

/**
 * The group without the few cells that stand far above the rest of it: a pole or a tree trunk
 * beside a parked car joins its group and would make it as tall as the pole. Cells more than SPIKE
 * metres above the group's median top go when they are under a fifth of it (a truck's box over its
 * cab is most of the truck, and stays).
 */
function withoutSpikes(members: number[], cells: Cells): number[] {
  if (members.length < 5) return members;
  const tops = members.map((m) => cells.top.get(m)! - cells.ground.get(m)!).sort((a, b) => a - b);
  const limit = tops[tops.length >> 1]! + SPIKE;
  const kept = members.filter((m) => cells.top.get(m)! - cells.ground.get(m)! <= limit);
  return kept.length >= members.length * 0.8 ? kept : members;
}

interface Shape { cx: number; cy: number; theta: number; length: number; width: number }

/** The group's rectangle in the plane, its long side first, turned by an L-shape search over the whole quarter turn. */
function rectangleOf(xs: Float64Array, ys: Float64Array): Shape {
  const theta0 = lshapeHeading(xs, ys, Math.PI / 4, Math.PI / 4);
  const c = Math.cos(theta0), s = Math.sin(theta0);
  let lo = Infinity, hi = -Infinity, lo2 = Infinity, hi2 = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    const a = xs[i]! * c + ys[i]! * s, b = -xs[i]! * s + ys[i]! * c;
    lo = Math.min(lo, a); hi = Math.max(hi, a); lo2 = Math.min(lo2, b); hi2 = Math.max(hi2, b);
  }
  const a = (lo + hi) / 2, b = (lo2 + hi2) / 2;
  const along = hi - lo + CELL, across = hi2 - lo2 + CELL;
  const long = along >= across;
  return {
    cx: a * c - b * s, cy: a * s + b * c,
    theta: long ? theta0 : theta0 + Math.PI / 2, length: Math.max(along, across), width: Math.min(along, across),
  };
}

/**
 * The class whose size this could be: the height within 40% of the class's (a little more above for
 * a load), and the seen footprint no larger than the class's by a third (an occluded object shows
 * less of itself, never more). Among those, the one the footprint fills best.
 */
function classOf(shape: Pick<Shape, 'length' | 'width'>, height: number, classes: AutoLabelClass[]): { cls: AutoLabelClass; fill: number } | undefined {
  let best: AutoLabelClass | undefined;
  let bestFill = 0;
  for (const cls of classes) {
    const p = cls.prior;
    if (height < p.height * 0.6 || height > p.height * 1.45) continue;
    if (shape.length > p.length * 1.35 || shape.width > p.width * 1.35) continue;
    if (shape.length < Math.min(1.2, p.length * 0.3) || shape.width < 0.2) continue;
    // A large class must show a good part of itself: a hedge or a wall is as long as a bus, and a
    // tree as tall, but rarely both at once with a bus's width.
    if (p.length > 6 && (shape.length < p.length * 0.5 || shape.width < p.width * 0.6 || height < p.height * 0.75)) continue;
    const fill = Math.min(1, shape.length / p.length) * Math.min(1, shape.width / p.width) * Math.min(height / p.height, p.height / height);
    if (fill > bestFill) { best = cls; bestFill = fill; }
  }
  return best && { cls: best, fill: bestFill };
}

/**
 * A vehicle seen end-on shows only its nose or tail: a footprint about as long as the class is wide,
 * both sides well short of its length. Its hidden length runs along the line of sight, away from the
 * sensor, so the rectangle handed to the fitter is turned along the ray and reaches back to the
 * class's length; the fitter's occlusion completion decides how far the box may really go.
 */
function endOn(s: Shape, p: SizePrior, origin: Origin): Shape | undefined {
  if (!(p.length > p.width * 1.6) || s.length > p.width * 1.3 || s.length > p.length * 0.6) return undefined;
  const rx = s.cx - origin[0], ry = s.cy - origin[1];
  const range = Math.hypot(rx, ry);
  if (range < 1) return undefined;
  const theta = Math.atan2(ry, rx);
  // The seen face is the near end: the centre moves away from the sensor by the hidden part.
  const seen = Math.abs(Math.cos(theta - s.theta)) * s.length + Math.abs(Math.sin(theta - s.theta)) * s.width;
  const back = Math.max(0, p.length - seen) / 2;
  return { cx: s.cx + (rx / range) * back, cy: s.cy + (ry / range) * back, theta, length: Math.max(seen, p.length), width: Math.max(s.length, s.width) };
}

function quadOf(s: Shape, grow: number): Quad {
  const c = Math.cos(s.theta), sn = Math.sin(s.theta);
  const hx = s.length / 2 + grow, hy = s.width / 2 + grow;
  const at = (u: number, v: number): [number, number] => [s.cx + u * c - v * sn, s.cy + u * sn + v * c];
  return [at(-hx, -hy), at(hx, -hy), at(hx, hy), at(-hx, hy)];
}

/** 0..1: enough returns to be sure something is there, and a fitted size close to the class's. */
function scoreOf(fit: { dx: number; dy: number; dz: number; points: number }, p: SizePrior): number {
  const support = Math.min(1, fit.points / 80);
  const ratio = (a: number, b: number) => Math.min(a, b) / Math.max(a, b);
  const size = ratio(Math.max(fit.dx, fit.dy), p.length) * ratio(Math.min(fit.dx, fit.dy), p.width) * ratio(fit.dz, p.height);
  return Math.round((0.35 + 0.65 * support) * Math.sqrt(size) * 1000) / 1000;
}
