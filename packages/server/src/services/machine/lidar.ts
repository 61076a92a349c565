// The LiDAR auto-labeller as a worker of the line: each frame of a point-cloud item is auto-labelled
// (@cadre/pointcloud: ground, clusters, classes by size and shape, the fitter, a score), a sequence's
// boxes are linked into tracks (one size per rigid object, short gaps interpolated where the object
// shows), and the result is one machine prediction of cuboids, each with its frame and track, as any
// model's pre-labels.
// The project's own accepted boxes teach the sizes it completes half-seen objects to.
import { countPointsInCuboid, type LabeledObject, type Metres, type Ontology, type OrientedBox, type Radians, type SizePrior } from '@cadre/core';
import type { ItemRow } from '@cadre/db';
import { ModelError, type CloudDetector } from '@cadre/models';
import {
  autoLabelFrame, DEFAULT_CLASSES, linkTracks, parsePointCloud, PointCloudError, proposalsOf, sequenceTimes, SHOWN_SCORE, withoutHiddenFills,
  type AutoLabelClass, type FrameProposal, type TrackedBox,
} from '@cadre/pointcloud';
import { locateItemAsset, type MediaConfig } from '../../media/index.ts';
import type { ServiceDeps } from '../context.ts';
import { learnedPriorsOf } from '../size-priors.service.ts';
import { assetBytes } from './asset-bytes.ts';

/** The shipped labeller's classes: the vehicles it tells apart by size. */
export const LIDAR_CLASSES: readonly string[] = DEFAULT_CLASSES.map((c) => c.name);

/** Names a project may give the labeller's classes, for the default class map. */
const ALSO_CALLED: Record<string, readonly string[]> = {
  car: ['car', 'vehicle', 'van', 'suv', 'automobile', 'passenger_car'],
  truck: ['truck', 'lorry', 'pickup', 'trailer'],
  bus: ['bus', 'coach'],
};

/** The default class map of a LiDAR model (the shipped labeller's classes unless given): each class to the cuboid class named like it (or a usual other name). */
export function lidarClassMap(ontology: Ontology, classes: readonly string[] = LIDAR_CLASSES): Record<string, string | null> {
  const cuboids = ontology.classes.filter((c) => c.kind === 'cuboid3d');
  const norm = (s: string) => s.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return Object.fromEntries(classes.map((c) => {
    const names = ALSO_CALLED[norm(c)] ?? [norm(c)];
    const hit = names.map((n) => cuboids.find((k) => norm(k.name) === n)).find((k) => k !== undefined);
    return [c, hit?.name ?? null];
  }));
}

export interface CloudLabelRun {
  projectId: string;
  ontology: Ontology;
  classMap: Record<string, string | null>;
  /** The project's threshold for this model, else the spec's, else the labeller's shown score. */
  minScore: number;
  maxRange?: number;
  /** The project's points check on a cuboid: a box a track fills in across a gap must hold this many returns (0: any). */
  minPoints: number;
  media: MediaConfig;
  signal?: AbortSignal;
  /** After each frame: how many are done of how many. */
  onFrame?: (done: number, total: number) => Promise<void>;
  /** The user's own 3D detector (a lidar spec with a url): asked for each frame's boxes instead of the shipped labeller. */
  remote?: CloudDetector;
}

/** `costMinor`: what a remote detector charged, when it says. */
export interface CloudLabelling { objects: LabeledObject[]; unmapped: Record<string, number>; machineMs: number; frames: number; costMinor?: number }

const cm = (v: number) => Math.round(v * 100) / 100 as Metres;
/** A box as the prediction stores it (centimetres, 1e-4 rad): also what the points check counts on. */
const stored = (b: OrientedBox) => ({ x: cm(b.x), y: cm(b.y), z: cm(b.z), dx: cm(b.dx), dy: cm(b.dy), dz: cm(b.dz), yaw: Math.round(b.yaw * 10_000) / 10_000 as Radians });

/**
 * The classes to look for, each with the size to complete to: the project's learned size of the
 * class it maps to, else that class's size prior in the ontology, else the labeller's typical size.
 * Unmapped classes are looked for too, so a bus is not taken for a car; their boxes are counted, not kept.
 */
async function classesFor(deps: ServiceDeps, run: CloudLabelRun): Promise<AutoLabelClass[]> {
  const learned = await learnedPriorsOf(deps, run.projectId);
  return DEFAULT_CLASSES.map((c) => {
    const target = run.classMap[c.name];
    const own: SizePrior | undefined = target ? learned[target] ?? run.ontology.classes.find((k) => k.name === target)?.sizePrior : undefined;
    return own ? { name: c.name, prior: { length: own.length, width: own.width, height: own.height } } : c;
  });
}

