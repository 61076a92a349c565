import type { Bounds2d, GeometryOf, LabeledObject } from '@cadre/core';
import type { ViewTransform } from '../viewport.ts';
import type { Fit } from './fit.ts';

/** The label kinds drawn on a 2D image. */
export type ImageKind = 'bbox2d' | 'polygon' | 'polyline' | 'point2d';
export type ImageObject = Extract<LabeledObject, { kind: ImageKind }>;
export type ImageGeometry = GeometryOf[ImageKind];

/** What the pointer is over, in order of precedence: a handle wins over an edge, an edge over the inside. */
export type ShapeHit = { part: 'handle'; index: number } | { part: 'edge'; index: number } | { part: 'inside' };

/** The path-building calls of a 2D context; a CanvasRenderingContext2D satisfies it. */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  closePath(): void;
  rect(x: number, y: number, w: number, h: number): void;
  arc(x: number, y: number, radius: number, startAngle: number, endAngle: number): void;
}

/** Everything the canvas knows about one kind of shape; coordinates are image pixels unless named canvas. */
export interface ShapeKind<K extends ImageKind, G = GeometryOf[K]> {
  readonly kind: K;
  /** Closed shapes are filled as well as stroked. */
  readonly closed: boolean;
  bounds(g: G): Bounds2d;
  /** `tolerance` is in image pixels (the caller divides the screen tolerance by the zoom). */
  hitTest(g: G, x: number, y: number, tolerance: number): ShapeHit | undefined;
  /** Handle positions; the index is what `dragHandle` takes. */
  handles(g: G): [number, number][];
  move(g: G, dx: number, dy: number): G;
  /** Moves one handle to (x, y): resizes a box, drags a vertex. */
  dragHandle(g: G, index: number, x: number, y: number): G;
  /** The shape scaled into another image and cut to its edges; null when nothing of it is left there. */
  fit(g: G, f: Fit): G | null;
  /** Appends the shape's path in canvas pixels, so the renderer can batch many shapes per stroke. */
  trace(ctx: PathSink, g: G, v: ViewTransform): void;
}
