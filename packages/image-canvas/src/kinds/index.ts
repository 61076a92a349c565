import { bbox2d } from './bbox2d.ts';
import { point2d } from './point2d.ts';
import { polygon } from './polygon.ts';
import { polyline } from './polyline.ts';
import type { ImageGeometry, ImageKind, ImageObject, ShapeKind } from './types.ts';

/** The one list of kinds the image canvas draws and edits; a new kind is a module plus a line here. */
export const shapeKinds: { readonly [K in ImageKind]: ShapeKind<K> } = { bbox2d, polygon, polyline, point2d };

export const IMAGE_KINDS = Object.keys(shapeKinds) as ImageKind[];

export function isImageKind(kind: string): kind is ImageKind {
  return Object.hasOwn(shapeKinds, kind);
}

/**
 * The kind module for an object, typed over the union of geometries: TypeScript cannot pair
 * `shapeKinds[obj.kind]` with `obj.geometry` itself, and an object's kind never disagrees with its geometry.
 */
export function shapeOf(obj: { kind: ImageKind }): ShapeKind<ImageKind, ImageGeometry> {
  return shapeKinds[obj.kind] as unknown as ShapeKind<ImageKind, ImageGeometry>;
}

/** The same object with new geometry. */
export function withGeometry(obj: ImageObject, geometry: ImageGeometry): ImageObject {
  return { ...obj, geometry } as ImageObject;
}

export { boxFromCorners } from './bbox2d.ts';
export type { ImageGeometry, ImageKind, ImageObject, PathSink, ShapeHit, ShapeKind } from './types.ts';
