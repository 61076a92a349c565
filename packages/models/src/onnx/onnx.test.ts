// End to end through onnxruntime: small real ONNX files with YOLO-shaped heads (../testing), opened as
// a user's model, on a non-square image so the letterbox is undone on the way back.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SHARED_DATA, needsSharedData } from '@cadre/core/testing';
import { decodeImage } from '../image/decode.ts';
import { openDetector } from '../open.ts';
import { objectInImage, yoloEndToEndOnnx, yoloV5Onnx, yoloV8Onnx, yoloV8SegOnnx, writeOnnx, type TestObject } from '../testing/onnx-models.ts';
import { ModelError, type RgbImage } from '../types.ts';
import { openOnnxDetector } from './index.ts';

let dir: string;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'cadre-onnx-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

/** 1000×500: into 640 the gain is 0.64 and 160 grey rows lie above the image. */
const WIDE: RgbImage = { width: 1000, height: 500, data: new Uint8Array(1000 * 500 * 3).fill(90) };
const wide = { name: 'wide.png', decoded: WIDE };

/** An object at image pixels (left, top, width, height), as the 640 model sees it. */
function at640(x: number, y: number, w: number, h: number, cls: number, score: number): TestObject {
  const o = { cx: (x + w / 2) * 0.64, cy: (y + h / 2) * 0.64 + 160, w: w * 0.64, h: h * 0.64, class: cls, score };
  assert.deepEqual(objectInImage({ x, y, w, h }, WIDE, cls, score), o, 'the builders place objects by image pixels the same way');
  return o;
}

const round = (b: { x: number; y: number; w: number; h: number }) => [b.x, b.y, b.w, b.h].map((v) => Math.round(v * 100) / 100);

async function errorOf(p: Promise<unknown>): Promise<ModelError> {
  try { await p; } catch (e) { assert.ok(e instanceof ModelError, `a ModelError, not ${String(e)}`); return e; }
  assert.fail('expected an error');
}

test('a YOLOv8 head [1, 4+C, N]: boxes back in image pixels, per-class thresholds, NMS within a class only', async () => {
  const file = await writeOnnx(join(dir, 'shop-v8.onnx'), yoloV8Onnx({
    classes: 3,
    objects: [
      at640(400, 200, 200, 100, 0, 0.9), // cat
      at640(405, 205, 200, 100, 0, 0.8), // the same cat again: suppressed
      at640(400, 200, 200, 100, 1, 0.7), // a dog in the same place: another class, kept
      at640(50, 300, 100, 100, 2, 0.4), // a bird under its class's threshold
      at640(900, -50, 200, 150, 1, 0.6), // reaching into the grey band and past the right edge: clamped
    ],
  }));
  const detector = await openOnnxDetector({ type: 'onnx', file, classes: ['cat', 'dog', 'bird'], classMinScore: { bird: 0.5 } });
  try {
    assert.equal(detector.info.name, 'shop-v8');
    assert.equal(detector.info.version, (await import('node:crypto')).createHash('sha256').update(await readFile(file)).digest('hex').slice(0, 12));
    assert.deepEqual(detector.info.classes, ['cat', 'dog', 'bird']);
    assert.deepEqual([detector.head.kind, detector.head.order, detector.inputWidth], ['v8', 'columns', 640]);
    const { proposals, machineMs } = await detector.detect(wide);
    assert.deepEqual(proposals.map((p) => [p.class, Math.round(p.score * 100) / 100, ...round(p)]), [
      ['cat', 0.9, 400, 200, 200, 100],
      ['dog', 0.7, 400, 200, 200, 100],
      ['dog', 0.6, 900, 0, 100, 100],
    ]);
    assert.ok(machineMs > 0);
  } finally {
    await detector.close();
  }
  const lenient = await openDetector({ type: 'onnx', file, classes: ['cat', 'dog', 'bird'], minScore: 0.3 });
  try {
    assert.deepEqual((await lenient.detect(wide)).proposals.map((p) => p.class), ['cat', 'dog', 'dog', 'bird'], 'the bird passes a lower threshold');
  } finally {
    await lenient.close();
  }
});

