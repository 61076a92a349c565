import type { PolygonGeometry } from '@cadre/core';
import { edgeHit, pointsBounds, insideRing, movePoints, replacePoint, tracePoints, vertexHit } from './points.ts';
import { fitPolygon } from './fit.ts';
import type { ShapeKind } from './types.ts';

export const polygon: ShapeKind<'polygon', PolygonGeometry> = {
  kind: 'polygon',
  closed: true,
  bounds: (g) => pointsBounds(g.points),
  hitTest(g, x, y, tolerance) {
    const vertex = vertexHit(g.points, x, y, tolerance);
    if (vertex !== undefined) return vertex;
    const edge = edgeHit(g.points, x, y, tolerance, true);
    if (edge >= 0) return { part: 'edge', index: edge };
    return insideRing(g.points, x, y) ? { part: 'inside' } : undefined;
  },
  handles: (g) => g.points.map(([x, y]) => [x, y]),
  move: (g, dx, dy) => ({ points: movePoints(g.points, dx, dy) }),
  dragHandle: (g, index, x, y) => ({ points: replacePoint(g.points, index, x, y) }),
  fit: fitPolygon,
  trace: (ctx, g, v) => tracePoints(ctx, g.points, v, true),
};
