// Bilinear resampling with pixel centres aligned (as OpenCV's INTER_LINEAR), the one resize both
// model inputs use: the shipped detector's square and the YOLO letterbox.
import type { RgbImage } from '../types.ts';

/**
 * Resamples `image` to w×h and hands each output row to `row(y, values)`: interleaved RGB floats
 * 0..255, w × 3 of them (the array is reused for the next row).
 */
export function resizeRows(image: RgbImage, w: number, h: number, row: (y: number, values: Float32Array) => void): void {
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
  const values = new Float32Array(w * 3);
  for (let y = 0; y < h; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), image.height - 1);
    const y0 = Math.floor(fy);
    const wy = fy - y0;
    const r0 = y0 * sw * 3;
    const r1 = Math.min(y0 + 1, image.height - 1) * sw * 3;
    for (let x = 0, o = 0; x < w; x++, o += 3) {
      const a = x0s[x]!;
      const b = x1s[x]!;
      const wx = fxs[x]!;
      for (let c = 0; c < 3; c++) {
        const top = src[r0 + a + c]! + (src[r0 + b + c]! - src[r0 + a + c]!) * wx;
        const bottom = src[r1 + a + c]! + (src[r1 + b + c]! - src[r1 + a + c]!) * wx;
        values[o + c] = top + (bottom - top) * wy;
      }
    }
    row(y, values);
  }
}
