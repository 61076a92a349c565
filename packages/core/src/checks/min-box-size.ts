import type { LabeledObject } from '../annotation.ts';
import { short } from './format.ts';
import type { CheckFailure } from './types.ts';

/** 2D boxes at least `min` px wide and high; measured is the smaller side. */
export function checkMinBoxSize(o: LabeledObject, min: number): CheckFailure[] {
  if (o.kind !== 'bbox2d' || min <= 0) return [];
  const { width, height } = o.geometry;
  // Zero-area boxes are the geometry check's to report.
  if (!(width > 0 && height > 0)) return [];
  const side = Math.min(width, height);
  if (side >= min) return [];
  const word = width <= height ? 'wide' : 'high';
  return [{
    check: 'min-box-size',
    objectId: o.id,
    message: `box is ${short(side)} px ${word}; at least ${short(min)} px`,
    measured: side,
    limit: min,
    unit: 'px',
    severity: 'error',
  }];
}
