import { CURRENT_SCHEMA_VERSION, newId, type AnnotationPayload, type LabeledObject } from '@cadre/core';
import type { AnnotationDocument } from './document.ts';
import { isImageKind, type ImageObject } from './kinds/index.ts';

/** The saved form: objects bottom to top, each with its origin spelled out. */
export function toPayload(doc: AnnotationDocument): AnnotationPayload {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    objects: doc.objects().map((o) => structuredClone({ ...o, origin: o.origin ?? 'human' })),
  };
}

/**
 * The objects this canvas can show. Anything else (a cuboid, a text span) is refused rather than
 * dropped, because saving the document afterwards would silently delete it.
 */
export function imageObjects(objects: readonly LabeledObject[]): ImageObject[] {
  const foreign = objects.filter((o) => !isImageKind(o.kind));
  if (foreign.length > 0) {
    const kinds = [...new Set(foreign.map((o) => o.kind))].join(', ');
    throw new TypeError(`the image canvas cannot edit ${kinds} objects (${foreign.length} in this payload)`);
  }
  return objects.map((o) => structuredClone(o) as ImageObject);
}

/**
 * Copies the objects of a previous item (the frame before) as new human work: fresh ids, so the two
 * items never share one, and a track id (the source's, or else the source's id), so the same
 * physical object stays linked and a second copy of the same item is recognised.
 */
export function copiedObjects(previous: AnnotationPayload): ImageObject[] {
  return imageObjects(previous.objects).map((o) => {
    const { predictionId: _p, score: _s, ...rest } = o;
    return { ...rest, id: newId(), origin: 'human', trackId: o.trackId ?? o.id } as ImageObject;
  });
}
