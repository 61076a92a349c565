// The shipped detector's input: the image scaled into a square of `side` pixels, float 0..255 RGB.
// `letterbox` keeps the aspect ratio and centres the image on black (as the model's author fed it
// in training and evaluation); otherwise the image is stretched to the square (as Human does).
import type { RgbImage } from '../types.ts';

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

/** Bilinear resampling (pixel centres aligned, as OpenCV's INTER_LINEAR) into a side×side×3 float square. */
export function toSquare(image: RgbImage, side: number, p: Placement): Float32Array {
  const out = new Float32Array(side * side * 3);
  const w = Math.round(image.width * p.scaleX);
  const h = Math.round(image.height * p.scaleY);
  const src = image.data;
  const sw = image.width;
  const sx = image.width / w;
  const sy = image.height / h;
  // Source columns and weights, once per output column.
  const x0s = new Int32Array(w);
  const x1s = new Int32Array(w);
  const fxs = new Float32Array(w);
  for (let x = 0; x < w; x++) {
    const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), image.width - 1);
    const x0 = Math.floor(fx);
    x0s[x] = x0 * 3;
    x1s[x] = Math.min(x0 + 1, image.width - 1) * 3;
    fxs[x] = fx - x0;
  }
  for (let y = 0; y < h; y++) {
    const oy = y + p.dy;
    if (oy < 0 || oy >= side) continue;
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), image.height - 1);
    const y0 = Math.floor(fy);
    const wy = fy - y0;
    const r0 = y0 * sw * 3;
    const r1 = Math.min(y0 + 1, image.height - 1) * sw * 3;
    let o = (oy * side + p.dx) * 3;
    for (let x = 0; x < w; x++, o += 3) {
      if (x + p.dx < 0 || x + p.dx >= side) continue;
      const a = x0s[x]!;
      const b = x1s[x]!;
      const wx = fxs[x]!;
      for (let c = 0; c < 3; c++) {
        const top = src[r0 + a + c]! + (src[r0 + b + c]! - src[r0 + a + c]!) * wx;
        const bottom = src[r1 + a + c]! + (src[r1 + b + c]! - src[r1 + a + c]!) * wx;
        out[o + c] = top + (bottom - top) * wy;
      }
    }
  }
  return out;
}
