import type { ValidationIssue } from '../result.ts';

/** What the validator knows about the item being labelled; any unknown field skips its check. */
export interface GeometryContext {
  imageWidth?: number;
  imageHeight?: number;
  /** Length of the text in Unicode code points. */
  textLength?: number;
  /** Frames in a sequence; objects' `frame` must be below it. */
  frameCount?: number;
}

export interface Bounds2d {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Everything the platform knows about one kind of geometry lives in one module of this shape. */
export interface KindModule<K extends string = string, G = unknown> {
  readonly kind: K;
  /** `path` prefixes issue paths, e.g. `objects[3].geometry`. */
  validate(geometry: unknown, ctx?: GeometryContext, path?: string): ValidationIssue[];
  bounds?(geometry: G): Bounds2d;
  area?(geometry: G): number;
}