test('a YOLOv5 head [1, N, 5+C] with a dynamic input: objectness × class score, at the size asked', async () => {
  // At 320 the 1000×500 image has gain 0.32 and 80 grey rows above it.
  const obj = (x: number, y: number, w: number, h: number, cls: number, score: number, objectness: number): TestObject =>
    ({ cx: (x + w / 2) * 0.32, cy: (y + h / 2) * 0.32 + 80, w: w * 0.32, h: h * 0.32, class: cls, score, objectness });
  const file = await writeOnnx(join(dir, 'v5.onnx'), yoloV5Onnx({
    classes: 2, dynamic: true, inputSize: 320,
    objects: [obj(100, 100, 300, 200, 1, 0.8, 0.5), obj(600, 50, 100, 100, 0, 0.5, 0.4)],
  }));
  const detector = await openOnnxDetector({ type: 'onnx', file, classes: ['car', 'bus'], inputSize: 320 });
  try {
    assert.deepEqual([detector.head.kind, detector.inputWidth, detector.inputHeight], ['v5', 320, 320]);
    const { proposals } = await detector.detect(wide);
    assert.deepEqual(proposals.map((p) => [p.class, Math.round(p.score * 100) / 100, ...round(p)]), [['bus', 0.4, 100, 100, 300, 200]], 'the car scores 0.4 × 0.5 = 0.2, under 0.25');
  } finally {
    await detector.close();
  }
});

test('an end-to-end head [1, 300, 6] (NMS inside, as YOLOv10 and YOLO26 export): corners read, boxes back in image pixels', async () => {
  const file = await writeOnnx(join(dir, 'e2e.onnx'), yoloEndToEndOnnx({
    classes: 1, objects: [at640(400, 200, 200, 100, 0, 0.9), at640(10, 10, 50, 40, 0, 0.2)],
  }));
  const detector = await openOnnxDetector({ type: 'onnx', file, classes: ['person'] });
  try {
    assert.deepEqual([detector.head.kind, detector.head.anchors], ['e2e', 300], 'six values a row and 300 rows: not a one-class YOLOv5 head');
    assert.deepEqual((await detector.detect(wide)).proposals.map((p) => [p.class, ...round(p)]), [['person', 400, 200, 200, 100]]);
  } finally {
    await detector.close();
  }
});

test('a model exported at a fixed rectangle ([1, 3, 384, 640]) gets the image letterboxed into that rectangle', async () => {
  // 1000×500 into 640×384: gain 0.64, the image 640×320, 32 grey rows above it.
  const file = await writeOnnx(join(dir, 'rect.onnx'), yoloV8Onnx({ classes: 1, inputDims: [1, 3, 384, 640], anchors: 5040, objects: [{ cx: 320, cy: 250 * 0.64 + 32, w: 128, h: 64, class: 0, score: 0.9 }] }));
  const detector = await openOnnxDetector({ type: 'onnx', file, classes: ['cat'] });
  try {
    assert.deepEqual([detector.inputWidth, detector.inputHeight], [640, 384]);
    assert.deepEqual((await detector.detect(wide)).proposals.map(round), [[400, 200, 200, 100]]);
  } finally {
    await detector.close();
  }
});

test('a classes file that does not fit the head is refused when the model is opened, naming both counts', async () => {
  const file = await writeOnnx(join(dir, 'coco-v8.onnx'), yoloV8Onnx({ classes: 80, objects: [], anchors: 8400 }));
  const e = await errorOf(openOnnxDetector({ type: 'onnx', file, classes: ['a', 'b', 'c'] }));
  assert.equal(e.code, 'bad_model');
  assert.match(e.message, /classes file has 3 names but the model outputs 80 classes/);
  assert.match(e.message, /output0 \[1, 84, 8400\]/);
  const v5 = await writeOnnx(join(dir, 'coco-v5.onnx'), yoloV5Onnx({ classes: 80, objects: [], anchors: 100 }));
  assert.match((await errorOf(openOnnxDetector({ type: 'onnx', file: v5, classes: ['a', 'b', 'c'] }))).message, /3 names but the model outputs 80 classes.*YOLOv5/);
});

