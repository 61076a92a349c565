import type { AnnotationPayload, LabeledObject } from '../annotation.ts';
import { checkCuboidFaces, faceMargin } from './cuboid-faces.ts';
import { checkCuboidPoints } from './cuboid-points.ts';
import { checkDuplicates } from './duplicates.ts';
import { checkGeometryValidity } from './geometry-validity.ts';
import { checkInsideImage } from './inside-image.ts';
import { checkMinBoxSize } from './min-box-size.ts';
import { buildPointGrid, pointsNearBox, type PointGrid } from './point-grid.ts';
import { checkRequiredAttributes } from './required-attributes.ts';
import { DEFAULT_CHECK_SETTINGS, type CheckSettings } from './settings.ts';
import type { CheckContext, CheckFailure } from './types.ts';

/**
 * Every machine check on one annotation, in object order. Pure: the same payload, context and
 * settings give the same failures in the browser before submit and in the check stage.
 */
export function runChecks(payload: AnnotationPayload, ctx: CheckContext, settings: CheckSettings = DEFAULT_CHECK_SETTINGS): CheckFailure[] {
  const out: CheckFailure[] = [];
  const grids = new Map<number, PointGrid | null>();
  const scratch = { buffer: new Float32Array(3 * 4096) };
  for (const o of payload.objects) {
    if (settings.requireAttributes) out.push(...checkRequiredAttributes(o, ctx));
    const invalid = checkGeometryValidity(o);
    out.push(...invalid);
    if (invalid.length > 0) continue;
    if (settings.insideImage) out.push(...checkInsideImage(o, ctx));
    out.push(...checkMinBoxSize(o, settings.minBoxSize));
    if (o.kind === 'cuboid3d') out.push(...cuboidChecks(o, ctx, settings, grids, scratch));
  }
  out.push(...checkDuplicates(payload.objects, settings.duplicateIou));
  return out;
}

function cuboidChecks(
  o: LabeledObject & { kind: 'cuboid3d' },
  ctx: CheckContext,
  settings: CheckSettings,
  grids: Map<number, PointGrid | null>,
  scratch: { buffer: Float32Array },
): CheckFailure[] {
  const tolerance = settings.cuboidFaceTolerance;
  if ((settings.minCuboidPoints <= 0 && tolerance === null) || ctx.points === undefined) return [];
  const frame = o.frame ?? 0;
  let grid = grids.get(frame);
  if (grid === undefined) {
    const points = ctx.points(frame);
    grid = points === undefined ? null : buildPointGrid(points);
    grids.set(frame, grid);
  }
  // Without this frame's points nothing can be said about the box.
  if (grid === null) return [];
  const n = pointsNearBox(grid, o.geometry, tolerance === null ? 0 : faceMargin(tolerance), scratch);
  const out = checkCuboidPoints(o.id, o.geometry, scratch.buffer, n, settings.minCuboidPoints);
  if (tolerance !== null) out.push(...checkCuboidFaces(o.id, o.geometry, scratch.buffer, n, tolerance));
  return out;
}
