import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { needsSharedData, SHARED_DATA } from '@cadre/core/testing';
import { lsRectangle, objectInImage, startHttpModel, startLsBackend, writeOnnx, yoloV8Onnx } from '@cadre/models/testing';
import { PNG } from 'pngjs';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/cadre.mjs', import.meta.url));
const coco = join(SHARED_DATA, 'images/coco128');
const cadre = (...args: string[]) => run(process.execPath, [bin, ...args], { maxBuffer: 64 << 20 });
const fails = (...args: string[]) => cadre(...args).then(() => assert.fail(`expected cadre ${args.join(' ')} to fail`), (e: { code: number; stderr: string }) => e);

let dir: string;
before(() => { dir = mkdtempSync(join(tmpdir(), 'cadre-predict-')); });
after(() => rmSync(dir, { recursive: true, force: true }));

/** The labelled boxes of one class in a coco128 image, in pixels. */
function truthOf(file: string, width: number, height: number, name: string): { x: number; y: number; w: number; h: number }[] {
  const names = [...readFileSync(join(coco, 'config.yaml'), 'utf8').matchAll(/^ {2}(\d+): (.+)$/gm)].map((m) => m[2]!);
  const rows = readFileSync(join(coco, 'labels/train2017', file.replace('.jpg', '.txt')), 'utf8').trim().split('\n').map((l) => l.split(' ').map(Number));
  return rows.filter((r) => names[r[0]!] === name).map(([, cx, cy, w, h]) => ({ x: (cx! - w! / 2) * width, y: (cy! - h! / 2) * height, w: w! * width, h: h! * height }));
}

function iou(a: number[], b: { x: number; y: number; w: number; h: number }): number {
  const ix = Math.max(0, Math.min(a[0]! + a[2]!, b.x + b.w) - Math.max(a[0]!, b.x));
  const iy = Math.max(0, Math.min(a[1]! + a[3]!, b.y + b.h) - Math.max(a[1]!, b.y));
  return (ix * iy) / (a[2]! * a[3]! + b.w * b.h - ix * iy);
}

// Images with a large, plain object: a giraffe, an elephant, a person on a motorbike.
const PICKED: { file: string; width: number; height: number; shows: string }[] = [
  { file: '000000000025.jpg', width: 640, height: 426, shows: 'giraffe' },
  { file: '000000000061.jpg', width: 640, height: 488, shows: 'elephant' },
  { file: '000000000086.jpg', width: 512, height: 640, shows: 'person' },
];

test('cadre model predict --model default writes COCO results for every image in the folder, listing what it could not run', needsSharedData, async () => {
  const images = join(dir, 'images');
  mkdirSync(images);
  for (const p of PICKED) copyFileSync(join(coco, 'images/train2017', p.file), join(images, p.file));
  writeFileSync(join(images, 'notes.txt'), 'not an image');
  writeFileSync(join(images, 'broken.png'), readFileSync(join(coco, 'images/train2017', PICKED[0]!.file)).subarray(0, 4000));
  const out = join(dir, 'results.json');
  const { stderr } = await cadre('model', 'predict', '--model', 'default', '--images', images, '--out', out);
  assert.match(stderr, /ignored 1 file in .+ that is not \.jpg, \.jpeg or \.png/);
  assert.match(stderr, /skipped broken\.png: the JPEG data is broken or cut short \(4000 bytes\)/);
  assert.match(stderr, /predict \[#+\] 4\/4 images/);
  assert.match(stderr, /1 image could not be run: broken\.png/);

  const results = JSON.parse(readFileSync(out, 'utf8')) as { file_name: string; category: string; bbox: number[]; score: number }[];
  assert.ok(results.length > 3);
  for (const r of results) {
    assert.deepEqual(Object.keys(r), ['file_name', 'category', 'bbox', 'score']);
    assert.ok(PICKED.some((p) => p.file === r.file_name), r.file_name);
    assert.equal(r.bbox.length, 4);
    assert.ok(r.score >= 0.05 && r.score <= 1);
  }
  // Sorted by name, as the folder lists them.
  assert.deepEqual([...new Set(results.map((r) => r.file_name))], PICKED.map((p) => p.file));
  for (const p of PICKED) {
    const truth = truthOf(p.file, p.width, p.height, p.shows);
    const hit = results.some((r) => r.file_name === p.file && r.category === p.shows && r.score >= 0.3 && truth.some((t) => iou(r.bbox, t) >= 0.5));
    assert.ok(hit, `${p.file}: no ${p.shows} found where the labels have one`);
  }
});

test('cadre model predict explains a missing folder, a folder without images, nothing runnable and a model it cannot open', async () => {
  const out = join(dir, 'none.json');
  const missing = await fails('model', 'predict', '--model', 'default', '--images', join(dir, 'no-such'), '--out', out);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /error: no such folder: .+no-such/);

  const empty = join(dir, 'empty');
  mkdirSync(empty);
  writeFileSync(join(empty, 'readme.md'), '#');
  const none = await fails('model', 'predict', '--model', 'default', '--images', empty, '--out', out);
  assert.match(none.stderr, /ignored 1 file/);
  assert.match(none.stderr, /error: no \.jpg, \.jpeg or \.png images in .+empty/);

  const bad = join(dir, 'bad');
  mkdirSync(bad);
  writeFileSync(join(bad, 'a.jpg'), new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]));
  writeFileSync(join(bad, 'b.jpg'), '');
  const nothing = await fails('model', 'predict', '--model', 'default', '--images', bad, '--out', out);
  assert.equal(nothing.code, 1);
  assert.match(nothing.stderr, /skipped a\.jpg: the JPEG header is cut short/);
  assert.match(nothing.stderr, /skipped b\.jpg: not a JPEG or PNG image \(the file is empty\)/);
  assert.match(nothing.stderr, /error: not one of the 2 images could be run .+; nothing written/);
  assert.equal(existsSync(out), false);

  const onnx = join(dir, 'model.onnx');
  writeFileSync(onnx, 'x');
  assert.match((await fails('model', 'predict', '--model', onnx, '--images', bad, '--out', out)).stderr, /an ONNX model carries no class names: give them with --classes FILE/);
  assert.match((await fails('model', 'predict', '--model', join(dir, 'gone.onnx'), '--images', bad, '--out', out)).stderr, /no such model file: .+gone\.onnx/);
  assert.match((await fails('model', 'predict', '--model', 'yolo.pt', '--images', bad, '--out', out)).stderr, /--model must be "default", a \.onnx file or an http\(s\):\/\/ URL, not "yolo.pt"/);
  const classes = join(dir, 'classes.txt');
  writeFileSync(classes, 'cat\ncat\n');
  assert.match((await fails('model', 'predict', '--model', onnx, '--classes', classes, '--images', bad, '--out', out)).stderr, /names the class "cat" twice/);
});

