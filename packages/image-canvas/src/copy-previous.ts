// "Copy previous": the objects of the item submitted last, brought into this image. Where the two
// images differ in size the shapes are scaled to the new one, then cut to its edges (a box outside
// the image could not be submitted); shapes with nothing left are dropped and counted. A copy keeps
// a track id (the source's, or the source's id when it had none), so a second copy of the same item
// adds only what is not there yet.
import type { AnnotationPayload } from '@cadre/core';
import { shapeOf, withGeometry, type ImageObject } from './kinds/index.ts';
import { copiedObjects } from './payload.ts';

export interface ImageSize { width: number; height: number }

export interface CopyPlan {
  /** The copies to add, fitted into the image. */
  objects: ImageObject[];
  /** Copies with nothing left inside the image. */
  dropped: number;
  /** Sources already copied into this item (their copies are still there). */
  alreadyThere: number;
}

/**
 * `from` is the previous image's size; without it the shapes keep their coordinates and are only cut.
 * `present` are the objects already in this item.
 */
export function planCopy(previous: AnnotationPayload, from: ImageSize | null, to: ImageSize, present: readonly ImageObject[]): CopyPlan {
  const tracks = new Set(present.flatMap((o) => (o.trackId === undefined ? [] : [o.trackId])));
  const fresh = copiedObjects(previous);
  const wanted = fresh.filter((o) => !tracks.has(o.trackId!));
  const fit = { sx: from ? to.width / from.width : 1, sy: from ? to.height / from.height : 1, width: to.width, height: to.height };
  const objects: ImageObject[] = [];
  for (const o of wanted) {
    const g = shapeOf(o).fit(o.geometry, fit);
    if (g) objects.push(withGeometry(o, g));
  }
  return { objects, dropped: wanted.length - objects.length, alreadyThere: fresh.length - wanted.length };
}
