// The CheckContext of an item for @cadre/core runChecks: its image size, or its point clouds, parsed
// and kept for a short while (the check stage and the pre-submit check ask for the same frames back to back).
import { basename } from 'node:path';
import type { ItemRow } from '@cadre/db';
import type { AnnotationPayload, CheckContext, CheckSettings, Ontology, PointSet } from '@cadre/core';
import { parsePointCloud } from '@cadre/pointcloud';
import { assetName, locateItemAsset, mediaConfig, readAssetBytes, readAssetImageInfo, type MediaConfig } from '../media/index.ts';
import type { ServiceDeps } from '../services/context.ts';

export type ItemLike = Pick<ItemRow, 'id' | 'project_id' | 'kind' | 'asset' | 'frames' | 'metadata' | 'import_id'>;
export type PointsOf = (frame: number) => PointSet | undefined;

export interface PointCacheOptions {
  /** How long a parsed frame is kept after it was last loaded. */
  ttlMs?: number;
  /** Parsed frames kept at most, oldest dropped first (a 120k-point frame is about 1.4 MB). */
  maxFrames?: number;
}

interface Entry { points: Promise<PointSet | undefined>; timer: NodeJS.Timeout }

/** One per process: parsed frames keyed by item and frame. */
export class PointCache {
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  readonly #maxFrames: number;

  constructor(options: PointCacheOptions = {}) {
    this.#ttlMs = options.ttlMs ?? 60_000;
    this.#maxFrames = options.maxFrames ?? 64;
  }

  /** How many frames the item has: its `frames`, else 1 for a single cloud, else 0. */
  static frameCount(item: ItemLike): number {
    if (Array.isArray(item.frames)) return item.frames.length;
    return item.asset ? 1 : 0;
  }

  /**
   * Loads the given frames (all of the item's by default) and answers synchronously afterwards, as
   * the pure checks need. A frame that is a remote URL, or out of range, answers undefined (its
   * cuboid checks are skipped); a local file that is missing or unreadable is an error.
   */
  async pointsOf(deps: ServiceDeps, media: MediaConfig, item: ItemLike, frames?: Iterable<number>): Promise<PointsOf> {
    if (item.kind !== 'pointcloud') return () => undefined;
    const count = PointCache.frameCount(item);
    const wanted = [...new Set(frames ?? Array.from({ length: count }, (_, i) => i))].filter((f) => Number.isSafeInteger(f) && f >= 0 && f < count);
    const loaded = new Map<number, PointSet | undefined>();
    await Promise.all(wanted.map(async (f) => loaded.set(f, await this.frame(deps, media, item, f))));
    return (frame) => loaded.get(frame);
  }

  /** Forgets every cached frame (tests; a re-imported item). */
  clear(): void {
    for (const e of this.#entries.values()) clearTimeout(e.timer);
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }

  private frame(deps: ServiceDeps, media: MediaConfig, item: ItemLike, frame: number): Promise<PointSet | undefined> {
    const key = `${item.id}:${frame}`;
    const hit = this.#entries.get(key);
    if (hit !== undefined) {
      // Refresh: the most recently used frames are the ones kept.
      this.#entries.delete(key);
      hit.timer.refresh();
      this.#entries.set(key, hit);
      return hit.points;
    }
    const points = load(deps, media, item, frame);
    const timer = setTimeout(() => this.#entries.delete(key), this.#ttlMs).unref();
    this.#entries.set(key, { points, timer });
    // A failed load is not cached: the next check retries (the file may have been put back).
    points.catch(() => this.drop(key));
    while (this.#entries.size > this.#maxFrames) this.drop(this.#entries.keys().next().value as string);
    return points;
  }

  private drop(key: string): void {
    const e = this.#entries.get(key);
    if (e === undefined) return;
    clearTimeout(e.timer);
    this.#entries.delete(key);
  }
}

async function load(deps: ServiceDeps, media: MediaConfig, item: ItemLike, frame: number): Promise<PointSet | undefined> {
  // A single cloud is the item's asset; a sequence's frames are `frames[n]`, as the asset route serves them.
  const asset = await locateItemAsset(deps, item as ItemRow, media, Array.isArray(item.frames) ? frame : undefined);
  if (asset.kind === 'url') return undefined;
  const cloud = parsePointCloud(await readAssetBytes(asset), basename(assetName(asset)));
  return { positions: cloud.positions, stride: 3, count: cloud.count };
}

/** The process's cache of parsed frames. */
export const pointCache = new PointCache();

/**
 * An item's points by frame, for runChecks: loads the given frames (all by default) from the files
 * the asset route would serve, through the process's cache.
 */
export function pointsForItem(item: ItemLike, deps: ServiceDeps, options: { media?: MediaConfig; frames?: Iterable<number> } = {}): Promise<PointsOf> {
  return pointCache.pointsOf(deps, options.media ?? mediaConfig(), item, options.frames);
}

export interface CheckContextOptions {
  /** Where uploads and allowed folders are; the process's configuration by default. */
  media?: MediaConfig;
  /** The annotation to be checked: only the frames its cuboids sit in are loaded. */
  payload?: AnnotationPayload;
  /** Settings that need no points (no minimum, no face tolerance) load none. */
  settings?: CheckSettings;
}

/**
 * The CheckContext of one item: image size (metadata `width`/`height` or `imageWidth`/`imageHeight`
 * as imports store them, else read from the head of a local file), or the point clouds of a
 * point-cloud item. `deps` finds a folder import's root, which makes its files servable.
 */
export async function checkContextForItem(item: ItemLike, ontology: Ontology, deps: ServiceDeps, options: CheckContextOptions = {}): Promise<CheckContext> {
  const media = options.media ?? mediaConfig();
  if (item.kind === 'image') return { ontology, ...(await imageSize(deps, media, item)) };
  if (item.kind !== 'pointcloud') return { ontology };
  const { settings, payload } = options;
  if (settings !== undefined && settings.minCuboidPoints <= 0 && settings.cuboidFaceTolerance === null) return { ontology };
  const frames = payload?.objects.filter((o) => o.kind === 'cuboid3d').map((o) => o.frame ?? 0);
  return { ontology, points: await pointCache.pointsOf(deps, media, item, frames) };
}

async function imageSize(deps: ServiceDeps, media: MediaConfig, item: ItemLike): Promise<{ imageWidth?: number; imageHeight?: number }> {
  const stored = storedImageSize(item.metadata);
  if (stored) return stored;
  if (!item.asset) return {};
  const asset = await locateItemAsset(deps, item as ItemRow, media);
  // A remote image without a stored size: the right and bottom edges go unchecked.
  if (asset.kind === 'url') return {};
  const info = await readAssetImageInfo(asset);
  return { imageWidth: info.width, imageHeight: info.height };
}

const size = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);

/** The image size an import stored in the item's metadata (`width`/`height` or `imageWidth`/`imageHeight`), if any. */
export function storedImageSize(metadata: unknown): { imageWidth: number; imageHeight: number } | null {
  const meta = (metadata ?? {}) as Record<string, unknown>;
  const w = size(meta.imageWidth) ?? size(meta.width);
  const h = size(meta.imageHeight) ?? size(meta.height);
  return w !== undefined && h !== undefined ? { imageWidth: w, imageHeight: h } : null;
}