test('cadre model predict runs a user\'s ONNX file with its classes, a Label Studio ML backend and a plain HTTP model by URL', async () => {
  const images = join(dir, 'one');
  mkdirSync(images, { recursive: true });
  const png = new PNG({ width: 320, height: 240 });
  png.data.fill(120);
  writeFileSync(join(images, 'shop.png'), PNG.sync.write(png));
  const out = join(dir, 'remote.json');
  const read = () => JSON.parse(readFileSync(out, 'utf8')) as { file_name: string; category: string; bbox: number[]; score: number }[];

  // ONNX: a YOLOv8 head with one object of class 1 at (40, 30, 100×80) image pixels; the names from a YAML list.
  const onnx = await writeOnnx(join(dir, 'shop.onnx'), yoloV8Onnx({ classes: 2, objects: [objectInImage({ x: 40, y: 30, w: 100, h: 80 }, { width: 320, height: 240 }, 1, 0.9)] }));
  const classes = join(dir, 'shop.yaml');
  writeFileSync(classes, '- shelf\n- "price tag"\n');
  await cadre('model', 'predict', '--model', onnx, '--classes', classes, '--images', images, '--out', out);
  const [tag, ...rest] = read();
  assert.equal(rest.length, 0);
  assert.equal(tag!.file_name, 'shop.png');
  assert.equal(tag!.category, 'price tag');
  assert.deepEqual(tag!.bbox.map(Math.round), [40, 30, 100, 80]);
  assert.ok(Math.abs(tag!.score - 0.9) < 1e-3);

  // A Label Studio ML backend (its /health says UP): regions in percent come back in pixels.
  const ls = await startLsBackend({ predict: () => ({ result: [lsRectangle('cat', { x: 10, y: 20, width: 30, height: 40 }, { score: 0.8 })] }) });
  try {
    assert.match((await fails('model', 'predict', '--model', ls.url, '--images', images, '--out', out)).stderr, /is a Label Studio ML backend \(its \/health says UP\): give the class names it labels with --classes FILE/);
    writeFileSync(classes, '["cat", "dog"]');
    const { stderr } = await cadre('model', 'predict', '--model', ls.url, '--classes', classes, '--images', images, '--out', out);
    assert.match(stderr, /\(ls-backend\)/);
    assert.deepEqual(read().map((r) => [r.category, r.bbox.map(Math.round), r.score]), [['cat', [32, 48, 96, 96], 0.8]]);
    assert.equal(ls.requests('/predict').length, 1);
  } finally {
    await ls.close();
  }

  // Anything else at a URL is the plain HTTP contract.
  const http = await startHttpModel({ answer: () => ({ model: { name: 'shelf-model', version: '2' }, objects: [{ class: 'dog', x: 5, y: 6, w: 50, h: 60, score: 0.7 }] }) });
  try {
    const { stderr } = await cadre('model', 'predict', '--model', http.url, '--images', images, '--out', out);
    assert.match(stderr, /\(http\)/);
    assert.deepEqual(read().map((r) => [r.category, r.bbox, r.score]), [['dog', [5, 6, 50, 60], 0.7]]);
  } finally {
    await http.close();
  }
});
