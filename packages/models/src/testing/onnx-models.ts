// Small real ONNX files whose outputs have the shapes of real YOLO heads, for end-to-end tests of
// user-supplied models without downloading one. Each graph takes `images` like an Ultralytics export
// ([1, 3, side, side], or dynamic) and answers constants that the tests chose, plus a zero-weighted
// mean of the whole input so the image really flows through the graph (ReduceMean → Mul 0 → Add).
// Boxes are given in model-input pixels (the letterboxed square), as the heads answer them.
import { writeFile } from 'node:fs/promises';
import onnxProto from 'onnx-proto';
import { letterboxPlacement } from '../image/letterbox.ts';

const { onnx } = onnxProto;

/** One object the test model will report, in model-input pixels (centre and size). */
export interface TestObject {
  cx: number;
  cy: number;
  w: number;
  h: number;
  /** Index into the classes. */
  class: number;
  /** The class score (0..1); other classes score 0. */
  score: number;
  /** YOLOv5 only: objectness (default 1). The proposal's score is objectness × class score. */
  objectness?: number;
  /**
   * Segmentation only: the object's outline in model-input pixels (x0, y0, x1, y1, …), or 'ellipse'
   * (inscribed in the box; the default) or 'box'.
   */
  mask?: 'ellipse' | 'box' | number[];
}

export interface TestModelOptions {
  /** How many classes the head has. */
  classes: number;
  objects: TestObject[];
  /**
   * Candidates (rows) in the output; those after the objects score 0. Default: as a real export of
   * that input size has (8400 for v8 and 25200 for v5 at 640; 300 for an end-to-end head).
   */
  anchors?: number;
  /** Square input side (default 640). */
  inputSize?: number;
  /** Input declared [batch, 3, height, width] with named (dynamic) dimensions, as `dynamic=True` exports. */
  dynamic?: boolean;
  /** Rows (after the objects) whose values are all NaN: a broken export. */
  nanRows?: number;
  /** The input's declared shape, overriding the above (a wrong shape, for error tests); -1 is a named dimension. */
  inputDims?: number[];
}

/** YOLOv5-style head: `output0` [1, N, 5 + C] rows of cx, cy, w, h, objectness, class scores. */
export function yoloV5Onnx(o: TestModelOptions): Uint8Array {
  const { n, k } = { n: anchorCount(o, 'v5'), k: 5 + o.classes };
  const out = new Float32Array(n * k);
  o.objects.forEach((b, i) => {
    checkClass(b, o.classes);
    out.set([b.cx, b.cy, b.w, b.h, b.objectness ?? 1], i * k);
    out[i * k + 5 + b.class] = b.score;
  });
  fillNan(o, (row) => out.fill(NaN, row * k, row * k + k));
  return model(o, [{ name: 'output0', dims: [1, n, k], data: out }]);
}

/** YOLOv8/v11-style head: `output0` [1, 4 + C, N], columns of cx, cy, w, h, class scores (no objectness). */
export function yoloV8Onnx(o: TestModelOptions): Uint8Array {
  return model(o, [{ name: 'output0', dims: [1, 4 + o.classes, anchorCount(o, 'v8')], data: v8Columns(o, 0) }]);
}

/**
 * End-to-end head (YOLOv10, YOLO26, `nms=True` exports): `output0` [1, D, 6], rows of x1, y1, x2, y2,
 * score, class id, NMS done inside the model. Objects are still given by centre and size.
 */
export function yoloEndToEndOnnx(o: TestModelOptions): Uint8Array {
  const n = anchorCount(o, 'e2e');
  const out = new Float32Array(n * 6);
  o.objects.forEach((b, i) => {
    checkClass(b, o.classes);
    out.set([b.cx - b.w / 2, b.cy - b.h / 2, b.cx + b.w / 2, b.cy + b.h / 2, b.score, b.class], i * 6);
  });
  fillNan(o, (row) => out.fill(NaN, row * 6, row * 6 + 6));
  return model(o, [{ name: 'output0', dims: [1, n, 6], data: out }]);
}

/** Side of the prototype masks of a v8-seg head: a quarter of the input. */
export const protoSide = (inputSize: number): number => Math.ceil(inputSize / 4);

/**
 * YOLOv8-seg-style head: `output0` [1, 4 + C + 32, N] (box, class scores, 32 mask coefficients) and
 * `output1` [1, 32, side/4, side/4] prototypes. Object i (at most 32) uses prototype i alone, whose
 * value is the signed distance (in prototype pixels) to the object's outline, positive inside.
 */
export function yoloV8SegOnnx(o: TestModelOptions): Uint8Array {
  if (o.objects.length > 32) throw new Error('a test segmentation model holds at most 32 objects');
  const side = o.inputSize ?? 640;
  const p = protoSide(side);
  const protos = new Float32Array(32 * p * p);
  o.objects.forEach((b, i) => {
    const outline = outlineOf(b).map((v) => v * (p / side));
    for (let y = 0; y < p; y++) {
      for (let x = 0; x < p; x++) protos[(i * p + y) * p + x] = Math.max(-8, Math.min(8, signedDistance(outline, x + 0.5, y + 0.5)));
    }
  });
  return model(o, [
    { name: 'output0', dims: [1, 4 + o.classes + 32, anchorCount(o, 'v8')], data: v8Columns(o, 32) },
    { name: 'output1', dims: [1, 32, p, p], data: protos },
  ]);
}

/**
 * A test object placed by where it should come out in an image of `image` size (left, top, width,
 * height in image pixels): converted through the letterbox into the model's input of `inputSize`.
 * The detector answers this box back (to float precision) for an image of that size.
 */
