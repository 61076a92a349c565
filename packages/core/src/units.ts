import type { Brand } from './ids.ts';

/** Pixels of the source image; what annotations store. */
export type ImagePx = Brand<number, 'ImagePx'>;
/** Pixels on screen after zoom and pan; never stored. */
export type CanvasPx = Brand<number, 'CanvasPx'>;
export type Metres = Brand<number, 'Metres'>;
export type Radians = Brand<number, 'Radians'>;
export type Degrees = Brand<number, 'Degrees'>;
/** Integer minor currency units (cents); money never goes through floating point fractions. */
export type MinorUnits = Brand<number, 'MinorUnits'>;

export const px = (n: number): ImagePx => n as ImagePx;
export const canvasPx = (n: number): CanvasPx => n as CanvasPx;
export const metres = (n: number): Metres => n as Metres;
export const radians = (n: number): Radians => n as Radians;
export const degrees = (n: number): Degrees => n as Degrees;

export function minorUnits(n: number): MinorUnits {
  if (!Number.isSafeInteger(n)) throw new RangeError(`minor units must be a safe integer, got ${n}`);
  return n as MinorUnits;
}

export function degToRad(d: number): Radians {
  return ((d * Math.PI) / 180) as Radians;
}

export function radToDeg(r: number): Degrees {
  return ((r * 180) / Math.PI) as Degrees;
}

const TAU = 2 * Math.PI;

/** Maps any angle to (-π, π], so that π and -π compare equal as one heading. */
export function normalizeAngle(a: number): Radians {
  let r = a % TAU;
  if (r <= -Math.PI) r += TAU;
  else if (r > Math.PI) r -= TAU;
  return r as Radians;
}

/** Signed turn from `a` to `b` with the smallest magnitude, in (-π, π]. */
export function shortestAngleDelta(a: number, b: number): Radians {
  return normalizeAngle(b - a);
}
