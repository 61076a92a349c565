import type { AnnotationDocument, Layer } from './document.ts';
import { shapeOf, type ShapeHit } from './kinds/index.ts';

export interface DocumentHit {
  id: string;
  layer: Layer;
  hit: ShapeHit;
}

// Reused between calls: hit-testing runs on every pointer move.
const candidates: string[] = [];

/**
 * The topmost visible, unlocked shape under (x, y), in image pixels. Objects sit above
 * predictions, as they are drawn; within a layer the highest z wins. The spatial index narrows
 * the search to shapes whose bounds are near, so the cost does not grow with the document.
 */
export function hitTest(doc: AnnotationDocument, x: number, y: number, tolerance: number): DocumentHit | undefined {
  for (const layer of ['objects', 'predictions'] as const) {
    candidates.length = 0;
    doc.index[layer].hit(x, y, tolerance, candidates);
    let best: DocumentHit | undefined;
    let bestZ = -Infinity;
    for (const id of candidates) {
      if (doc.hidden.has(id) || doc.locked.has(id)) continue;
      const slot = doc.slot(layer, id);
      if (slot === undefined || slot.z < bestZ) continue;
      const hit = shapeOf(slot.object).hitTest(slot.object.geometry, x, y, tolerance);
      if (hit === undefined) continue;
      best = { id, layer, hit };
      bestZ = slot.z;
    }
    if (best !== undefined) return best;
  }
  return undefined;
}
