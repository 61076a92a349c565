import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { items } from '@cadre/db';
import { importer, predictions } from '../src/index.ts';
import { needsSharedData, SHARED_DATA } from '../src/import/testing.ts';
import { harness, type Harness } from './harness.ts';

const COCO = fileURLToPath(new URL('images/coco128/', SHARED_DATA));
const IMAGES = `${COCO}images/train2017`;
const COCO_JSON = `${COCO}instances_train2017_coco128.json`;

let h: Harness;
before(async () => { h = await harness(); });
after(async () => { await h.close(); });

interface Box { label: string; x: number; y: number; width: number; height: number; crowd: boolean }

/** The COCO JSON's boxes in pixels, by image file name. */
async function cocoBoxes(): Promise<Map<string, Box[]>> {
  const doc = JSON.parse(await readFile(COCO_JSON, 'utf8'));
  const names = new Map<number, string>(doc.categories.map((c: { id: number; name: string }) => [c.id, c.name]));
  const files = new Map<number, string>(doc.images.map((i: { id: number; file_name: string }) => [i.id, i.file_name]));
  const out = new Map<string, Box[]>();
  for (const a of doc.annotations) {
    const [x, y, width, height] = a.bbox;
    const file = files.get(a.image_id)!;
    out.set(file, [...(out.get(file) ?? []), { label: names.get(a.category_id)!, x, y, width, height, crowd: a.iscrowd === 1 }]);
  }
  return out;
}

/** Imports the coco128 images with a prediction source and returns each image's boxes, read back as objects. */
async function importAndReadBack(name: string, source: predictions.PredictionSource) {
  const projectId = await h.project(name);
  const rows = predictions.folderRowsWithPredictions(IMAGES, source);
  const report = await importer.importRows(h.deps, h.admin, rows, { projectId, file: IMAGES, format: 'folder', skipInvalid: false });
  const stored = await h.deps.db.selectFrom('items').select(['id', 'asset']).where('project_id', '=', projectId).execute();
  const byFile = new Map<string, { modelVersion: string | null; objects: ReturnType<typeof predictions.resultsToObjects> }>();
  for (const item of stored) {
    for (const p of await items.predictionsOfItem(h.deps.db, item.id)) {
      const { result } = p.payload as { result: unknown[] };
      byFile.set(basename(item.asset!), { modelVersion: p.model_version, objects: predictions.resultsToObjects(result, p.id) });
    }
  }
  return { report, byFile };
}

/** Pairs every predicted box with a distinct expected box of the same label within 1 px on each side. */
function unmatched(predicted: Map<string, { objects: ReturnType<typeof predictions.resultsToObjects> }>, expected: Map<string, Box[]>) {
  const left: string[] = [];
  let matched = 0;
  for (const [file, { objects }] of predicted) {
    const pool = [...(expected.get(file) ?? [])];
    for (const o of objects) {
      if (o.kind !== 'bbox2d') continue;
      const g = o.geometry;
      const i = pool.findIndex((b) => b.label === o.label && Math.max(Math.abs(b.x - g.x), Math.abs(b.y - g.y), Math.abs(b.width - g.width), Math.abs(b.height - g.height)) <= 1);
      if (i === -1) left.push(`${file}: ${o.label} ${JSON.stringify(g)}`);
      else { pool.splice(i, 1); matched++; }
    }
  }
  return { left, matched };
}

test('coco128 with its YOLO labels: 128 items, and every box matches the COCO JSON within 1 px', needsSharedData, async () => {
  const { report, byFile } = await importAndReadBack('YOLO', { kind: 'yolo', labelsDir: `${COCO}labels/train2017`, classesFile: `${COCO}config.yaml` });
  assert.equal(report.imported, 128);
  assert.equal(report.skipped, 0);
  // Two images have no label file (no objects): they get no prediction.
  assert.equal(report.predictions, 126);
  assert.ok([...byFile.values()].every((p) => p.modelVersion === 'yolo-import'));
  const expected = await cocoBoxes();
  const { left, matched } = unmatched(byFile, expected);
  assert.deepEqual(left, []);
  // YOLO labels leave out COCO's crowd regions; every other COCO box has its YOLO twin.
  const notCrowd = [...expected.values()].flat().filter((b) => !b.crowd).length;
  assert.equal(matched, notCrowd);
  assert.equal(notCrowd, 929);
});

test('coco128 with its COCO JSON: every annotation comes back in pixels, crowd regions included', needsSharedData, async () => {
  const { report, byFile } = await importAndReadBack('COCO', { kind: 'coco', file: COCO_JSON });
  assert.equal(report.imported, 128);
  assert.equal(report.predictions, 128);
  assert.ok([...byFile.values()].every((p) => p.modelVersion === 'coco-import'));
  const expected = await cocoBoxes();
  const { left, matched } = unmatched(byFile, expected);
  assert.deepEqual(left, []);
  assert.equal(matched, 939);
});
