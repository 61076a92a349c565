// Which YOLO head a model has, read from the shape of what it answers, and its raw candidates.
//   YOLOv5:       [1, N, 5 + C (+ M)]  rows of cx, cy, w, h, objectness, C class scores (M mask coefficients)
//   YOLOv8/v11:   [1, 4 + C (+ M), N]  columns of cx, cy, w, h, C class scores (M mask coefficients)
//   (v8, rows):   [1, N, 4 + C (+ M)]  the same transposed, as some exports write it
// C comes from the user's class names; M from the prototype output [1, M, H/4, W/4] of a
// segmentation head. Boxes are in model-input pixels.
import { ModelError } from '../types.ts';

export interface HeadLayout {
  /** 'v5' has an objectness column; 'v8' (v8, v11) does not. */
  kind: 'v5' | 'v8';
  /** Values of one candidate are consecutive ('rows') or one candidate is one column ('columns'). */
  order: 'rows' | 'columns';
  anchors: number;
  classes: number;
  /** Mask coefficients per candidate (0 without a segmentation head). */
  masks: number;
}

/** The layout that fits `dims` (the detection output's shape) for `classes` names and `masks` prototypes. */
export function readHead(model: string, outputName: string, dims: readonly number[], classes: number, masks: number): HeadLayout {
  const shape = `${outputName} [${dims.join(', ')}]`;
  if (dims.length !== 3 || dims[0] !== 1) {
    throw new ModelError(`${model}: ${shape} is not a YOLO detection head (expected [1, N, 5 + classes] for YOLOv5 or [1, 4 + classes, N] for YOLOv8/v11)`, 'bad_model');
  }
  const [a, b] = [dims[1]!, dims[2]!];
  const fits: HeadLayout[] = [];
  if (a === 4 + classes + masks) fits.push({ kind: 'v8', order: 'columns', anchors: b, classes, masks });
  if (b === 5 + classes + masks) fits.push({ kind: 'v5', order: 'rows', anchors: a, classes, masks });
  if (b === 4 + classes + masks) fits.push({ kind: 'v8', order: 'rows', anchors: a, classes, masks });
  // Tiny made-up shapes can fit two ways: the candidates are the longer axis in every real export.
  fits.sort((x, y) => y.anchors - x.anchors);
  if (fits[0]) return fits[0];
  const extra = masks ? ` + ${masks} mask coefficients` : '';
  const guess = a < b
    ? `reads as a YOLOv8/v11 head with ${a - 4 - masks} classes (4 box values + classes${extra}, for ${b} candidates)`
    : `reads as a YOLOv5 head with ${b - 5 - masks} classes (4 box values + objectness + classes${extra}, for ${a} candidates), or a transposed YOLOv8 head with ${b - 4 - masks}`;
  const modelClasses = a < b ? a - 4 - masks : b - 5 - masks;
  const lead = modelClasses > 0 ? `the classes file has ${classes} names but the model outputs ${modelClasses} classes: ` : '';
  throw new ModelError(`${model}: ${lead}${shape} ${guess}`, 'bad_model');
}

/** One candidate before thresholds: a box in model-input pixels, its best class and score. */
export interface Candidate {
  index: number;
  x: number;
  y: number;
  w: number;
  h: number;
  class: number;
  score: number;
}

/**
 * Every candidate scoring at least `minScore` with its best class (one class a box, as Ultralytics'
 * default NMS), and how many candidates were dropped for NaN values.
 */
export function readCandidates(data: Float32Array, head: HeadLayout, minScore: number): { candidates: Candidate[]; nan: number } {
  const n = head.anchors;
  const k = (head.kind === 'v5' ? 5 : 4) + head.classes + head.masks;
  const at = head.order === 'rows' ? (i: number, f: number) => data[i * k + f]! : (i: number, f: number) => data[f * n + i]!;
  const first = head.kind === 'v5' ? 5 : 4;
  const candidates: Candidate[] = [];
  let nan = 0;
  for (let i = 0; i < n; i++) {
    let best = -1;
    let score = -Infinity;
    let broken = false;
    for (let c = 0; c < head.classes; c++) {
      const s = at(i, first + c);
      if (Number.isNaN(s)) broken = true;
      else if (s > score) { score = s; best = c; }
    }
    const objectness = head.kind === 'v5' ? at(i, 4) : 1;
    const [cx, cy, w, h] = [at(i, 0), at(i, 1), at(i, 2), at(i, 3)];
    if (broken || [objectness, cx, cy, w, h].some(Number.isNaN)) { nan++; continue; }
    score *= objectness;
    if (best < 0 || !(score >= minScore) || !(w > 0 && h > 0)) continue;
    candidates.push({ index: i, x: cx - w / 2, y: cy - h / 2, w, h, class: best, score });
  }
  return { candidates, nan };
}

/** The mask coefficients of candidate `index`. */
export function maskCoefficients(data: Float32Array, head: HeadLayout, index: number): Float32Array {
  const n = head.anchors;
  const k = (head.kind === 'v5' ? 5 : 4) + head.classes + head.masks;
  const from = k - head.masks;
  const out = new Float32Array(head.masks);
  for (let m = 0; m < head.masks; m++) out[m] = head.order === 'rows' ? data[index * k + from + m]! : data[(from + m) * n + index]!;
  return out;
}
