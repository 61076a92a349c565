import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { needsSharedData, SHARED_DATA } from '../import/testing.ts';
import { parseClassNames } from './class-names.ts';
import { cocoResults, indexCoco } from './coco.ts';
import { resultsToObjects } from './to-objects.ts';
import { yoloToResults } from './yolo.ts';

test('class names come from a map, a flow list or a block list; comments and quotes are honoured', () => {
  assert.deepEqual(parseClassNames('path: .\nnames:\n  0: person  # people\n  1: traffic light\n\nnc: 2\n'), ['person', 'traffic light']);
  assert.deepEqual(parseClassNames("names: [person, 'traffic light', \"a, b\"] # three\n"), ['person', 'traffic light', 'a, b']);
  assert.deepEqual(parseClassNames('names: [person,\n  car]\n'), ['person', 'car']);
  assert.deepEqual(parseClassNames('names:\n  - person\n  - car\ntrain: x\n'), ['person', 'car']);
  assert.throws(() => parseClassNames('nc: 2\n'), /no "names:" key/);
  assert.throws(() => parseClassNames('names:\n  0: a\n  2: c\n'), /no class 1/);
});

test('the coco128 config names its 80 classes', needsSharedData, async () => {
  const names = parseClassNames(await readFile(new URL('images/coco128/config.yaml', SHARED_DATA), 'utf8'));
  assert.equal(names.length, 80);
  assert.deepEqual([names[0], names[9], names[79]], ['person', 'traffic light', 'toothbrush']);
});

test('a YOLO line becomes a rectangle in percent, with the optional score; bad lines name their line', () => {
  const size = { width: 640, height: 480 };
  const [r, scored] = yoloToResults('1 0.5 0.5 0.25 0.5\n\n0 0.1 0.2 0.1 0.2 0.87\n', ['person', 'car'], size);
  assert.deepEqual(r!.value, { x: 37.5, y: 25, width: 25, height: 50, rotation: 0, rectanglelabels: ['car'] });
  assert.deepEqual([r!.original_width, r!.original_height, r!.score], [640, 480, undefined]);
  assert.equal(scored!.score, 0.87);
  assert.throws(() => yoloToResults('0 0.5 0.5\n', ['a'], size), /line 1: expected "class cx cy w h \[score\]"/);
  assert.throws(() => yoloToResults('0 0 0 1 1\n7 0.5 0.5 0.1 0.1\n', ['a'], size), /line 2: class 7 is not in the class list/);
  assert.throws(() => yoloToResults('0 x 0 1 1\n', ['a'], size), /not all numbers/);
});

test('COCO boxes in pixels become percent of their image, and back to pixel objects', () => {
  const index = indexCoco({
    images: [{ id: 7, file_name: 'a.jpg', width: 200, height: 100 }],
    categories: [{ id: 18, name: 'dog' }],
    annotations: [{ id: 1, image_id: 7, category_id: 18, bbox: [20, 10, 50, 40], score: 0.5 }],
  });
  const results = cocoResults(index.get('a.jpg')!, { width: 1, height: 1 });
  assert.deepEqual(results[0]!.value, { x: 10, y: 10, width: 25, height: 40, rotation: 0, rectanglelabels: ['dog'] });
  const [object] = resultsToObjects(results, 'p1');
  assert.deepEqual(object, { id: 'p1:coco-1', label: 'dog', kind: 'bbox2d', attributes: {}, predictionId: 'p1', score: 0.5, geometry: { x: 20, y: 10, width: 50, height: 40 } });
  assert.throws(() => indexCoco({ images: [], annotations: [] }), /not COCO JSON/);
  assert.throws(() => indexCoco({ images: [], categories: [], annotations: [{ image_id: 1, category_id: 1, bbox: [0, 0, 1, 1] }] }), /annotations\[0\]: image_id 1 is not in images/);
});

test('results of other types, or without a size, are left out of the objects', () => {
  const objects = resultsToObjects([
    { type: 'keypointlabels', value: { x: 1, y: 2, keypointlabels: ['x'] } },
    { type: 'rectanglelabels', value: { x: 0, y: 0, width: 10, height: 10, rectanglelabels: ['car'] } },
  ], 'p');
  assert.deepEqual(objects, []);
  const sized = resultsToObjects([{ type: 'rectanglelabels', value: { x: 0, y: 0, width: 10, height: 10, rectanglelabels: ['car'] } }], 'p', { width: 100, height: 50 });
  assert.deepEqual(sized[0]!.geometry, { x: 0, y: 0, width: 10, height: 5 });
});
