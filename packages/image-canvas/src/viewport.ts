import { canvasPx, px, type Bounds2d, type CanvasPx, type ImagePx } from '@cadre/core';

export interface ImagePoint {
  x: ImagePx;
  y: ImagePx;
}
export interface CanvasPoint {
  x: CanvasPx;
  y: CanvasPx;
}
/** What shape tracers need; plain numbers so the draw loop allocates nothing. */
export interface ViewTransform {
  readonly scale: number;
  readonly offsetX: number;
  readonly offsetY: number;
}

// Past these, coordinates lose sub-pixel precision or a box shrinks to nothing on screen.
const MIN_SCALE = 1 / 64;
const MAX_SCALE = 256;

/** Maps image pixels to canvas pixels: canvas = image * scale + offset. */
export class Viewport implements ViewTransform {
  scale = 1;
  offsetX = 0;
  offsetY = 0;
  canvasWidth: number;
  canvasHeight: number;

  constructor(canvasWidth = 0, canvasHeight = 0) {
    this.canvasWidth = canvasWidth;
    this.canvasHeight = canvasHeight;
  }

  imageX(canvasX: number): ImagePx {
    return px((canvasX - this.offsetX) / this.scale);
  }
  imageY(canvasY: number): ImagePx {
    return px((canvasY - this.offsetY) / this.scale);
  }
  canvasX(imageX: number): CanvasPx {
    return canvasPx(imageX * this.scale + this.offsetX);
  }
  canvasY(imageY: number): CanvasPx {
    return canvasPx(imageY * this.scale + this.offsetY);
  }
  toImage(p: { x: number; y: number }): ImagePoint {
    return { x: this.imageX(p.x), y: this.imageY(p.y) };
  }
  toCanvas(p: { x: number; y: number }): CanvasPoint {
    return { x: this.canvasX(p.x), y: this.canvasY(p.y) };
  }

  /** Scales by `factor` about a canvas point, so the image pixel under the cursor stays under it. */
  zoomAt(at: { x: number; y: number }, factor: number): void {
    const next = Math.min(MAX_SCALE, Math.max(MIN_SCALE, this.scale * factor));
    const ix = this.imageX(at.x);
    const iy = this.imageY(at.y);
    this.scale = next;
    this.offsetX = at.x - ix * next;
    this.offsetY = at.y - iy * next;
  }

  panBy(dx: number, dy: number): void {
    this.offsetX += dx;
    this.offsetY += dy;
  }

  resize(canvasWidth: number, canvasHeight: number): void {
    this.canvasWidth = canvasWidth;
    this.canvasHeight = canvasHeight;
  }

  /** Centres the whole image in the canvas, leaving `margin` canvas pixels on the tighter side. */
  fit(imageW: number, imageH: number, canvasW = this.canvasWidth, canvasH = this.canvasHeight, margin = 0): void {
    this.resize(canvasW, canvasH);
    const availW = Math.max(1, canvasW - 2 * margin);
    const availH = Math.max(1, canvasH - 2 * margin);
    this.scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, Math.min(availW / imageW, availH / imageH)));
    this.offsetX = (canvasW - imageW * this.scale) / 2;
    this.offsetY = (canvasH - imageH * this.scale) / 2;
  }

  /** The part of the image plane the canvas shows, in image pixels (may extend past the image). */
  visibleRect(out: Bounds2d = { minX: 0, minY: 0, maxX: 0, maxY: 0 }): Bounds2d {
    out.minX = this.imageX(0);
    out.minY = this.imageY(0);
    out.maxX = this.imageX(this.canvasWidth);
    out.maxY = this.imageY(this.canvasHeight);
    return out;
  }
}
