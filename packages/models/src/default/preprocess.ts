// The shipped detector's input: the image scaled into a square of `side` pixels, float 0..255 RGB.
// `letterbox` keeps the aspect ratio and centres the image on black (as the model's author fed it
// in training and evaluation); otherwise the image is stretched to the square (as Human does).
import type { RgbImage } from '../types.ts';
import { resizeRows } from '../image/resize.ts';

export interface Placement {
  /** Model pixels per image pixel, across and down. */
  scaleX: number;
  scaleY: number;
  /** Where the image's top-left corner lies in the square. */
  dx: number;
  dy: number;
}

export function placement(width: number, height: number, side: number, letterbox: boolean): Placement {
  if (!letterbox) return { scaleX: side / width, scaleY: side / height, dx: 0, dy: 0 };
  const scale = Math.min(side / width, side / height);
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  return { scaleX: w / width, scaleY: h / height, dx: Math.floor((side - w) / 2), dy: Math.floor((side - h) / 2) };
}

/** The image resampled (bilinear, ../image/resize.ts) into a side×side×3 float square, black around it. */
export function toSquare(image: RgbImage, side: number, p: Placement): Float32Array {
  const out = new Float32Array(side * side * 3);
  const w = Math.round(image.width * p.scaleX);
  const h = Math.round(image.height * p.scaleY);
  // The columns of the resampled image that land inside the square.
  const from = Math.max(0, -p.dx);
  const to = Math.min(w, side - p.dx);
  resizeRows(image, w, h, (y, values) => {
    const oy = y + p.dy;
    if (oy < 0 || oy >= side || to <= from) return;
    out.set(values.subarray(from * 3, to * 3), (oy * side + p.dx + from) * 3);
  });
  return out;
}
