import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ModelError } from '../types.ts';
import { readCandidates, readHead } from './head.ts';

test('the output shapes of real exports are read as their heads', () => {
  const shape = (dims: number[], classes: number, masks = 0) => {
    const h = readHead('m', 'output0', dims, classes, masks, { width: 640, height: 640 });
    return [h.kind, h.order, h.anchors, h.classes, h.masks];
  };
  assert.deepEqual(shape([1, 84, 8400], 80), ['v8', 'columns', 8400, 80, 0], 'yolov8n.onnx / yolo11n.onnx');
  assert.deepEqual(shape([1, 25200, 85], 80), ['v5', 'rows', 25200, 80, 0], 'yolov5s.onnx');
  assert.deepEqual(shape([1, 8400, 84], 80), ['v8', 'rows', 8400, 80, 0], 'a v8 export transposed');
  assert.deepEqual(shape([1, 116, 8400], 80, 32), ['v8', 'columns', 8400, 80, 32], 'yolov8n-seg.onnx with output1 [1, 32, 160, 160]');
  assert.deepEqual(shape([1, 25200, 117], 80, 32), ['v5', 'rows', 25200, 80, 32], 'yolov5s-seg.onnx');
  assert.deepEqual(shape([1, 5, 8400], 1), ['v8', 'columns', 8400, 1, 0], 'one class');
  assert.deepEqual(shape([1, 300, 6], 80), ['e2e', 'rows', 300, 80, 0], 'yolov10n.onnx / yolo26n.onnx (NMS inside)');
  assert.deepEqual(shape([1, 300, 38], 80, 32), ['e2e', 'rows', 300, 80, 32], 'yolo26n-seg.onnx');
  // Six values a row fit an end-to-end head, a v5 head of one class and a transposed v8 head of two:
  // the candidate count for the input tells them apart.
  assert.deepEqual(shape([1, 300, 6], 1), ['e2e', 'rows', 300, 1, 0]);
  assert.deepEqual(shape([1, 25200, 6], 1), ['v5', 'rows', 25200, 1, 0]);
  assert.deepEqual(shape([1, 8400, 6], 2), ['v8', 'rows', 8400, 2, 0]);
  assert.deepEqual(shape([1, 8500, 6], 2), ['v8', 'rows', 8500, 2, 0], 'a P6 model: strides 8 to 64');
});

const SQUARE = { width: 640, height: 640 };

test('a head that fits no reading is refused naming the shape and the class counts', () => {
  assert.throws(() => readHead('m', 'output0', [1, 84, 8400], 3, 0, SQUARE), (e: ModelError) => e.code === 'bad_model' && /3 names but the model outputs 80 classes/.test(e.message));
  assert.throws(() => readHead('m', 'output0', [1, 25200, 85], 79, 0, SQUARE), /79 names but the model outputs 80 classes.*YOLOv5.*transposed YOLOv8 head with 81/);
  assert.throws(() => readHead('m', 'boxes', [1, 100, 4], 80, 0, SQUARE), /boxes \[1, 100, 4\]/);
  assert.throws(() => readHead('m', 'output0', [84, 8400], 80, 0, SQUARE), /not a YOLO detection head/);
});

test('candidates: best class per box, objectness multiplies (v5), low scores and NaN rows are left out', () => {
  // v5 rows: cx, cy, w, h, obj, c0, c1
  const data = new Float32Array([
    10, 20, 4, 6, 0.5, 0.2, 0.9,
    50, 50, 10, 10, 0.9, 0.1, 0.1,
    NaN, 1, 1, 1, 1, 1, 1,
  ]);
  const { candidates, nan } = readCandidates(data, { kind: 'v5', order: 'rows', anchors: 3, classes: 2, masks: 0 }, 0.25);
  assert.equal(nan, 1);
  assert.deepEqual(candidates.map((c) => [c.index, c.class, Math.round(c.score * 100) / 100, c.x, c.y, c.w, c.h]), [[0, 1, 0.45, 8, 17, 4, 6]]);
});

test('end-to-end rows: corners to boxes; a class id past the classes is the model\'s error', () => {
  const head = { kind: 'e2e', order: 'rows', anchors: 2, classes: 2, masks: 0 } as const;
  const { candidates } = readCandidates(new Float32Array([10, 20, 30, 60, 0.8, 1, 0, 0, 5, 5, 0.1, 0]), head, 0.25);
  assert.deepEqual(candidates.map((c) => [c.class, c.x, c.y, c.w, c.h]), [[1, 10, 20, 20, 40]]);
  assert.throws(() => readCandidates(new Float32Array([10, 20, 30, 60, 0.8, 7, 0, 0, 0, 0, 0, 0]), head, 0.25), /class 7 but the classes file has 2 names/);
});
