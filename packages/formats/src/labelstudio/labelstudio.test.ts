import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boxCorners, geometryKinds, type Bbox2dGeometry, type LabeledObject } from '@cadre/core';
import { collect, memorySource, sourceOf } from '../source.ts';
import { detectFormat } from '../registry.ts';
import { FormatError, type ExportItem, type SourceFile } from '../types.ts';
import { asExportItems, assertSameObjects, noSizes, readAll, roundTrip, sizesByName, writeAll } from '../testing/index.ts';
import { imageExport, nerLines, nerText } from './fixtures.ts';
import { labelstudio, writeTasks } from './index.ts';

const byId = (objects: LabeledObject[], id: string) => objects.find((o) => o.id === id)!;
const near = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a}, expected ${b}`);

test('the documented image export reads to boxes, a turned box, a polygon, a key point and per-region attributes', async () => {
  const { items, errors } = await readAll(labelstudio, memorySource('ls', { 'export.json': imageExport }), sizesByName({ '0002.png': { width: 1000, height: 500 } }));
  assert.deepEqual(errors, []);
  assert.equal(items.length, 2);
  const [a, b] = items;
  assert.equal(a!.kind, 'image');
  assert.equal(a!.media, '/data/upload/1/street.jpg');
  assert.equal(a!.line, 2);
  assert.deepEqual([a!.width, a!.height], [800, 600]);
  assert.equal(a!.metadata.camera, 'front');
  assert.deepEqual(a!.metadata.weather, { rain: false });
  assert.equal(a!.metadata.image, undefined);
  assert.equal(a!.annotations.length, 1, 'the cancelled annotation is left out');
  const set = a!.annotations[0]!;
  assert.equal(set.author, 'ann@example.com');
  assert.equal(set.createdAt, '2021-03-09T22:16:08.728353Z');
  const objects = set.objects;
  assert.deepEqual(objects.map((o) => [o.id, o.kind, o.label]), [
    ['Dx_aB91ISN', 'bbox2d', 'Car'], ['turned01', 'bbox2d', 'Bus'], ['poly01', 'polygon', 'Road'], ['kp01', 'point2d', 'Light'],
  ]);
  const car = byId(objects, 'Dx_aB91ISN');
  assert.deepEqual(car.geometry, { x: 80, y: 120, width: 200, height: 300 });
  assert.deepEqual(car.attributes, { quality: 'blurry', plate: 'AB-123' });
  // Label Studio turns about (x, y); Cadre's turned top-left corner must land on that same point.
  const bus = byId(objects, 'turned01').geometry as Bbox2dGeometry;
  assert.equal(bus.rotation, 30);
  near(bus.width, 160, 'width');
  near(bus.height, 60, 'height');
  const [tl, tr] = boxCorners(bus);
  near(tl![0], 400, 'turned corner x');
  near(tl![1], 60, 'turned corner y');
  near(tr![0], 400 + 160 * Math.cos(Math.PI / 6), 'top-right x');
  near(tr![1], 60 + 160 * Math.sin(Math.PI / 6), 'top-right y (clockwise, y down)');
  assert.deepEqual(byId(objects, 'poly01').geometry, { points: [[80, 60], [240, 60], [240, 240], [80, 240]] });
  assert.deepEqual(byId(objects, 'kp01').geometry, { x: 400, y: 300 });
  assert.deepEqual(byId(objects, 'kp01').attributes, { visibility: 4 });
  assert.deepEqual(a!.notes.map((n) => [n.kind, n.reason, n.field]), [
    ['dropped', 'brushlabels', '[0].annotations[0].result[7]'],
    ['dropped', 'relation', '[0].annotations[0].result[8]'],
    ['dropped', 'cancelled annotation', '[0].annotations[1]'],
  ]);
  const [pred] = a!.predictions;
  assert.equal(pred!.modelVersion, 'yolo-v8');
  assert.equal(pred!.score, 0.87);
  assert.equal(pred!.objects[0]!.score, 0.91);
  assertSameObjects(pred!.objects, [{ id: 'p', label: 'Car', kind: 'bbox2d', attributes: {}, geometry: { x: 96, y: 126, width: 192, height: 294 } } as LabeledObject]);
  // The second task has no sizes in its results: the image's own size is asked for.
  assert.equal(b!.media, 's3://bucket/frames/0002.png');
  assert.equal(b!.annotations[0]!.author, 'bob@example.com');
  const meta = a!.metadata.labelstudio as { taskId: number; dataKey: string; controls: Array<{ from_name: string; to_name: string; type: string }> };
  assert.equal(meta.taskId, 1);
  assert.equal(meta.dataKey, 'image');
  assert.deepEqual(meta.controls.map((c) => [c.from_name, c.to_name, c.type]), [
    ['tag', 'img', 'rectanglelabels'], ['seg', 'img', 'polygonlabels'], ['kp', 'img', 'keypointlabels'],
    ['plate', 'img', 'textarea'], ['visibility', 'img', 'rating'], ['quality', 'img', 'choices'],
  ]);
});

test('a result without original_width takes the size the caller finds, and is a row problem when none is found', async () => {
  const found = await readAll(labelstudio, memorySource('ls', { 'export.json': imageExport }), sizesByName({ '0002.png': { width: 1000, height: 500 } }));
  const [, b] = found.items;
  assert.deepEqual([b!.width, b!.height], [1000, 500]);
  assert.deepEqual(b!.annotations[0]!.objects[0]!.geometry, { x: 0, y: 0, width: 500, height: 250 });
  // Task 1 names its sizes, so only task 2 needs the caller.
  const sizes: string[] = [];
  await readAll(labelstudio, memorySource('ls', { 'export.json': imageExport }), { imageSize: async (m) => { sizes.push(m); return null; } });
  assert.deepEqual(sizes, ['s3://bucket/frames/0002.png']);
  const lost = await readAll(labelstudio, memorySource('ls', { 'export.json': imageExport }), noSizes);
  assert.deepEqual(lost.errors.map((e) => [e.file, e.line, e.field]), [['export.json', 84, '[1].annotations[0].result[0].original_width']]);
  assert.equal(lost.items[1]!.annotations[0]!.objects.length, 0);
});

test('a text NER task: UTF-16 offsets after an emoji become code points, a per-span choice an attribute, a whole-text choice a class', async () => {
  const { items, errors } = await readAll(labelstudio, memorySource('ls', { 'ner.jsonl': nerLines }));
  assert.deepEqual(errors, []);
  assert.equal(items.length, 2);
  const [t] = items;
  assert.equal(t!.kind, 'text');
  assert.equal(t!.media, null);
  assert.equal(t!.text, nerText);
  assert.equal(t!.line, 1);
  assert.equal(items[1]!.line, 3, 'the blank line counts');
  assert.deepEqual(t!.metadata.source, 'chat');
  const set = t!.annotations[0]!;
  assert.equal(set.author, '3');
  assert.deepEqual(set.objects.map((o) => [o.id, o.kind, o.label, o.geometry, o.attributes]), [
    ['sp1', 'text_span', 'LOC', { start: 12, end: 18 }, { confidence: 'sure' }],
    ['sp2', 'text_span', 'FOOD', { start: 5, end: 6 }, {}],
    ['cls', 'text_class', 'Positive', null, {}],
  ]);
  assert.equal([...nerText].slice(12, 18).join(''), 'Napoli');
  const [pred] = t!.predictions;
  assert.equal(pred!.modelVersion, '3');
  assert.equal(pred!.score, 0.5);
  assert.deepEqual(pred!.objects[0]!.geometry, { start: 0, end: 4 });
  assert.equal(pred!.objects[0]!.score, 0.7);
});

test('a span whose value.text is not the text there is a row problem naming the field; a Python (code point) span is read as such', async () => {
  const task = (value: object) => JSON.stringify({ data: { text: nerText }, annotations: [{ result: [{ id: 's', from_name: 'ner', to_name: 'text', type: 'labels', value: { labels: ['LOC'], ...value } }] }] });
  const { items, errors } = await readAll(labelstudio, memorySource('ls', { 'a.jsonl': [task({ start: 13, end: 19, text: 'Roma' }), task({ start: 12, end: 18, text: 'Napoli' }), task({ start: 6, end: 9 })].join('\n') }));
  assert.deepEqual(errors.map((e) => [e.line, e.field]), [[1, 'annotations[0].result[0].value.text'], [3, 'annotations[0].result[0].value.start']]);
  assert.match(errors[0]!.message, /Roma.*Napoli/);
  assert.deepEqual(items[1]!.annotations[0]!.objects[0]!.geometry, { start: 12, end: 18 });
  assert.equal(items[1]!.notes[0]!.reason, 'span offsets in code points');
});

test('import → export → import keeps every object: boxes within 1e-6, turned boxes turned, polygons vertex for vertex, attributes, spans', async () => {
  for (const [name, files] of [['image', { 'export.json': imageExport }], ['text', { 'ner.jsonl': nerLines }]] as const) {
    const first = await readAll(labelstudio, memorySource('ls', files), sizesByName({ '0002.png': { width: 1000, height: 500 } }));
    const exported = asExportItems(first.items);
    const back = await roundTrip(labelstudio, exported);
    assert.deepEqual(back.errors, [], name);
    assert.equal(back.items.length, first.items.length, name);
    back.items.forEach((it, i) => {
      assert.equal(it.media, first.items[i]!.media);
      assert.equal(it.text, first.items[i]!.text);
      assertSameObjects(it.annotations[0]?.objects ?? [], exported[i]!.objects, 1e-6, `${name} item ${i}: `);
      assert.deepEqual(it.metadata.camera, first.items[i]!.metadata.camera);
    });
    if (name === 'image') {
      const bus = back.items[0]!.annotations[0]!.objects.find((o) => o.label === 'Bus')!;
      assert.equal((bus.geometry as Bbox2dGeometry).rotation, 30);
      assert.equal(back.items[0]!.annotations[0]!.author, 'ann@example.com');
    }
  }
});

test('the export is in Label Studio shape: ids, data, annotations with results in percent and the names the import saw', async () => {
  const { items } = await readAll(labelstudio, memorySource('ls', { 'export.json': imageExport, 'ner.jsonl': nerLines }), sizesByName({ '0002.png': { width: 1000, height: 500 } }));
  const { files, notes } = await writeAll(labelstudio, asExportItems(items));
  assert.deepEqual(Object.keys(files), ['tasks.json']);
  const tasks = JSON.parse(files['tasks.json']!) as Array<Record<string, any>>;
  assert.equal(tasks.length, 4);
  assert.deepEqual(tasks.map((t) => t.id), [1, 2, 3, 4]);
  for (const t of tasks) assert.deepEqual(Object.keys(t).sort(), ['annotations', 'data', 'id', 'predictions']);
  const img = tasks[0]!;
  assert.deepEqual(img.data, { image: '/data/upload/1/street.jpg', camera: 'front', weather: { rain: false } });
  const ann = img.annotations[0];
  assert.deepEqual(ann.completed_by, { email: 'ann@example.com' });
  assert.equal(ann.was_cancelled, false);
  const rect = ann.result.find((r: any) => r.id === 'Dx_aB91ISN' && r.type === 'rectanglelabels');
  assert.deepEqual(rect, {
    id: 'Dx_aB91ISN', type: 'rectanglelabels', from_name: 'tag', to_name: 'img', original_width: 800, original_height: 600, image_rotation: 0,
    value: { x: 10, y: 20, width: 25, height: 50, rotation: 0, rectanglelabels: ['Car'] },
  });
  const choice = ann.result.find((r: any) => r.id === 'Dx_aB91ISN' && r.type === 'choices');
  assert.deepEqual(choice.value, { x: 10, y: 20, width: 25, height: 50, rotation: 0, choices: ['blurry'] });
  assert.equal(choice.from_name, 'quality');
  const turned = ann.result.find((r: any) => r.id === 'turned01');
  for (const [k, v] of Object.entries({ x: 50, y: 10, width: 20, height: 10, rotation: 30 })) near(turned.value[k], v, `turned.${k}`);
  const poly = ann.result.find((r: any) => r.id === 'poly01');
  assert.deepEqual([poly.type, poly.from_name, poly.value.points], ['polygonlabels', 'seg', [[10, 10], [30, 10], [30, 40], [10, 40]]]);
  const kp = ann.result.find((r: any) => r.id === 'kp01' && r.type === 'keypointlabels');
  assert.deepEqual([kp.value.x, kp.value.y, kp.value.keypointlabels], [50, 50, ['Light']]);
  assert.deepEqual(ann.result.find((r: any) => r.id === 'kp01' && r.type === 'rating').value.rating, 4);
  const ner = tasks[2]!;
  assert.deepEqual(ner.data, { text: nerText, source: 'chat' });
  assert.deepEqual(ner.annotations[0].completed_by, 3);
  const span = ner.annotations[0].result.find((r: any) => r.id === 'sp1' && r.type === 'labels');
  assert.deepEqual(span, { id: 'sp1', type: 'labels', from_name: 'ner', to_name: 'text', value: { start: 13, end: 19, text: 'Napoli', labels: ['LOC'] } });
  assert.deepEqual(ner.annotations[0].result.find((r: any) => r.type === 'choices' && r.id === 'cls'), { id: 'cls', type: 'choices', from_name: 'sentiment', to_name: 'text', value: { choices: ['Positive'] } });
  assert.deepEqual(notes, []);
});

test('items from elsewhere get default names; polylines become open vectors; no size means a note and no image results', async () => {
  const items: ExportItem[] = [
    { id: 'a', kind: 'image', media: 'a.jpg', width: 200, height: 100, metadata: {}, objects: [
      { id: 'o1', label: 'lane', kind: 'polyline', attributes: { solid: true }, geometry: { points: [[0, 0], [100, 50], [200, 100]] } } as LabeledObject,
      { id: 'o2', label: 'car', kind: 'bbox2d', attributes: {}, geometry: { x: 10, y: 10, width: 20, height: 10, rotation: 45 } } as LabeledObject,
    ] },
    { id: 'b', kind: 'image', media: 'b.jpg', metadata: {}, objects: [{ id: 'o', label: 'car', kind: 'bbox2d', attributes: {}, geometry: { x: 1, y: 1, width: 2, height: 2 } } as LabeledObject] },
    { id: 'c', kind: 'image', media: 'c.jpg', metadata: {}, objects: [] },
  ];
  const { files, notes } = await writeAll(labelstudio, items);
  const tasks = JSON.parse(files['tasks.json']!) as Array<Record<string, any>>;
  const [vector, attr, box] = tasks[0]!.annotations[0].result;
  assert.deepEqual([vector.type, vector.from_name, vector.to_name, vector.value.closed, vector.value.vertices.length], ['vectorlabels', 'label', 'image', false, 3]);
  assert.deepEqual([box.type, box.value.rotation], ['rectanglelabels', 45]);
  assert.deepEqual([attr.type, attr.from_name, attr.id, attr.value.choices], ['choices', 'solid', 'o1', ['true']]);
  assert.deepEqual(tasks[1]!.annotations[0].result, []);
  assert.deepEqual(tasks[2]!.annotations, [], 'an item nobody annotated has no annotation');
  assert.deepEqual(notes.map((n) => [n.itemId, n.kind, n.reason]), [['a', 'mapped', 'boolean attribute as choice'], ['b', 'dropped', 'image size unknown']]);
  const back = await roundTrip(labelstudio, items.slice(0, 1));
  assertSameObjects(back.items[0]!.annotations[0]!.objects, [
    { ...items[0]!.objects[0]!, attributes: { solid: 'true' } } as LabeledObject, items[0]!.objects[1]!,
  ]);
});

test('writeTasks with lines: true writes one task a line, and that reads back', async () => {
  const { items } = await readAll(labelstudio, memorySource('ls', { 'ner.jsonl': nerLines }));
  const ctx = { ontology: { classes: [] }, projectName: 't', note: () => {} };
  const out = [];
  for await (const f of writeTasks(async function* () { yield* asExportItems(items); }, ctx, { lines: true })) out.push({ path: f.path, text: await collect(f.content) });
  assert.deepEqual(out.map((f) => f.path), ['tasks.jsonl']);
  const rows = out[0]!.text.trimEnd().split('\n');
  assert.equal(rows.length, 2);
  assert.equal(JSON.parse(rows[0]!).data.text, nerText);
  const back = await readAll(labelstudio, memorySource('x', { 'tasks.jsonl': out[0]!.text }));
  assertSameObjects(back.items[0]!.annotations[0]!.objects, items[0]!.annotations[0]!.objects);
});

test('a single task object reads as one item, and detect knows Label Studio files from their first task', async () => {
  const one = JSON.stringify({ data: { image: 'x.jpg' }, annotations: [] });
  const { items } = await readAll(labelstudio, memorySource('ls', { 'task.json': one }));
  assert.equal(items.length, 1);
  assert.equal(await labelstudio.detect(memorySource('ls', { 'export.json': imageExport })), 0.95);
  assert.equal(await labelstudio.detect(memorySource('ls', { 'ner.jsonl': nerLines })), 0.95);
  assert.equal(await labelstudio.detect(memorySource('ls', { 'coco.json': '{"images": [], "annotations": [], "categories": []}' })), 0);
  assert.equal(await labelstudio.detect(memorySource('ls', { 'a.txt': 'x' })), 0);
  assert.equal(await detectFormat(memorySource('ls', { 'export.json': imageExport })), 'labelstudio');
});

test('every malformed input is a row problem or a FormatError naming file, line and field', async () => {
  const rows: Array<[string, string, number, string]> = [
    // [line of JSONL, expected field, expected line, what]
    ['{"data": {"image": "a.jpg"}, "annotations": [{"result": [{"id": "r", "type": "rectanglelabels", "original_width": 10, "original_height": 10, "value": {"x": "1", "y": 0, "width": 5, "height": 5, "rectanglelabels": ["a"]}}]}]}', 'annotations[0].result[0].value.x', 1, 'x not a number'],
    ['{"data": {"image": "a.jpg"}, "annotations": [{"result": [{"id": "r", "type": "rectanglelabels", "original_width": 10, "original_height": 10, "value": {"x": 1, "y": 0, "width": 5, "height": 5, "rectanglelabels": []}}]}]}', 'annotations[0].result[0].value.rectanglelabels', 2, 'no label'],
    ['{"data": {"image": "a.jpg"}, "annotations": [{"result": [{"id": "r", "type": "polygonlabels", "original_width": 10, "original_height": 10, "value": {"points": [[1, 1], [2]], "polygonlabels": ["a"]}}]}]}', 'annotations[0].result[0].value.points[1]', 3, 'short point'],
    ['{"data": {"image": "a.jpg"}, "annotations": [{"result": [{"id": "r", "type": "rectanglelabels", "original_width": -3, "original_height": 10, "value": {"x": 1, "y": 0, "width": 5, "height": 5, "rectanglelabels": ["a"]}}]}]}', 'annotations[0].result[0].original_width', 4, 'bad width'],
    ['{"data": {"image": "a.jpg"}, "annotations": [{"result": 5}]}', 'annotations[0].result', 5, 'result not a list'],
    ['{"data": {"image": "a.jpg"}, "annotations": [{"result": [7]}]}', 'annotations[0].result[0]', 6, 'result not an object'],
    ['{"data": {"image": "a.jpg"}, "annotations": "yes"}', 'annotations', 7, 'annotations not a list'],
    ['{"annotations": []}', 'data', 8, 'no data'],
    ['{"data": {"n": 5}}', 'data', 9, 'no media'],
    ['[1, 2]', 'row', 10, 'not a task'],
    ['{"data": {"image": "a.jpg"}, "annot', 'row', 11, 'broken JSON'],
    ['{"data": {"text": "abc"}, "annotations": [{"result": [{"type": "labels", "value": {"start": 1, "end": 9, "labels": ["a"]}}]}]}', 'annotations[0].result[0].value.end', 12, 'span past the end'],
    ['{"data": {"text": "abc"}, "annotations": [{"result": [{"type": "labels", "value": {"start": 2.5, "end": 3, "labels": ["a"]}}]}]}', 'annotations[0].result[0].value.start', 13, 'fractional offset'],
    ['{"data": {"image": "a.jpg"}, "predictions": [{"result": [{"id": "p", "type": "keypointlabels", "original_width": 10, "original_height": 10, "value": {"x": 1, "keypointlabels": ["a"]}}]}]}', 'predictions[0].result[0].value.y', 14, 'key point without y'],
    ['{"data": {"image": "a.jpg"}, "annotations": [{"result": [{"id": "r", "value": {}}]}]}', 'annotations[0].result[0].type', 15, 'no type'],
  ];
  const { items, errors } = await readAll(labelstudio, memorySource('ls', { 'bad.jsonl': rows.map((r) => r[0]).join('\n') }));
  assert.deepEqual(errors.map((e) => [e.file, e.line, e.field]), rows.map((r) => ['bad.jsonl', r[2], r[1]]), 'one problem a row, in order');
  for (const e of errors) assert.ok(e.message.length > 0 && !/TypeError|undefined is not/.test(e.message), e.message);
  assert.ok(items.length >= 8, 'tasks with a bad result are still read without it');

  // In a JSON array the problem names the line the task starts on and the task's index.
  const array = `[\n  {"data": {"image": "a.jpg"}},\n  {"data": {"image": "b.jpg"},\n   "annotations": [{"result": [{"type": "rectanglelabels", "original_width": 10, "original_height": 10,\n     "value": {"x": 1, "y": 0, "width": 5, "height": 5}}]}]}\n]`;
  const arr = await readAll(labelstudio, memorySource('ls', { 'tasks.json': array }));
  assert.deepEqual(arr.errors.map((e) => [e.file, e.line, e.field]), [['tasks.json', 3, '[1].annotations[0].result[0].value.rectanglelabels']]);
  const broken = await readAll(labelstudio, memorySource('ls', { 'tasks.json': '[\n{"data": {"image": "a.jpg"}},\n{"data": {"image": }},\n{"data": {"image": "c.jpg"}}\n]' }));
  assert.deepEqual(broken.errors.map((e) => [e.line, e.field]), [[3, '[1]']]);
  assert.equal(broken.items.length, 2, 'the tasks after a broken one are read');

  const fatal = async (text: string | Uint8Array, line: number, pattern: RegExp) => {
    await assert.rejects(readAll(labelstudio, memorySource('ls', { 'tasks.json': text })), (e: unknown) => {
      assert.ok(e instanceof FormatError, String(e));
      assert.equal(e.file, 'tasks.json');
      assert.equal(e.line, line);
      assert.match(e.detail, pattern);
      return true;
    });
  };
  await fatal('[\n{"data": {"image": "a.jpg"}},\n{"data": {"ima', 3, /truncated/);
  await fatal('', 1, /empty/);
  await fatal('\n\n"tasks"', 3, /expected a JSON array/);
  await fatal('[{"data": {"image": "a.jpg"}}]\n[]', 2, /after the end/);
  await fatal('[{"data": {"image": "a.jpg"}} {"data": {}}]', 1, /expected ","/);
  await fatal(new Uint8Array([0x5b, 0xff, 0xfe, 0x5d]), 0, /UTF-8/);
  await assert.rejects(readAll(labelstudio, memorySource('ls', { 'a.txt': 'x' })), FormatError);
  await assert.rejects(readAll(labelstudio, memorySource('ls', { 'a.jsonl': new Uint8Array([0x7b, 0xff, 0x7d, 0x0a]) })), (e: unknown) => e instanceof FormatError && e.file === 'a.jsonl' && /UTF-8/.test(e.detail));
  const empty = await readAll(labelstudio, memorySource('ls', { 'tasks.json': '\uFEFF[ ]\n' }));
  assert.deepEqual([empty.items.length, empty.errors.length], [0, 0]);
});

test('a 200,000-task JSON array streams: tasks come out while the file is still being read, one task held at a time', async () => {
  const total = 200_000;
  const encoder = new TextEncoder();
  let produced = 0; // tasks handed to the reader so far
  const taskText = (i: number) => `{"id": ${i}, "data": {"image": "/data/upload/1/img_${i}.jpg", "n": ${i}}, "annotations": [{"result": [{"id": "r${i}", "type": "rectanglelabels", "from_name": "tag", "to_name": "img", "original_width": 640, "original_height": 480, "image_rotation": 0, "value": {"x": 10, "y": 10, "width": 20, "height": 20, "rotation": 0, "rectanglelabels": ["Car"]}}], "completed_by": 1}]}`;
  let size = 0;
  const file: SourceFile = {
    path: 'big.json',
    get size() { return size; },
    bytes: async () => { throw new Error('the reader must stream, not read the whole file'); },
    async *chunks() {
      yield encoder.encode('[\n');
      for (let i = 0; i < total; i += 100) {
        let text = '';
        for (let k = i; k < Math.min(total, i + 100); k++) text += `${taskText(k)}${k + 1 < total ? ',' : ''}\n`;
        produced = Math.min(total, i + 100);
        const bytes = encoder.encode(text);
        size += bytes.length;
        // Cut each batch mid-task so that tasks span chunks.
        yield bytes.subarray(0, 777);
        yield bytes.subarray(777);
      }
      yield encoder.encode(']\n');
    },
  };
  let n = 0;
  let maxAhead = 0;
  for await (const r of labelstudio.read(sourceOf('big', [file]), noSizes)) {
    assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
    if (n % 10_000 === 0) {
      assert.equal(r.item.media, `/data/upload/1/img_${n}.jpg`);
      assert.equal(r.item.line, n + 2);
      assert.deepEqual(r.item.annotations[0]!.objects[0]!.geometry, { x: 64, y: 48, width: 128, height: 96 });
    }
    maxAhead = Math.max(maxAhead, produced - n);
    n++;
  }
  assert.equal(n, total);
  assert.ok(maxAhead <= 200, `the reader ran ${maxAhead} tasks ahead of what it yielded`);
});

test('other Label Studio shapes: a bare Rectangle labelled by a Labels result, vectors, open polygons, legacy completions, cuboids, HTML spans, a turned image', async () => {
  const size = { original_width: 100, original_height: 200, image_rotation: 0 };
  const tasks = [
    { data: { photo: 'https://cdn.example.com/a.webp?sig=1' }, completions: [{ result: [
      { id: 'b', type: 'rectangle', from_name: 'box', to_name: 'img', ...size, value: { x: 10, y: 10, width: 10, height: 10, rotation: 0 } },
      { id: 'b', type: 'labels', from_name: 'cls', to_name: 'img', ...size, value: { x: 10, y: 10, width: 10, height: 10, rotation: 0, labels: ['cat'] } },
      { id: 'v', type: 'vectorlabels', from_name: 'vec', to_name: 'img', ...size, value: { closed: false, vectorlabels: ['road'], vertices: [{ id: 'a', x: 0, y: 0 }, { id: 'b', x: 50, y: 50, prevPointId: 'a', isBezier: true }] } },
      { id: 'w', type: 'vectorlabels', from_name: 'vec', to_name: 'img', ...size, value: { closed: true, vectorlabels: ['lot'], vertices: [{ x: 0, y: 0 }, { x: 50, y: 0 }, { x: 50, y: 50 }] } },
      { id: 'o', type: 'polygonlabels', from_name: 'seg', to_name: 'img', ...size, value: { closed: false, polygonlabels: ['wire'], points: [[0, 0], [10, 10]] } },
      { id: 't', type: 'rectanglelabels', from_name: 'box', to_name: 'img', ...size, image_rotation: 90, value: { x: 0, y: 0, width: 1, height: 1, rectanglelabels: ['cat'] } },
      { id: 'e', type: 'ellipselabels', from_name: 'ell', to_name: 'img', ...size, value: { x: 1, y: 1, radiusX: 1, radiusY: 1, ellipselabels: ['cat'] } },
      { id: 'z', type: 'textarea', from_name: 'caption', to_name: 'img', value: { text: ['a cat'] } },
    ] }] },
    { data: { pcd: 'clouds/0001.pcd' }, annotations: [{ result: [
      { id: 'c', type: 'cuboid3d', from_name: 'label', to_name: 'pcd', value: { x: 1, y: 2, z: 0.5, dx: 4, dy: 2, dz: 1.5, yaw: 0.3, labels: ['car'], trackId: 't1' } },
    ] }] },
    { data: { html: '<p>hi</p>', text: 'hi' }, annotations: [{ result: [
      { id: 'h', type: 'hypertextlabels', from_name: 'h', to_name: 'html', value: { start: '/p[1]/text()[1]', end: '/p[1]/text()[1]', startOffset: 0, endOffset: 2, hypertextlabels: ['x'] } },
    ] }] },
  ];
  const { items, errors } = await readAll(labelstudio, memorySource('ls', { 'x.jsonl': tasks.map((t) => JSON.stringify(t)).join('\n') }));
  assert.deepEqual(errors, []);
  const [img, cloud, html] = items;
  assert.equal(img!.media, 'https://cdn.example.com/a.webp?sig=1');
  assert.equal((img!.metadata.labelstudio as { dataKey: string }).dataKey, 'photo');
  assert.deepEqual(img!.annotations[0]!.objects.map((o) => [o.id, o.kind, o.label, o.geometry]), [
    ['b', 'bbox2d', 'cat', { x: 10, y: 20, width: 10, height: 20 }],
    ['v', 'polyline', 'road', { points: [[0, 0], [50, 100]] }],
    ['w', 'polygon', 'lot', { points: [[0, 0], [50, 0], [50, 100]] }],
    ['o', 'polyline', 'wire', { points: [[0, 0], [10, 20]] }],
  ]);
  assert.deepEqual(img!.notes.map((n) => [n.kind, n.reason, n.field]), [
    ['mapped', 'bezier vertices as corners', 'completions[0].result[2].value.vertices'],
    ['mapped', 'open polygon as polyline', 'completions[0].result[4]'],
    ['dropped', 'rectanglelabels on a turned image', 'completions[0].result[5].image_rotation'],
    ['dropped', 'ellipselabels', 'completions[0].result[6]'],
    ['dropped', 'textarea', 'completions[0].result[7]'],
  ]);
  assert.equal(cloud!.kind, 'pointcloud');
  assert.deepEqual(cloud!.annotations[0]!.objects[0]!.geometry, { x: 1, y: 2, z: 0.5, dx: 4, dy: 2, dz: 1.5, yaw: 0.3 });
  assert.equal(cloud!.annotations[0]!.objects[0]!.trackId, 't1');
  assert.equal(html!.kind, 'text');
  assert.equal(html!.metadata.html, '<p>hi</p>');
  assert.deepEqual(html!.notes.map((n) => n.reason), ['hypertextlabels']);
  // A cloud and its cuboid go back out as they came.
  const back = await roundTrip(labelstudio, asExportItems([cloud!]));
  assertSameObjects(back.items[0]!.annotations[0]!.objects, cloud!.annotations[0]!.objects);
  assert.equal(back.items[0]!.media, 'clouds/0001.pcd');
});

test('any field of a task replaced by a value of another type gives problems or notes, never an exception', async () => {
  const tasks = [...(JSON.parse(imageExport) as unknown[]), ...nerLines.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as unknown)];
  const paths: Array<Array<string | number>> = [];
  const walk = (v: unknown, path: Array<string | number>) => {
    paths.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  tasks.forEach((t, i) => walk(t, [i]));
  let runs = 0;
  for (const path of paths) {
    if (path.length < 2) continue;
    for (const bad of [null, -1, 'x', [], {}, [1, 'a']]) {
      const copy = structuredClone(tasks) as any[];
      let at: any = copy;
      for (const k of path.slice(0, -1)) at = at[k];
      at[path.at(-1)!] = bad;
      const { items, errors } = await readAll(labelstudio, memorySource('f', { 'f.jsonl': copy.map((t) => JSON.stringify(t)).join('\n') }), sizesByName({ '0002.png': { width: 10, height: 10 } }));
      for (const e of errors) {
        assert.ok(e.file === 'f.jsonl' && e.line >= 1 && e.field !== '' && e.message !== '', JSON.stringify(e));
        assert.doesNotMatch(e.message, /TypeError|Cannot read|is not a function/);
      }
      for (const it of items) for (const set of [...it.annotations, ...it.predictions]) for (const o of set.objects) {
        assert.ok(o.id !== '' && typeof o.label === 'string', JSON.stringify(o));
        assert.deepEqual(geometryKinds[o.kind].validate(o.geometry as never).filter((i) => !/outside the image/.test(i.message)), [], `${JSON.stringify(path)} = ${JSON.stringify(bad)}: ${JSON.stringify(o)}`);
      }
      runs++;
    }
  }
  assert.ok(runs > 500, `${runs} runs`);
});
