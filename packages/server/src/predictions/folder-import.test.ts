import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { needsSharedData, SHARED_DATA } from '../import/testing.ts';
import type { RowResult } from '../import/types.ts';
import { folderRowsWithPredictions, type PredictionSource } from './folder-import.ts';

const JPEG = fileURLToPath(new URL('images/coco128/images/train2017/000000000009.jpg', SHARED_DATA)); // 640×480

async function rows(dir: string, source: PredictionSource): Promise<RowResult[]> {
  const out: RowResult[] = [];
  for await (const r of folderRowsWithPredictions(dir, source)) out.push(r);
  return out;
}
const shown = (r: RowResult) => (r.ok ? r.row : `${r.error.field}: ${r.error.message}`);

test('a YOLO dataset folder: its labels folder and config are not rows, other files still are', needsSharedData, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cadre-yolo-'));
  try {
    await mkdir(join(dir, 'images'));
    await mkdir(join(dir, 'labels'));
    await copyFile(JPEG, join(dir, 'images/a.jpg'));
    await copyFile(JPEG, join(dir, 'images/b.jpg'));
    await copyFile(JPEG, join(dir, 'images/c.jpg'));
    await writeFile(join(dir, 'images/broken.png'), 'not a png');
    await writeFile(join(dir, 'labels/a.txt'), '1 0.5 0.5 0.5 0.5 0.9\n0 0.25 0.25 0.1 0.1 0.7\n');
    await writeFile(join(dir, 'labels/b.txt'), '5 0.5 0.5 0.5 0.5\n'); // class 5 of two
    await writeFile(join(dir, 'data.yaml'), 'names: [person, car]\n');
    await writeFile(join(dir, 'notes.docx'), 'x');
    const got = (await rows(dir, { kind: 'yolo', labelsDir: join(dir, 'labels'), classesFile: join(dir, 'data.yaml') })).map(shown);
    assert.equal(got.length, 5);
    const [a, b, broken, c, notes] = got;
    assert.ok(typeof a === 'object');
    assert.equal(a.predictions.length, 1);
    const p = a.predictions[0]!;
    assert.equal(p.modelVersion, 'yolo-import');
    assert.ok(Math.abs(p.score! - 0.8) < 1e-9);
    assert.deepEqual((p.result[0] as { value: unknown }).value, { x: 25, y: 25, width: 50, height: 50, rotation: 0, rectanglelabels: ['car'] });
    assert.match(String(b), /^predictions: YOLO labels: line 1: class 5 is not in the class list/);
    assert.match(String(broken), /^data\.image: cannot read the image size: not a JPEG/);
    assert.ok(typeof c === 'object' && c.predictions.length === 0, 'an image without a label file has no prediction');
    assert.equal(notes, 'file: unsupported file type .docx');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a broken class list stops the import before any row', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cadre-yolo-'));
  try {
    await writeFile(join(dir, 'data.yaml'), 'nc: 3\n');
    await assert.rejects(rows(dir, { kind: 'yolo', labelsDir: dir, classesFile: join(dir, 'data.yaml') }), /no "names:" key/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
