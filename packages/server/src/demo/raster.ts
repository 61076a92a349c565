/** An RGB picture the street scenes are painted into: flat fills only, no anti-aliasing. */
export type Rgb = readonly [number, number, number];

export class Raster {
  readonly pixels: Uint8Array;

  constructor(readonly width: number, readonly height: number) {
    this.pixels = new Uint8Array(width * height * 3);
  }

  /** Fills the pixels x0 ≤ x < x1 of row y. */
  span(y: number, x0: number, x1: number, c: Rgb): void {
    if (y < 0 || y >= this.height) return;
    const from = Math.max(0, Math.round(x0));
    const to = Math.min(this.width, Math.round(x1));
    if (to <= from) return;
    const start = (y * this.width + from) * 3, end = (y * this.width + to) * 3;
    this.pixels[start] = c[0]; this.pixels[start + 1] = c[1]; this.pixels[start + 2] = c[2];
    // Doubling copies: a wide span costs a handful of memmoves instead of a loop over its pixels.
    for (let filled = 3; filled < end - start; filled *= 2) this.pixels.copyWithin(start + filled, start, Math.min(start + filled, end - filled));
  }

  rect(x0: number, y0: number, x1: number, y1: number, c: Rgb): void {
    for (let y = Math.max(0, Math.round(y0)); y < Math.min(this.height, Math.round(y1)); y++) this.span(y, x0, x1, c);
  }

  circle(cx: number, cy: number, r: number, c: Rgb): void {
    for (let y = Math.floor(cy - r); y <= Math.ceil(cy + r); y++) {
      const dy = y + 0.5 - cy;
      if (dy * dy > r * r) continue;
      const dx = Math.sqrt(r * r - dy * dy);
      this.span(y, cx - dx, cx + dx, c);
    }
  }

  /** A convex polygon (the road, sign plates), filled row by row. */
  polygon(points: readonly (readonly [number, number])[], c: Rgb): void {
    const ys = points.map((p) => p[1]);
    for (let y = Math.max(0, Math.floor(Math.min(...ys))); y <= Math.min(this.height - 1, Math.ceil(Math.max(...ys))); y++) {
      const row = y + 0.5;
      let lo = Infinity, hi = -Infinity;
      points.forEach((a, i) => {
        const b = points[(i + 1) % points.length]!;
        if ((a[1] <= row && b[1] > row) || (b[1] <= row && a[1] > row)) {
          const x = a[0] + ((row - a[1]) / (b[1] - a[1])) * (b[0] - a[0]);
          lo = Math.min(lo, x); hi = Math.max(hi, x);
        }
      });
      if (lo < hi) this.span(y, lo, hi, c);
    }
  }
}
