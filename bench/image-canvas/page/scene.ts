// The bench's data: five box classes and seeded random boxes on a 4000 × 3000 image.
import { parseOntology, px, type Ontology } from '@cadre/core';
import type { ImageObject } from '@cadre/image-canvas';

export const IMAGE = { width: 4000, height: 3000 };
export const CANVAS = { width: 1600, height: 1000 };
const CLASSES = ['car', 'truck', 'person', 'bicycle', 'sign'];

export function ontology(): Ontology {
  const parsed = parseOntology({ classes: CLASSES.map((name) => ({ name, kind: 'bbox2d' })) });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
}

/** mulberry32: small, fast and the same sequence in every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` boxes of 8–200 px a side, spread over the whole image, classes in turn. */
export function boxes(n: number, seed: number): ImageObject[] {
  const rand = prng(seed);
  const out: ImageObject[] = [];
  for (let i = 0; i < n; i++) {
    const width = 8 + rand() * 192;
    const height = 8 + rand() * 192;
    const x = rand() * (IMAGE.width - width);
    const y = rand() * (IMAGE.height - height);
    out.push({
      id: `box-${i}`, kind: 'bbox2d', label: CLASSES[i % CLASSES.length]!, attributes: {},
      geometry: { x: px(x), y: px(y), width: px(width), height: px(height) },
    } as ImageObject);
  }
  return out;
}

/** Nearest-rank percentile, as bench/stats.ts computes it. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

/** What the page leaves in `window.__bench`; times in ms, from performance.now() inside the page. */
export interface PageResult {
  ok: boolean;
  error?: string;
  boxes: number;
  first_render_ms: number;
  first_render_drawn: number;
  /** An 8000 × 6000 PNG: decode, fit and draw it once on the canvas (median of a few opens). */
  large_image_open_ms: number;
  pan_frames: number;
  pan_frame_median_ms: number;
  pan_frame_p95_ms: number;
  pan_frame_max_ms: number;
  pan_interval_p95_ms: number;
  /** The input step and the engine's draw calls alone, before the canvas rasters them. */
  pan_engine_median_ms: number;
  pan_engine_p95_ms: number;
  add_box_ms_at_1000: number;
  add_box_repeats: number;
  user_agent: string;
}
