// YOLO input as Ultralytics feeds it: the image scaled to fit the model's input keeping its aspect
// ratio (bilinear, pixel centres aligned as OpenCV's INTER_LINEAR), centred on grey 114, as float32
// CHW RGB in 0..1. And the way back: model-input pixels to the original image's pixels, as
// Ultralytics' scale_boxes does it (subtract the padding, divide by the gain, clamp to the image).
import type { RgbImage } from '../types.ts';
import { resizeRows } from './resize.ts';

export const LETTERBOX_GREY = 114;

/** Where the image lies in the model's input. */
export interface Letterbox {
  /** Model input size. */
  inputWidth: number;
  inputHeight: number;
  /** Original image size. */
  width: number;
  height: number;
  /** Model pixels per image pixel. */
  gain: number;
  /** The image's top-left corner in the model's input. */
  padX: number;
  padY: number;
  /** The scaled image's size in the model's input. */
  scaledWidth: number;
  scaledHeight: number;
}

export function letterboxPlacement(width: number, height: number, inputWidth: number, inputHeight = inputWidth): Letterbox {
  const gain = Math.min(inputWidth / width, inputHeight / height);
  const scaledWidth = Math.max(1, Math.round(width * gain));
  const scaledHeight = Math.max(1, Math.round(height * gain));
  // Ultralytics: left = round(dw - 0.1) with dw = (inputWidth - scaledWidth) / 2, i.e. the smaller half.
  const padX = Math.floor((inputWidth - scaledWidth) / 2);
  const padY = Math.floor((inputHeight - scaledHeight) / 2);
  return { inputWidth, inputHeight, width, height, gain, padX, padY, scaledWidth, scaledHeight };
}

/** The letterboxed input: float32, [3, inputHeight, inputWidth], RGB planes, values / 255. */
export function letterbox(image: RgbImage, inputWidth: number, inputHeight = inputWidth): { data: Float32Array; placement: Letterbox } {
  const p = letterboxPlacement(image.width, image.height, inputWidth, inputHeight);
  const plane = inputWidth * inputHeight;
  const out = new Float32Array(3 * plane).fill(LETTERBOX_GREY / 255);
  resizeRows(image, p.scaledWidth, p.scaledHeight, (y, values) => {
    const o = (y + p.padY) * inputWidth + p.padX;
    for (let x = 0; x < p.scaledWidth; x++) {
      for (let c = 0; c < 3; c++) out[c * plane + o + x] = values[x * 3 + c]! / 255;
    }
  });
  return { data: out, placement: p };
}

/** A point in model-input pixels to original-image pixels, clamped to the image. */
export function toImagePoint(p: Letterbox, x: number, y: number): [number, number] {
  return [clamp((x - p.padX) / p.gain, p.width), clamp((y - p.padY) / p.gain, p.height)];
}

/** A box (left, top, width, height) in model-input pixels to original-image pixels, clamped to the image. */
export function toImageBox(p: Letterbox, b: { x: number; y: number; w: number; h: number }): { x: number; y: number; w: number; h: number } {
  const [x1, y1] = toImagePoint(p, b.x, b.y);
  const [x2, y2] = toImagePoint(p, b.x + b.w, b.y + b.h);
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
}

const clamp = (v: number, max: number): number => Math.min(Math.max(v, 0), max);
