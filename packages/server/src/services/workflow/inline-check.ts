// The check stage without a round trip: when the checks need nothing but the annotation and what
// the database row of the item says (an image with its size stored or at a remote URL, text, a
// point cloud without point checks), they run inside the submit. Otherwise the worker runs them.
import { runChecks, type AnnotationPayload, type CheckContext, type CheckFailure, type CheckSettings, type Ontology } from '@cadre/core';
import { storedImageSize } from '../../checks/item-points.ts';

export interface ItemFacts { item_kind: string; item_asset: string | null; item_metadata: Record<string, unknown> | null }

/** The check context from the row alone, or null when the item's files must be read. */
export function contextFromRow(item: ItemFacts, ontology: Ontology, checks: CheckSettings, payload: AnnotationPayload): CheckContext | null {
  if (item.item_kind === 'text') return { ontology };
  if (item.item_kind === 'pointcloud') {
    const needsPoints = (checks.minCuboidPoints > 0 || checks.cuboidFaceTolerance !== null) && payload.objects.some((o) => o.kind === 'cuboid3d');
    return needsPoints ? null : { ontology };
  }
  const stored = storedImageSize(item.item_metadata);
  if (stored) return { ontology, ...stored };
  // A remote image without a stored size: the worker could not read it either.
  if (!checks.insideImage || (item.item_asset !== null && /^[a-z][a-z0-9+.-]*:\/\//i.test(item.item_asset))) return { ontology };
  return null;
}

export function errorsOf(payload: AnnotationPayload, ctx: CheckContext, checks: CheckSettings): CheckFailure[] {
  return runChecks(payload, ctx, checks).filter((f) => f.severity === 'error');
}
