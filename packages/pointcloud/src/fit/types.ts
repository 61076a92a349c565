import type { OrientedBox, SizePrior } from '@cadre/core';

/** A quadrilateral in the lidar x/y plane (metres), e.g. a rectangle dragged in the top view. */
export type Quad = readonly [readonly [number, number], readonly [number, number], readonly [number, number], readonly [number, number]];

export interface FitOptions {
  /** The class's typical size: completes boxes whose far sides no ray reached. */
  prior?: SizePrior;
  /**
   * The rectangle holds one object (default: a person drew it around one): clusters inside it that
   * together still fit the prior's size are fitted as one (a car's two ends, its dark middle unseen).
   * The whole-frame auto-label, whose groups are its own guesses, says false.
   */
  oneObject?: boolean;
  /** Returns known to be another object's (the whole-frame auto-label's neighbouring parts): never fitted. */
  exclude?: ReadonlySet<number>;
}

/** Lidar frame, metres and radians; z at the box centre; dx along the heading. */
export interface FitResult extends OrientedBox {
  /** Points inside the fitted box. */
  points: number;
}
