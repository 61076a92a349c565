import type { OrientedBox, SizePrior } from '@cadre/core';

/** A quadrilateral in the lidar x/y plane (metres), e.g. a rectangle dragged in the top view. */
export type Quad = readonly [readonly [number, number], readonly [number, number], readonly [number, number], readonly [number, number]];

export interface FitOptions {
  /** The class's typical size: completes boxes whose far sides no ray reached. */
  prior?: SizePrior;
}

/** Lidar frame, metres and radians; z at the box centre; dx along the heading. */
export interface FitResult extends OrientedBox {
  /** Points inside the fitted box. */
  points: number;
}