test('files that are not a YOLO model get errors that say what is wrong', async () => {
  const good = yoloV8Onnx({ classes: 2, objects: [] });
  const cut = join(dir, 'cut.onnx');
  await writeFile(cut, good.subarray(0, Math.floor(good.length / 2)));
  const truncated = await errorOf(openOnnxDetector({ type: 'onnx', file: cut, classes: ['a', 'b'] }));
  assert.equal(truncated.code, 'bad_model');
  assert.match(truncated.message, /cut\.onnx is not an ONNX model/);

  const text = join(dir, 'notes.onnx');
  await writeFile(text, 'cat\ndog\n');
  assert.match((await errorOf(openOnnxDetector({ type: 'onnx', file: text, classes: ['a'] }))).message, /notes\.onnx is not an ONNX model/);
  assert.match((await errorOf(openOnnxDetector({ type: 'onnx', file: join(dir, 'nowhere.onnx'), classes: ['a'] }))).message, /nowhere\.onnx not found/);

  const rank3 = await writeOnnx(join(dir, 'rank3.onnx'), yoloV8Onnx({ classes: 2, objects: [], inputDims: [3, 640, 640] }));
  assert.match((await errorOf(openOnnxDetector({ type: 'onnx', file: rank3, classes: ['a', 'b'] }))).message, /input images has rank 3 \[3, 640, 640\]; a YOLO model takes images as \[1, 3, height, width\]/);
  const nhwc = await writeOnnx(join(dir, 'nhwc.onnx'), yoloV8Onnx({ classes: 2, objects: [], inputDims: [1, 640, 640, 3] }));
  assert.match((await errorOf(openOnnxDetector({ type: 'onnx', file: nhwc, classes: ['a', 'b'] }))).message, /channels-last/);

  const fixed = await writeOnnx(join(dir, 'fixed.onnx'), good);
  assert.match((await errorOf(openOnnxDetector({ type: 'onnx', file: fixed, classes: ['a', 'b'], inputSize: 320 }))).message, /fixed at 640×640/);
  const spec = await errorOf(openOnnxDetector({ type: 'onnx', file: fixed, classes: ['a', 'a'], inputSize: 100, classMinScore: { z: 0.5 } }));
  assert.match(spec.message, /"a" is named twice.*inputSize 100 must be a multiple of 32.*classMinScore names "z"/);
});

test('NaN candidates are dropped and counted; a model answering only NaN is an error', async () => {
  const file = await writeOnnx(join(dir, 'nan.onnx'), yoloV8Onnx({ classes: 1, objects: [at640(10, 10, 50, 50, 0, 0.9)], nanRows: 3 }));
  const detector = await openOnnxDetector({ type: 'onnx', file, classes: ['cat'] });
  try {
    const d = await detector.detect(wide);
    assert.equal(d.nanCandidates, 3);
    assert.deepEqual(d.proposals.map(round), [[10, 10, 50, 50]]);
  } finally {
    await detector.close();
  }
  const broken = await writeOnnx(join(dir, 'all-nan.onnx'), yoloV5Onnx({ classes: 1, objects: [], nanRows: 20, anchors: 20 }));
  const bad = await openOnnxDetector({ type: 'onnx', file: broken, classes: ['cat'] });
  try {
    const e = await errorOf(bad.detect(wide));
    assert.equal(e.code, 'bad_response');
    assert.match(e.message, /NaN for all 20 candidates of wide\.png/);
  } finally {
    await bad.close();
  }
});

test('a cancelled call, a missing image and a closed model are told apart', async () => {
  const file = await writeOnnx(join(dir, 'plain.onnx'), yoloV8Onnx({ classes: 1, objects: [] }));
  const detector = await openOnnxDetector({ type: 'onnx', file, classes: ['cat'] });
  assert.equal((await errorOf(detector.detect(wide, AbortSignal.abort()))).code, 'cancelled');
  assert.equal((await errorOf(detector.detect({ name: 'far.jpg', url: 'http://example.invalid/far.jpg' }))).code, 'bad_image');
  await detector.close();
  assert.match((await errorOf(detector.detect(wide))).message, /plain is closed/);
});

