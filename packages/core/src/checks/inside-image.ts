import type { LabeledObject } from '../annotation.ts';
import type { Point2 } from '../geometry/polygon2d.ts';
import { short } from './format.ts';
import type { CheckContext, CheckFailure } from './types.ts';

/** Float noise from zooming must not fail a box drawn to the very edge. */
const EPSILON_PX = 1e-6;

/** 2D geometry lies inside the image; measured is how far past an edge, in image pixels. */
export function checkInsideImage(o: LabeledObject, ctx: CheckContext): CheckFailure[] {
  let points: readonly Point2[];
  if (o.kind === 'bbox2d') {
    const { x, y, width, height } = o.geometry;
    points = [[x, y], [x + width, y + height]];
  } else if (o.kind === 'polygon' || o.kind === 'polyline') points = o.geometry.points;
  else if (o.kind === 'point2d') points = [[o.geometry.x, o.geometry.y]];
  else return [];
  const { imageWidth: w, imageHeight: h } = ctx;
  let worst = 0;
  let edge = '';
  const consider = (over: number, name: string) => {
    if (over > worst) { worst = over; edge = name; }
  };
  for (const [x, y] of points) {
    consider(-x, 'left');
    consider(-y, 'top');
    if (w !== undefined) consider(x - w, 'right');
    if (h !== undefined) consider(y - h, 'bottom');
  }
  if (worst <= EPSILON_PX) return [];
  const what = o.kind === 'bbox2d' ? 'box' : o.kind === 'point2d' ? 'point' : o.kind;
  const size = w !== undefined && h !== undefined ? ` (${w} × ${h} px)` : '';
  return [{
    check: 'inside-image',
    objectId: o.id,
    message: `${what} reaches ${short(worst)} px past the ${edge} edge of the image${size}; limit 0 px`,
    measured: worst,
    limit: 0,
    unit: 'px',
    severity: 'error',
  }];
}
