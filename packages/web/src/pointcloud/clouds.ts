// The main thread's side of the cloud worker: which clouds a task has, loading (and prefetching)
// them, and fitting a box on one. Parsed clouds are cached here and in the worker, a few at a time.
import type { SizePrior } from '@cadre/core';
import type { FitResult, PointCloud, Quad } from '@cadre/pointcloud';
import type { TaskView } from '../api.ts';
import type { CloudReply, CloudRequest } from './cloud.worker.ts';

export interface CloudSource { url: string; name: string }

/** One source per frame: a sequence's frames, or the single cloud of a one-frame item. */
export function framesOf(view: TaskView): CloudSource[] {
  const id = view.item.id;
  const frames = Array.isArray(view.item.frames) ? (view.item.frames as string[]) : null;
  if (frames && frames.length > 0) return frames.map((name, i) => ({ url: `/api/items/${id}/asset?frame=${i}`, name }));
  return [{ url: `/api/items/${id}/asset`, name: view.item.asset ?? 'cloud.pcd' }];
}

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;
const KEEP = 8;

class CloudWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private cache = new Map<string, Promise<PointCloud>>();
  /** The clouds parsed so far, for what needs them at once (the machine checks count points in boxes). */
  private parsed = new Map<string, PointCloud>();

  /** The parsed cloud, if it has arrived and is still kept. */
  loaded(src: CloudSource): PointCloud | undefined {
    return this.parsed.get(src.url);
  }

  private send<T>(req: Distribute<CloudRequest>): Promise<T> {
    if (!this.worker) {
      this.worker = new Worker(new URL('./cloud.worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (e: MessageEvent<CloudReply>) => {
        const r = e.data;
        const w = this.waiting.get(r.id);
        this.waiting.delete(r.id);
        if (r.ok) w?.resolve(r.value);
        else w?.reject(new Error(r.error));
      };
    }
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker!.postMessage({ ...req, id });
    });
  }

  /** The parsed cloud; asking again (a prefetch, then the frame switch) reuses the same load. */
  load(src: CloudSource): Promise<PointCloud> {
    let found = this.cache.get(src.url);
    if (found) {
      this.cache.delete(src.url);
    } else {
      found = this.send<PointCloud>({ type: 'load', url: src.url, name: src.name });
      found.then((cloud) => { if (this.cache.has(src.url)) this.parsed.set(src.url, cloud); }, () => this.cache.delete(src.url));
    }
    this.cache.set(src.url, found);
    while (this.cache.size > KEEP) {
      const oldest = this.cache.keys().next().value!;
      this.cache.delete(oldest);
      this.parsed.delete(oldest);
      void this.send({ type: 'drop', url: oldest });
    }
    return found;
  }

  fit(src: CloudSource, quad: Quad, prior?: SizePrior): Promise<FitResult> {
    return this.send<FitResult>({ type: 'fit', url: src.url, name: src.name, quad, prior });
  }
}

export const clouds = new CloudWorker();

/** For the task flow: the first frame parsed before the task opens, the second on its way. */
export async function preloadClouds(view: TaskView): Promise<void> {
  const frames = framesOf(view);
  await clouds.load(frames[0]!);
  if (frames[1]) void clouds.load(frames[1]).catch(() => undefined);
}
