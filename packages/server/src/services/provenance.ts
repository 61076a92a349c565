// Which objects of stored work are still the machine's answer is decided here, by core's rule
// against the item's own predictions, not taken from the client: pay, effort and the cost per
// method read the stored origin.
import { withOrigins, type AnnotationPayload, type LabeledObject } from '@cadre/core';
import { items, type Db } from '@cadre/db';
import { predictionObjects } from '../predictions/to-objects.ts';

export async function withDecidedOrigins(db: Db, itemId: string, payload: AnnotationPayload): Promise<AnnotationPayload> {
  if (!payload.objects.some((o) => o.predictionId !== undefined)) return payload;
  const item = await items.findItem(db, itemId);
  const proposals = new Map<string, LabeledObject>();
  for (const p of await items.predictionsOfItem(db, itemId)) {
    for (const o of predictionObjects(p.id, p.payload, item?.content ?? null)) proposals.set(o.id, o);
  }
  return withOrigins(payload, proposals);
}
