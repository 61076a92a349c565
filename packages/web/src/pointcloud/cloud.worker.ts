// Fetches and parses point clouds off the main thread and keeps the parsed ones, so a fit needs
// only the rectangle sent over, not the cloud. Each reply echoes the request id.
import { fitCuboid, parsePointCloud, type PointCloud, type Quad } from '@cadre/pointcloud';
import type { SizePrior } from '@cadre/core';

export type CloudRequest =
  | { id: number; type: 'load'; url: string; name: string }
  | { id: number; type: 'fit'; url: string; name: string; quad: Quad; prior?: SizePrior | undefined }
  | { id: number; type: 'drop'; url: string };
export type CloudReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** Parsed clouds kept here, newest last; the main thread keeps the same few. */
const KEEP = 10;
const clouds = new Map<string, Promise<PointCloud>>();
const scope = self as unknown as { postMessage(m: CloudReply): void; onmessage: ((e: MessageEvent<CloudRequest>) => void) | null };

function cloud(url: string, name: string): Promise<PointCloud> {
  let found = clouds.get(url);
  if (found) {
    clouds.delete(url);
    clouds.set(url, found);
    return found;
  }
  found = fetch(url, { credentials: 'same-origin' }).then(async (res) => {
    if (!res.ok) throw new Error(`the cloud ${name} could not be loaded (HTTP ${res.status})`);
    return parsePointCloud(new Uint8Array(await res.arrayBuffer()), name);
  });
  found.catch(() => clouds.delete(url));
  clouds.set(url, found);
  while (clouds.size > KEEP) clouds.delete(clouds.keys().next().value!);
  return found;
}

async function handle(req: CloudRequest): Promise<unknown> {
  switch (req.type) {
    case 'load':
      return cloud(req.url, req.name);
    case 'fit':
      return fitCuboid(await cloud(req.url, req.name), req.quad, req.prior ? { prior: req.prior } : {});
    case 'drop':
      clouds.delete(req.url);
      return null;
  }
}

scope.onmessage = (e) => {
  const req = e.data;
  handle(req).then(
    (value) => scope.postMessage({ id: req.id, ok: true, value }),
    (error: unknown) => scope.postMessage({ id: req.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
};
