// What evaluate and train jobs read: the items whose latest annotation is accepted, page by page in
// item order, and their objects as a detector sees them (boxes, and polygons with their bounds).
import { geometryKinds, type LabeledObject } from '@cadre/core';
import { items, machineJobs, type ItemRow } from '@cadre/db';

type AcceptedItem = machineJobs.AcceptedItem;
import type { ServiceDeps } from '../context.ts';

const PAGE = 100;

export interface AcceptedObject { class: string; x: number; y: number; w: number; h: number; polygon?: number[] }

/** Accepted items after `after` (an item id; null: from the first), with their item rows. */
export async function* acceptedItems(deps: ServiceDeps, projectId: string, after: string | null): AsyncGenerator<{ accepted: AcceptedItem; item: ItemRow }> {
  let cursor = after;
  for (;;) {
    const page = await machineJobs.acceptedPage(deps.db, projectId, cursor, PAGE);
    if (page.length === 0) return;
    for (const accepted of page) {
      cursor = accepted.item_id;
      yield { accepted, item: (await items.findItem(deps.db, accepted.item_id))! };
    }
  }
}

/** The accepted boxes and polygons of `classes`, in pixels; other kinds are not what a detector proposes. */
export function acceptedObjects(a: AcceptedItem, classes: ReadonlySet<string>): AcceptedObject[] {
  const objects = (a.payload as { objects?: LabeledObject[] } | null)?.objects ?? [];
  const out: AcceptedObject[] = [];
  for (const o of objects) {
    if (!classes.has(o.label) || (o.kind !== 'bbox2d' && o.kind !== 'polygon')) continue;
    const b = geometryKinds[o.kind].bounds?.(o.geometry as never);
    if (!b) continue;
    const box = { class: o.label, x: b.minX, y: b.minY, w: b.maxX - b.minX, h: b.maxY - b.minY };
    out.push(o.kind === 'polygon' ? { ...box, polygon: (o.geometry as { points: [number, number][] }).points.flat() } : box);
  }
  return out;
}
