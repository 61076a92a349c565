// Which YOLO head a model has, read from the shape of what it answers, and its raw candidates.
//   YOLOv5:       [1, N, 5 + C (+ M)]  rows of cx, cy, w, h, objectness, C class scores (M mask coefficients)
//   YOLOv8/v11:   [1, 4 + C (+ M), N]  columns of cx, cy, w, h, C class scores (M mask coefficients)
//   (v8, rows):   [1, N, 4 + C (+ M)]  the same transposed, as some exports write it
//   end to end:   [1, D, 6 (+ M)]      rows of x1, y1, x2, y2, score, class id: NMS inside the model
//                                      (YOLOv10, YOLO26, exports with nms=True), D detections at most
// C comes from the user's class names; M from the prototype output [1, M, H/4, W/4] of a
// segmentation head. Boxes are in model-input pixels. A raw head has one candidate per grid cell
// (v8: strides 8, 16, 32 and for P6 models 64; v5: three anchors a cell), which tells it from an
// end-to-end one when the numbers alone fit both (a v5 head of 1 class also has 6 values a row).
import { ModelError } from '../types.ts';

export interface HeadLayout {
  /** 'v5' has an objectness column; 'v8' (v8, v11) does not; 'e2e' answers boxes after NMS. */
  kind: 'v5' | 'v8' | 'e2e';
  /** Values of one candidate are consecutive ('rows') or one candidate is one column ('columns'). */
  order: 'rows' | 'columns';
  anchors: number;
  classes: number;
  /** Mask coefficients per candidate (0 without a segmentation head). */
  masks: number;
}

/** Values a candidate has in the output. */
export function valuesPerCandidate(head: HeadLayout): number {
  return (head.kind === 'v5' ? 5 + head.classes : head.kind === 'v8' ? 4 + head.classes : 6) + head.masks;
}

/** Candidates a raw head has for an input: one a grid cell for v8, three for v5, with or without the P6 level. */
export function rawCandidateCounts(kind: 'v5' | 'v8', width: number, height: number): number[] {
  const cells = (strides: number[]) => strides.reduce((sum, s) => sum + Math.ceil(width / s) * Math.ceil(height / s), 0);
  return [cells([8, 16, 32]), cells([8, 16, 32, 64])].map((n) => (kind === 'v5' ? 3 * n : n));
}

/** The layout that fits `dims` (the detection output's shape) for `classes` names and `masks` prototypes. */
export function readHead(model: string, outputName: string, dims: readonly number[], classes: number, masks: number, input: { width: number; height: number }): HeadLayout {
  const shape = `${outputName} [${dims.join(', ')}]`;
  if (dims.length !== 3 || dims[0] !== 1) {
    throw new ModelError(`${model}: ${shape} is not a YOLO detection head (expected [1, N, 5 + classes] for YOLOv5 or [1, 4 + classes, N] for YOLOv8/v11)`, 'bad_model');
  }
  const [a, b] = [dims[1]!, dims[2]!];
  const fits: HeadLayout[] = [];
  if (a === 4 + classes + masks) fits.push({ kind: 'v8', order: 'columns', anchors: b, classes, masks });
  if (b === 5 + classes + masks) fits.push({ kind: 'v5', order: 'rows', anchors: a, classes, masks });
  if (b === 4 + classes + masks) fits.push({ kind: 'v8', order: 'rows', anchors: a, classes, masks });
  if (b === 6 + masks) fits.push({ kind: 'e2e', order: 'rows', anchors: a, classes, masks });
  // When a shape fits several readings: a raw head whose candidates match the input's grid first,
  // then an end-to-end head, then the reading with the candidates on the longer axis.
  const rank = (h: HeadLayout) => (h.kind === 'e2e' ? 1 : rawCandidateCounts(h.kind, input.width, input.height).includes(h.anchors) ? 2 : 0);
  fits.sort((x, y) => rank(y) - rank(x) || y.anchors - x.anchors);
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
  const k = valuesPerCandidate(head);
  const at = head.order === 'rows' ? (i: number, f: number) => data[i * k + f]! : (i: number, f: number) => data[f * n + i]!;
  if (head.kind === 'e2e') return readEndToEnd(at, head, minScore);
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

/** Rows of x1, y1, x2, y2, score, class id; a class id outside the classes is the model's error. */
function readEndToEnd(at: (i: number, f: number) => number, head: HeadLayout, minScore: number): { candidates: Candidate[]; nan: number } {
  const candidates: Candidate[] = [];
  let nan = 0;
  for (let i = 0; i < head.anchors; i++) {
    const [x1, y1, x2, y2, score, id] = [0, 1, 2, 3, 4, 5].map((f) => at(i, f)) as [number, number, number, number, number, number];
    if ([x1, y1, x2, y2, score, id].some(Number.isNaN)) { nan++; continue; }
    if (!(score >= minScore) || !(x2 > x1 && y2 > y1)) continue;
    const cls = Math.round(id);
    if (cls < 0 || cls >= head.classes) {
      throw new ModelError(`the model answered class ${id} but the classes file has ${head.classes} names (0..${head.classes - 1})`, 'bad_response');
    }
    candidates.push({ index: i, x: x1, y: y1, w: x2 - x1, h: y2 - y1, class: cls, score });
  }
  return { candidates, nan };
}

/** The mask coefficients of candidate `index`. */
export function maskCoefficients(data: Float32Array, head: HeadLayout, index: number): Float32Array {
  const n = head.anchors;
  const k = valuesPerCandidate(head);
  const from = k - head.masks;
  const out = new Float32Array(head.masks);
  for (let m = 0; m < head.masks; m++) out[m] = head.order === 'rows' ? data[index * k + from + m]! : data[(from + m) * n + index]!;
  return out;
}
