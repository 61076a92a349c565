import { bbox2d } from './bbox2d.ts';
import { cuboid3d } from './cuboid3d.ts';
import { point2d } from './point2d.ts';
import { polygon } from './polygon.ts';
import { polyline } from './polyline.ts';
import { textClass } from './text_class.ts';
import { textSpan } from './text_span.ts';
import type { KindModule } from './types.ts';

/** The one list of label kinds: GeometryKind and GeometryOf are derived from it. */
export const geometryKinds = {
  bbox2d,
  polygon,
  polyline,
  point2d,
  cuboid3d,
  text_span: textSpan,
  text_class: textClass,
} as const satisfies { [K in string]: KindModule<K, never> };

export type GeometryKind = keyof typeof geometryKinds;

export type GeometryOf = {
  [K in GeometryKind]: (typeof geometryKinds)[K] extends KindModule<K, infer G> ? G : never;
};

export const GEOMETRY_KINDS = Object.keys(geometryKinds) as GeometryKind[];

export function isGeometryKind(s: unknown): s is GeometryKind {
  return typeof s === 'string' && Object.hasOwn(geometryKinds, s);
}

export type { Bounds2d, GeometryContext, KindModule } from './types.ts';
export { boxCorners, type Bbox2dGeometry } from './bbox2d.ts';
export type { PolygonGeometry } from './polygon.ts';
export type { PolylineGeometry } from './polyline.ts';
export type { Point2dGeometry } from './point2d.ts';
export type { Cuboid3dGeometry } from './cuboid3d.ts';
export type { TextSpanGeometry } from './text_span.ts';
export type { TextClassGeometry } from './text_class.ts';
