import type { PolylineGeometry } from '@cadre/core';
import { edgeHit, pointsBounds, movePoints, replacePoint, tracePoints, vertexHit } from './points.ts';
import { fitPolyline } from './fit.ts';
import type { ShapeKind } from './types.ts';

/** An open line has no inside: only its vertices and segments can be hit. */
export const polyline: ShapeKind<'polyline', PolylineGeometry> = {
  kind: 'polyline',
  closed: false,
  bounds: (g) => pointsBounds(g.points),
  hitTest(g, x, y, tolerance) {
    const vertex = vertexHit(g.points, x, y, tolerance);
    if (vertex !== undefined) return vertex;
    const edge = edgeHit(g.points, x, y, tolerance, false);
    return edge >= 0 ? { part: 'edge', index: edge } : undefined;
  },
  handles: (g) => g.points.map(([x, y]) => [x, y]),
  move: (g, dx, dy) => ({ points: movePoints(g.points, dx, dy) }),
  dragHandle: (g, index, x, y) => ({ points: replacePoint(g.points, index, x, y) }),
  fit: fitPolyline,
  trace: (ctx, g, v) => tracePoints(ctx, g.points, v, false),
};