test('a YOLOv8-seg head: each object gets the outline of its mask, cropped to its box, in image pixels', async () => {
  // At 320 the 1000×500 image has gain 0.32 and 80 grey rows above it; prototypes are 80×80.
  const to320 = (x: number, y: number) => [x * 0.32, y * 0.32 + 80];
  const [cx, cy] = to320(500, 250);
  const [l, t] = to320(700, 300);
  const [r, b] = to320(900, 450);
  const file = await writeOnnx(join(dir, 'seg.onnx'), yoloV8SegOnnx({
    classes: 2, inputSize: 320,
    objects: [
      { cx: cx!, cy: cy!, w: 400 * 0.32, h: 300 * 0.32, class: 0, score: 0.9, mask: 'ellipse' },
      // A mask twice the box's width: what lies outside the box is cut off.
      { cx: (l! + r!) / 2, cy: (t! + b!) / 2, w: r! - l!, h: b! - t!, class: 1, score: 0.8, mask: [l! - 60, t!, r! + 60, t!, r! + 60, b!, l! - 60, b!] },
    ],
  }));
  const detector = await openOnnxDetector({ type: 'onnx', file, classes: ['pond', 'shed'] });
  try {
    assert.equal(detector.head.masks, 32);
    const [pond, shed] = (await detector.detect(wide)).proposals;
    assert.deepEqual(round(pond!), [300, 100, 400, 300]);
    const points = (poly: number[]) => Array.from({ length: poly.length / 2 }, (_, i) => [poly[2 * i]!, poly[2 * i + 1]!] as const);
    const ellipse = points(pond!.polygon!);
    assert.ok(ellipse.length >= 12, `an ellipse has more than a few corners (${ellipse.length})`);
    for (const [x, y] of ellipse) {
      // Distance from the true outline, approximately: the radial error of the point.
      const k = Math.hypot((x - 500) / 200, (y - 250) / 150);
      assert.ok(Math.abs(k - 1) * 150 < 1.5, `(${x}, ${y}) lies ${Math.abs(k - 1) * 150} px off the ellipse`);
    }
    const xs = points(shed!.polygon!).map((p) => p[0]);
    const ys = points(shed!.polygon!).map((p) => p[1]);
    for (const [got, want] of [[Math.min(...xs), 700], [Math.max(...xs), 900], [Math.min(...ys), 300], [Math.max(...ys), 450]]) {
      assert.ok(Math.abs(got! - want!) < 3, `the cropped mask reaches ${got}, the box edge is ${want}`);
    }
  } finally {
    await detector.close();
  }
});

test('a real photo given as JPEG bytes: decoded, and the boxes stay inside it', needsSharedData, async () => {
  const photos = join(SHARED_DATA, 'images', 'coco128', 'images', 'train2017');
  const name = (await readdir(photos)).filter((f) => f.endsWith('.jpg')).sort()[0]!;
  const bytes = new Uint8Array(await readFile(join(photos, name)));
  const file = await writeOnnx(join(dir, 'photo.onnx'), yoloV8Onnx({ classes: 1, objects: [{ cx: 320, cy: 320, w: 700, h: 100, class: 0, score: 0.9 }] }));
  const detector = await openOnnxDetector({ type: 'onnx', file, classes: ['thing'] });
  try {
    const [p] = (await detector.detect({ name, bytes })).proposals;
    const { width, height } = decodeImage(bytes, name);
    // The box is wider than the input: clamped to the photo's full width, centred on its middle row.
    assert.deepEqual([p!.x, p!.x + p!.w], [0, width]);
    const gain = 640 / Math.max(width, height);
    assert.ok(Math.abs(p!.y + p!.h / 2 - height / 2) < 1 / gain, `centred vertically (${p!.y + p!.h / 2} of ${height})`);
  } finally {
    await detector.close();
  }
});