export function objectInImage(
  box: { x: number; y: number; w: number; h: number },
  image: { width: number; height: number },
  cls: number,
  score: number,
  inputSize = 640,
  extra: Partial<TestObject> = {},
): TestObject {
  const p = letterboxPlacement(image.width, image.height, inputSize);
  return { cx: (box.x + box.w / 2) * p.gain + p.padX, cy: (box.y + box.h / 2) * p.gain + p.padY, w: box.w * p.gain, h: box.h * p.gain, class: cls, score, ...extra };
}

/** Writes the bytes to `file` and answers the path. */
export async function writeOnnx(file: string, bytes: Uint8Array): Promise<string> {
  await writeFile(file, bytes);
  return file;
}

/** The outline a segmentation test object is drawn from, in model-input pixels. */
export function outlineOf(b: TestObject): number[] {
  if (Array.isArray(b.mask)) return b.mask;
  const [l, t, r, btm] = [b.cx - b.w / 2, b.cy - b.h / 2, b.cx + b.w / 2, b.cy + b.h / 2];
  if (b.mask === 'box') return [l, t, r, t, r, btm, l, btm];
  const pts: number[] = [];
  for (let i = 0; i < 64; i++) {
    const a = (2 * Math.PI * i) / 64;
    pts.push(b.cx + (b.w / 2) * Math.cos(a), b.cy + (b.h / 2) * Math.sin(a));
  }
  return pts;
}

function v8Columns(o: TestModelOptions, extra: number): Float32Array {
  const n = anchorCount(o, 'v8');
  const k = 4 + o.classes + extra;
  const out = new Float32Array(k * n);
  o.objects.forEach((b, i) => {
    checkClass(b, o.classes);
    [b.cx, b.cy, b.w, b.h].forEach((v, c) => { out[c * n + i] = v; });
    out[(4 + b.class) * n + i] = b.score;
    if (extra) out[(4 + o.classes + i) * n + i] = 1; // coefficient i picks prototype i
  });
  fillNan(o, (row) => { for (let c = 0; c < k; c++) out[c * n + row] = NaN; });
  return out;
}

function anchorCount(o: TestModelOptions, kind: 'v5' | 'v8' | 'e2e'): number {
  const side = o.inputSize ?? 640;
  const cells = [8, 16, 32].reduce((sum, s) => sum + Math.ceil(side / s) ** 2, 0);
  const n = o.anchors ?? (kind === 'e2e' ? 300 : kind === 'v5' ? 3 * cells : cells);
  if (n < o.objects.length + (o.nanRows ?? 0)) throw new Error(`anchors (${n}) must hold the objects and NaN rows`);
  return n;
}

function fillNan(o: TestModelOptions, fill: (row: number) => void): void {
  for (let r = 0; r < (o.nanRows ?? 0); r++) fill(o.objects.length + r);
}

function checkClass(b: TestObject, classes: number): void {
  if (!Number.isInteger(b.class) || b.class < 0 || b.class >= classes) throw new Error(`class ${b.class} is not one of the ${classes} classes`);
}

/** Distance from (x, y) to the polygon's edges, positive inside (even-odd rule). */
function signedDistance(poly: number[], x: number, y: number): number {
  let best = Infinity;
  let inside = false;
  const n = poly.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const [xi, yi, xj, yj] = [poly[2 * i]!, poly[2 * i + 1]!, poly[2 * j]!, poly[2 * j + 1]!];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    const dx = xj - xi;
    const dy = yj - yi;
    const t = Math.max(0, Math.min(1, ((x - xi) * dx + (y - yi) * dy) / (dx * dx + dy * dy || 1)));
    best = Math.min(best, Math.hypot(x - (xi + t * dx), y - (yi + t * dy)));
  }
  return inside ? best : -best;
}

interface Output { name: string; dims: number[]; data: Float32Array }

const FLOAT = 1;

function model(o: TestModelOptions, outputs: Output[]): Uint8Array {
  const side = o.inputSize ?? 640;
  const inputDims = o.inputDims
    ? o.inputDims.map((d, i) => (d < 0 ? { dimParam: `d${i}` } : { dimValue: d }))
    : o.dynamic
      ? [{ dimParam: 'batch' }, { dimValue: 3 }, { dimParam: 'height' }, { dimParam: 'width' }]
      : [{ dimValue: 1 }, { dimValue: 3 }, { dimValue: side }, { dimValue: side }];
  const nodes = [
    { opType: 'ReduceMean', input: ['images'], output: ['mean'], attribute: [{ name: 'keepdims', type: 2, i: 0 }] }, // every axis: a scalar
    { opType: 'Mul', input: ['mean', 'zero'], output: ['nothing'] },
    ...outputs.map((out) => ({ opType: 'Add', input: [`${out.name}_const`, 'nothing'], output: [out.name] })),
  ];
  const initializer = [
    tensor('zero', [1], new Float32Array([0])),
    ...outputs.map((out) => tensor(`${out.name}_const`, out.dims, out.data)),
  ];
  const graph = {
    name: 'cadre_test_yolo',
    node: nodes,
    initializer,
    input: [{ name: 'images', type: { tensorType: { elemType: FLOAT, shape: { dim: inputDims } } } }],
    output: outputs.map((out) => ({
      name: out.name,
      type: { tensorType: { elemType: FLOAT, shape: { dim: out.dims.map((d, i) => (o.dynamic && i === 0 ? { dimParam: 'batch' } : { dimValue: d })) } } },
    })),
  };
  const proto = onnx.ModelProto.create({ irVersion: 7, producerName: 'cadre-test', opsetImport: [{ domain: '', version: 13 }], graph });
  return onnx.ModelProto.encode(proto).finish();
}

function tensor(name: string, dims: number[], data: Float32Array) {
  return { name, dims, dataType: FLOAT, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}
