import type { ImageSize } from './rectangle.ts';

/**
 * How far past the image a converted box may reach and still be moved in. Normalised YOLO labels
 * (six decimals) of real images land a few hundred-thousandths of a pixel outside; that is rounding,
 * not a wrong box. Anything farther is left as it is for the inside-image check to name.
 */
export const CLAMP_TOLERANCE_PX = 0.5;

/** What clamping did over a file or an import: how many boxes moved, and the largest move. */
export interface ClampTally { boxes: number; maxPx: number }

export const emptyTally = (): ClampTally => ({ boxes: 0, maxPx: 0 });

interface Box { x: number; y: number; width: number; height: number }

/** The box cut to the image when it reaches past an edge by no more than the tolerance; counted in `tally`. */
export function clampIntoImage(box: Box, size: ImageSize, tally: ClampTally): Box {
  const x0 = box.x;
  const y0 = box.y;
  const x1 = box.x + box.width;
  const y1 = box.y + box.height;
  const over = Math.max(-x0, -y0, x1 - size.width, y1 - size.height);
  if (!(over > 0) || over > CLAMP_TOLERANCE_PX) return box;
  const left = Math.max(0, x0);
  const top = Math.max(0, y0);
  tally.boxes++;
  tally.maxPx = Math.max(tally.maxPx, over);
  return { x: left, y: top, width: Math.min(size.width, x1) - left, height: Math.min(size.height, y1) - top };
}

/** "3 boxes clamped into the image by at most 0.00032 px", for import reports. */
export function describeClamping(t: ClampTally): string {
  return `${t.boxes} ${t.boxes === 1 ? 'box' : 'boxes'} clamped into the image by at most ${Number(t.maxPx.toPrecision(2))} px (limit ${CLAMP_TOLERANCE_PX} px)`;
}
