/** Label Studio's rectangle result, the shape predictions are stored in (`PredictionInput.result`). */
export interface RectangleResult {
  id: string;
  type: 'rectanglelabels';
  from_name: string;
  to_name: string;
  original_width: number;
  original_height: number;
  image_rotation: 0;
  /** Percent of the image (0–100); (x, y) is the top-left corner. */
  value: { x: number; y: number; width: number; height: number; rotation: 0; rectanglelabels: [string] };
  score?: number;
}

export interface ImageSize { width: number; height: number }

/** A box in image pixels as a rectangle result in percent of the image. */
export function rectangle(id: string, label: string, box: { x: number; y: number; width: number; height: number }, size: ImageSize, score: number | null): RectangleResult {
  const pct = (v: number, of: number) => (v / of) * 100;
  const r: RectangleResult = {
    id, type: 'rectanglelabels', from_name: 'label', to_name: 'image',
    original_width: size.width, original_height: size.height, image_rotation: 0,
    value: {
      x: pct(box.x, size.width), y: pct(box.y, size.height), width: pct(box.width, size.width), height: pct(box.height, size.height),
      rotation: 0, rectanglelabels: [label],
    },
  };
  if (score !== null) r.score = score;
  return r;
}

/** The prediction's own score: the mean of its boxes' scores, or null when none has one. */
export function meanScore(results: RectangleResult[]): number | null {
  const scores = results.flatMap((r) => (r.score === undefined ? [] : [r.score]));
  return scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length;
}