/** How errors and a remote detector name one frame of the item. */
const frameName = (item: ItemRow, frame: number | undefined) => (frame === undefined ? item.media_ref ?? item.asset ?? item.id : `${item.media_ref ?? item.id} frame ${frame}`);

/** One frame's cloud, read where the item's media lie. */
async function cloudOf(deps: ServiceDeps, item: ItemRow, run: CloudLabelRun, frame: number | undefined): Promise<Float32Array> {
  const name = frameName(item, frame);
  const asset = await locateItemAsset(deps, item, run.media, frame).catch((e: unknown) => {
    throw new ModelError(`${name}: ${e instanceof Error ? e.message : String(e)}`, 'bad_image');
  });
  const bytes = await assetBytes(asset, name, run.signal);
  try {
    return parsePointCloud(bytes, asset.kind === 'file' ? asset.path : asset.kind === 'object' ? asset.ref.key : asset.url).positions;
  } catch (e) {
    if (e instanceof PointCloudError) throw new ModelError(`${name}: ${e.message}`, 'bad_image');
    throw e;
  }
}

/** Auto-labels every frame of the item and, on a sequence, links the boxes into tracks. */
export async function labelCloudItem(deps: ServiceDeps, item: ItemRow, run: CloudLabelRun): Promise<CloudLabelling> {
  if (item.kind !== 'pointcloud') throw new ModelError(`item ${item.id} is a ${item.kind} item; the LiDAR auto-labeller labels point clouds`, 'bad_image');
  const frames = Array.isArray(item.frames) && item.frames.length > 0 ? item.frames.length : null;
  const total = frames ?? 1;
  const classes = run.remote ? [] : await classesFor(deps, run);
  let machineMs = 0;
  let costMinor: number | undefined;
  const perFrame: FrameProposal[][] = [];
  for (let f = 0; f < total; f++) {
    if (run.signal?.aborted) throw new ModelError('cancelled', 'cancelled');
    const frame = frames === null ? undefined : f;
    const positions = await cloudOf(deps, item, run, frame);
    // On a sequence every candidate is kept for linking: one under the least score may continue a
    // track that reaches it on another frame (it never starts one).
    const options = { classes, minScore: frames === null ? run.minScore : 0, ...(run.maxRange ? { maxRange: run.maxRange } : {}) };
    const started = performance.now();
    if (run.remote) {
      const got = await run.remote.detect({ name: frameName(item, frame), index: frame ?? null, positions }, run.signal);
      perFrame.push(proposalsOf(got.boxes, positions, options));
      machineMs += got.machineMs;
      if (got.costMinor !== undefined) costMinor = (costMinor ?? 0) + got.costMinor;
    } else {
      perFrame.push(autoLabelFrame(positions, options));
      machineMs += performance.now() - started;
    }
    await run.onFrame?.(f + 1, total);
  }
  const times = sequenceTimes(item.metadata as Record<string, unknown> | null, total);
  const boxes: (FrameProposal & Partial<TrackedBox>)[] = frames === null ? perFrame[0]! : await withoutHidden(deps, item, run, linkTracks(perFrame, { startScore: run.minScore, ...(times ? { times } : {}) }));
  const unmapped: Record<string, number> = {};
  const objects: LabeledObject[] = [];
  for (const b of boxes) {
    const label = run.classMap[b.class];
    if (!label) { unmapped[b.class] = (unmapped[b.class] ?? 0) + 1; continue; }
    objects.push({
      id: `m${objects.length}`, label, kind: 'cuboid3d', attributes: {}, score: b.score,
      geometry: stored(b),
      ...(frames === null ? {} : { frame: b.frame!, trackId: `auto-${b.track!.padStart(4, '0')}`, keyframe: !b.interpolated }),
    });
  }
  return { objects, unmapped, machineMs, frames: total, ...(costMinor !== undefined ? { costMinor } : {}) };
}



/** Drops the boxes tracks filled in where the object was hidden (withoutHiddenFills); the frames holding any are read again. */
async function withoutHidden(deps: ServiceDeps, item: ItemRow, run: CloudLabelRun, boxes: TrackedBox[]): Promise<TrackedBox[]> {
  if (run.minPoints <= 0) return boxes;
  const held = new Map<TrackedBox, number>();
  for (const f of new Set(boxes.filter((b) => b.interpolated).map((b) => b.frame))) {
    const positions = await cloudOf(deps, item, run, f);
    for (const b of boxes) if (b.interpolated && b.frame === f) held.set(b, countPointsInCuboid(stored(b), positions));
  }
  return withoutHiddenFills(boxes, (b) => held.get(b) ?? 0, run.minPoints);
}

/** The score a LiDAR job keeps proposals from. */
export const lidarMinScore = (projectMin: number | null, specMin: number | undefined) => projectMin ?? specMin ?? SHOWN_SCORE;
