// The check stage without a round trip: when the checks need nothing but the annotation and what
// the database row of the item says (an image with its size stored or at a remote URL, text, a
// point cloud without point checks), they run inside the submit. Otherwise the worker runs them.
import { parseCheckSettings, runChecks, type AnnotationPayload, type CheckContext, type CheckFailure, type Ontology } from '@cadre/core';

export interface ItemFacts { item_kind: string; item_asset: string | null; item_metadata: Record<string, unknown> | null }

const size = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);

/** The check context from the row alone, or null when the item's files must be read. */
export function contextFromRow(item: ItemFacts, ontology: Ontology, checksSetting: unknown, payload: AnnotationPayload): CheckContext | null {
  const checks = parseCheckSettings(checksSetting).settings;
  if (item.item_kind === 'text') return { ontology };
  if (item.item_kind === 'pointcloud') {
    const needsPoints = (checks.minCuboidPoints > 0 || checks.cuboidFaceTolerance !== null) && payload.objects.some((o) => o.kind === 'cuboid3d');
    return needsPoints ? null : { ontology };
  }
  const meta = item.item_metadata ?? {};
  const w = size(meta.imageWidth) ?? size(meta.width);
  const h = size(meta.imageHeight) ?? size(meta.height);
  if (w !== undefined && h !== undefined) return { ontology, imageWidth: w, imageHeight: h };
  // A remote image without a stored size: the worker could not read it either.
  if (!checks.insideImage || (item.item_asset !== null && /^[a-z][a-z0-9+.-]*:\/\//i.test(item.item_asset))) return { ontology };
  return null;
}

export function errorsOf(payload: AnnotationPayload, ctx: CheckContext, checksSetting: unknown): CheckFailure[] {
  return runChecks(payload, ctx, parseCheckSettings(checksSetting).settings).filter((f) => f.severity === 'error');
}
