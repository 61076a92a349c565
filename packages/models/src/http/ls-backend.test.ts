// A Label Studio ML backend opened and asked for predictions over real HTTP, against a local server
// that answers as label-studio-ml-backend does, and misbehaves as real ones do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA, needsSharedData } from '@cadre/core/testing';
import type { Detector } from '../types.ts';
import { openDetector } from '../open.ts';
import { lsKeypoint, lsPolygon, lsRectangle, startLsBackend, type LsBackendOptions, type LsBackendServer } from '../testing/ls-backend.ts';
import { openLsBackend, readLabelConfig, buildLabelConfig, type LsBackendSpec } from './index.ts';
import { rejectsWith } from '../testing/rejects.ts';

const T = { timeout: 20_000 };
const fast = { backoffMs: 1, timeoutMs: 5_000 };
const image = { name: 'street.jpg', url: 'http://files.example/street.jpg', width: 640, height: 480 };

async function withBackend(options: LsBackendOptions, fn: (server: LsBackendServer, spec: LsBackendSpec) => Promise<void>): Promise<void> {
  const server = await startLsBackend(options);
  try {
    await fn(server, { type: 'ls-backend', url: server.url, extraParams: { classes: ['car', 'person'] }, ...fast });
  } finally {
    await server.close();
  }
}

test('opening checks /health, sets the backend up with a config built from the classes, and names the model and version it answered', T, async () => {
  await withBackend({ modelClass: 'YOLO', modelVersion: 'yolo-v8n-3' }, async (server, spec) => {
    const d = await openDetector(spec);
    assert.deepEqual(d.info, { name: 'YOLO', version: 'yolo-v8n-3', classes: ['car', 'person'] });
    assert.deepEqual(server.received.map((r) => `${r.method} ${r.path}`), ['GET /health', 'POST /setup']);
    const setup = server.requests('/setup')[0]!.body as Record<string, unknown>;
    assert.equal(setup.project, '0.0');
    assert.deepEqual(setup.extra_params, { classes: ['car', 'person'] });
    const config = readLabelConfig(setup.schema as string);
    assert.deepEqual(config.classes, ['car', 'person']);
    assert.deepEqual(config.rectangle, { fromName: 'label', toName: 'image' });
    await d.close();
  });
});

test('rectangles in percent come back in pixels of the image, with the region score, else the prediction score, else 1', T, async () => {
  await withBackend({
    predict: () => ({
      score: 0.7,
      result: [
        lsRectangle('car', { x: 10, y: 20, width: 50, height: 25 }, { score: 0.9 }),
        lsRectangle('person', { x: 0, y: 0, width: 10, height: 10 }),
      ],
    }),
  }, async (server, spec) => {
    const d = await openLsBackend({ ...spec, project: 42 });
    const out = await d.detect(image);
    assert.deepEqual(out.proposals, [
      { class: 'car', x: 64, y: 96, w: 320, h: 120, score: 0.9 },
      { class: 'person', x: 0, y: 0, w: 64, h: 48, score: 0.7 },
    ]);
    assert.equal(out.skipped, undefined);
    assert.ok(out.machineMs >= 0);
    const sent = server.requests('/predict')[0]!.body as Record<string, any>;
    assert.equal(sent.project, '42.0');
    assert.equal(sent.tasks.length, 1);
    assert.deepEqual(sent.tasks[0].data, { image: image.url });
    assert.ok(Number.isInteger(sent.tasks[0].id) && sent.tasks[0].id > 0);
    assert.equal(sent.label_config, (server.requests('/setup')[0]!.body as any).schema);

    server.predictor = () => ({ result: [lsRectangle('car', { x: 0, y: 0, width: 10, height: 10 })] });
    const unscored = await d.detect({ ...image, name: 'b.jpg', url: 'http://files.example/b.jpg' });
    assert.equal(unscored.proposals[0]!.score, 1);
    const ids = server.requests('/predict').map((r) => (r.body as any).tasks[0].id);
    assert.notEqual(ids[0], ids[1], 'two images are two tasks');
  });
});

test('a given labeling config names the classes, the data key and the controls; the task carries the image under that key', T, async () => {
  const labelConfig = `<View><Image name="photo" value="$img" zoom="true"/>
    <RectangleLabels name="boxes" toName="photo"><Label value="Cat &amp; kitten" background="red"/><Label value='dog'/></RectangleLabels></View>`;
  await withBackend({ predict: (task) => ({ result: [lsRectangle('dog', { x: 50, y: 50, width: 50, height: 50 }, { fromName: 'boxes', toName: 'photo' })], seen: task.data }) }, async (server, spec) => {
    const d = await openLsBackend({ type: 'ls-backend', url: spec.url, labelConfig, ...fast });
    assert.deepEqual(d.info.classes, ['Cat & kitten', 'dog']);
    const out = await d.detect(image);
    assert.deepEqual((server.requests('/predict')[0]!.body as any).tasks[0].data, { img: image.url });
    assert.equal((server.requests('/setup')[0]!.body as any).schema, labelConfig);
    assert.deepEqual(out.proposals.map((p) => [p.class, p.x, p.y, p.w, p.h]), [['dog', 320, 240, 320, 240]]);
  });
  const built = readLabelConfig(buildLabelConfig(['a "quoted" <class>', "it's"]));
  assert.deepEqual(built.classes, ['a "quoted" <class>', "it's"]);
});

test('without the image size, original_width/original_height place the regions; with neither the error says what is missing', T, async () => {
  await withBackend({ predict: () => ({ result: [lsRectangle('car', { x: 50, y: 50, width: 10, height: 20 }, { original: { width: 1000, height: 500 } })] }) }, async (server, spec) => {
    const d = await openLsBackend(spec);
    const out = await d.detect({ name: 'x.jpg', url: 'http://files.example/x.jpg' });
    assert.deepEqual(out.proposals.map((p) => [p.x, p.y, p.w, p.h]), [[500, 250, 100, 100]]);
    server.predictor = () => ({ result: [lsRectangle('car', { x: 50, y: 50, width: 10, height: 20 })] });
    await rejectsWith(d.detect({ name: 'x.jpg', url: 'http://files.example/x.jpg' }), 'bad_image', /original_width/, /image's size is unknown/, /results\[0\]\.result\[0\]/);
  });
});

test('an image with bytes and no URL is sent as a data: URI, and its size is read from its header', { ...T, ...needsSharedData }, async () => {
  const bytes = new Uint8Array(readFileSync(join(SHARED_DATA, 'images/coco128/images/train2017/000000000009.jpg')));
  await withBackend({ predict: () => ({ result: [lsRectangle('car', { x: 0, y: 0, width: 100, height: 100 })] }) }, async (server, spec) => {
    const d = await openLsBackend(spec);
    const out = await d.detect({ name: '000000000009.jpg', bytes });
    const sent = (server.requests('/predict')[0]!.body as any).tasks[0].data.image as string;
    assert.ok(sent.startsWith('data:image/jpeg;base64,'));
    assert.deepEqual(new Uint8Array(Buffer.from(sent.slice('data:image/jpeg;base64,'.length), 'base64')), bytes);
    assert.deepEqual(out.proposals.map((p) => [p.w, p.h]), [[640, 480]], 'the whole coco image, 640 × 480');
    await rejectsWith(d.detect({ name: 'notes.txt', bytes: new TextEncoder().encode('hello') }), 'bad_image', /notes\.txt/, /neither JPEG nor PNG/);
    await rejectsWith(d.detect({ name: 'nothing.jpg' }), 'bad_image', /nothing\.jpg/, /neither a URL nor bytes/);
  });
});

test('a turned rectangle becomes its upright bounding box and keeps its corners as the polygon; a polygon keeps its points', T, async () => {
  await withBackend({
    predict: () => ({
      result: [
        lsRectangle('car', { x: 50, y: 10, width: 10, height: 20 }, { rotation: 90, score: 0.8 }),
        lsPolygon('person', [[10, 10], [20, 10], [15, 30]], 0.6),
      ],
    }),
  }, async (_server, spec) => {
    const d = await openLsBackend(spec);
    const [turned, poly] = (await d.detect({ ...image, width: 100, height: 100 })).proposals;
    // 10 × 20 px at (50, 10), turned 90° clockwise about its top-left corner: it now spans x 30..50, y 10..20.
    assert.equal(turned!.class, 'car');
    assert.deepEqual([turned!.x, turned!.y, turned!.w, turned!.h].map((v) => Math.round(v * 1e9) / 1e9), [30, 10, 20, 10]);
    assert.deepEqual(turned!.polygon!.map((v) => Math.round(v * 1e9) / 1e9), [50, 10, 50, 20, 30, 20, 30, 10]);
    assert.deepEqual(poly, { class: 'person', x: 10, y: 10, w: 10, h: 20, score: 0.6, polygon: [10, 10, 20, 10, 15, 30] });
  });
});

test('keypoints, brushes and choices are counted in skipped, not silently dropped', T, async () => {
  await withBackend({
    predict: () => ({
      result: [
        lsRectangle('car', { x: 0, y: 0, width: 10, height: 10 }, { score: 0.9 }),
        lsKeypoint('nose', 5, 5, 0.9), lsKeypoint('eye', 6, 5, 0.9),
        { from_name: 'mask', to_name: 'image', type: 'brushlabels', value: { format: 'rle', rle: [1, 2], brushlabels: ['car'] } },
        { from_name: 'weather', to_name: 'image', type: 'choices', value: { choices: ['sunny'] } },
      ],
    }),
  }, async (_server, spec) => {
    const out = await (await openLsBackend(spec)).detect(image);
    assert.equal(out.proposals.length, 1);
    assert.deepEqual(out.skipped, [{ type: 'keypointlabels', count: 2 }, { type: 'brushlabels', count: 1 }, { type: 'choices', count: 1 }]);
  });
});

test('the version follows what predictions say (per prediction, or at the top as older backends wrote it); thresholds apply', T, async () => {
  await withBackend({ modelVersion: null, legacy: true, predict: () => ({ result: [lsRectangle('car', { x: 0, y: 0, width: 10, height: 10 }, { score: 0.3 })] }) }, async (server, spec) => {
    const d = await openLsBackend({ ...spec, minScore: 0.5 });
    assert.equal(d.info.version, 'unknown');
    server.modelVersion = 'trained-2';
    const out = await d.detect(image);
    assert.equal(d.info.version, 'trained-2');
    assert.deepEqual(out.proposals, [], 'a 0.3 box under a 0.5 threshold');
    server.predictor = () => [{ result: [], model_version: 'trained-3' }, { result: [lsRectangle('car', { x: 0, y: 0, width: 1, height: 1 })] }];
    await d.detect(image);
    assert.equal(d.info.version, 'trained-3', 'of several predictions for a task, the first is read');
    assert.equal((server.requests('/predict')[1]!.body as any).model_version, 'trained-2', 'the known version goes with the request');
  });
});

test('a backend that is down, not UP, or not a backend at all cannot be opened, and the error names the URL', T, async () => {
  await withBackend({}, async (server, spec) => {
    server.misbehave('/health', { status: 500 }, 3);
    await rejectsWith(openLsBackend(spec), 'unreachable', new RegExp(`${server.url}health`), /answered 500/, /after 3 tries/);
    assert.equal(server.requests('/health').length, 3, 'three tries');

    server.misbehave('/health', { json: { status: 'DOWN', model_class: 'X' } });
    await rejectsWith(openLsBackend(spec), 'unreachable', /status "DOWN", not "UP"/);

    server.misbehave('/setup', { status: 404, body: 'Not Found' });
    await rejectsWith(openLsBackend(spec), 'unreachable', /setup answered 404: no such route/);

    await rejectsWith(openLsBackend({ ...spec, project: undefined, extraParams: undefined }), 'bad_model', /labelConfig or extraParams\.classes/);
    await rejectsWith(openLsBackend({ ...spec, labelConfig: '<View><Text name="t" value="$text"/></View>' }), 'bad_model', /no <Image> tag/);
  });
  const closed = await startLsBackend();
  const url = closed.url;
  await closed.close();
  await rejectsWith(openLsBackend({ type: 'ls-backend', url, extraParams: { classes: ['a'] }, ...fast }), 'unreachable', new RegExp(`cannot reach GET ${url}health`), /ECONNREFUSED/, /after 3 tries/);
});

test('5xx and dropped connections are retried with backoff; a third failure is reported with its status', T, async () => {
  await withBackend({ predict: () => ({ result: [lsRectangle('car', { x: 0, y: 0, width: 10, height: 10 }, { score: 0.9 })] }) }, async (server, spec) => {
    const d = await openLsBackend(spec);
    server.misbehave('/predict', { status: 503 }).misbehave('/predict', { reset: true });
    assert.equal((await d.detect(image)).proposals.length, 1);
    assert.equal(server.requests('/predict').length, 3);

    server.misbehave('/predict', { status: 500, body: 'Traceback (most recent call last): KeyError: \'image\'' }, 3);
    await rejectsWith(d.detect(image), 'unreachable', /predict answered 500/, /KeyError/, /after 3 tries/);
    assert.equal(server.requests('/predict').length, 6);
  });
});

test('answers that are not the protocol are refused, naming the URL and the field', T, async () => {
  await withBackend({}, async (server, spec) => {
    const d = await openLsBackend(spec);
    const predictUrl = new RegExp(`${server.url}predict`);

    server.misbehave('/predict', { invalidJson: true });
    await rejectsWith(d.detect(image), 'bad_response', predictUrl, /not JSON/, /Internal proxy error/);

    server.misbehave('/predict', { json: { predictions: [] } });
    await rejectsWith(d.detect(image), 'bad_response', predictUrl, /answered results as nothing, expected a list/);

    server.misbehave('/predict', { json: { results: [{ result: [] }, { result: [] }] } });
    await rejectsWith(d.detect(image), 'bad_response', /results with 2 entries for 1 task/);

    server.misbehave('/predict', { json: { results: [] } });
    await rejectsWith(d.detect(image), 'bad_response', /results with 0 entries for 1 task/);

    server.misbehave('/predict', { json: { results: [{ score: 0.5 }] } });
    await rejectsWith(d.detect(image), 'bad_response', /results\[0\]\.result as nothing, expected a list/);

    server.misbehave('/predict', { json: { results: [{ result: [lsRectangle('car', { x: Number.NaN, y: 0, width: 10, height: 10 })] }] } });
    await rejectsWith(d.detect(image), 'bad_response', predictUrl, /not JSON: NaN or Infinity/, /"x":NaN/);

    server.misbehave('/predict', { json: { results: [{ result: [{ ...lsRectangle('car', { x: 0, y: 0, width: 10, height: 10 }), value: { x: null, y: 0, width: 10, height: 10, rectanglelabels: ['car'] } }] }] } });
    await rejectsWith(d.detect(image), 'bad_response', /results\[0\]\.result\[0\]\.value\.x as null, expected a finite number/);

    server.misbehave('/predict', { json: { results: [{ result: [lsRectangle('car', { x: 0, y: 0, width: -5, height: 10 })] }] } });
    await rejectsWith(d.detect(image), 'bad_response', /value\.width as -5, expected a size of 0 or more/);

    server.misbehave('/predict', { json: { results: [{ result: [{ ...lsRectangle('car', { x: 0, y: 0, width: 5, height: 10 }), value: { x: 0, y: 0, width: 5, height: 10, rectanglelabels: [] } }] }] } });
    await rejectsWith(d.detect(image), 'bad_response', /rectanglelabels\[0\] as nothing/);

    server.misbehave('/predict', { json: { results: [{ result: [lsPolygon('car', [[0, 0], [1, 1]])] }] } });
    await rejectsWith(d.detect(image), 'bad_response', /value\.points with 2 points, expected at least 3/);

    server.misbehave('/predict', { json: { results: [{ result: [lsRectangle('car', { x: 0, y: 0, width: 5, height: 10 }, { score: 7 })] }] } });
    await rejectsWith(d.detect(image), 'bad_response', /result\[0\]\.score as 7, expected a score from 0 to 1/);

    assert.equal((await d.detect(image)).proposals.length, 0, 'and the next good answer is read as usual');
  });
});

test('a slow backend is given up on after the timeout, once; a hanging one stops when the caller aborts', T, async () => {
  await withBackend({}, async (server, spec) => {
    const d = await openLsBackend({ ...spec, timeoutMs: 200 });
    server.misbehave('/predict', { delayMs: 5_000 });
    await rejectsWith(d.detect(image), 'unreachable', /predict did not answer within 0\.20 s/, /not retried/);
    assert.equal(server.requests('/predict').length, 1);

    const d2 = await openLsBackend(spec);
    server.misbehave('/predict', { hang: true }, Infinity);
    const stop = new AbortController();
    const pending = d2.detect(image, stop.signal);
    setTimeout(() => stop.abort(), 50);
    await rejectsWith(pending, 'cancelled', /predict cancelled/);
    await rejectsWith(d2.detect(image, stop.signal), 'cancelled');
  });
});

test('credentials in the URL become Basic authorization and never appear in errors', T, async () => {
  await withBackend({ basicAuth: { user: 'ml', pass: 's3cret' } }, async (server, spec) => {
    const withCreds = server.url.replace('http://', 'http://ml:s3cret@');
    const d = await openLsBackend({ ...spec, url: withCreds });
    assert.equal(d.info.name, 'TestModel');
    server.misbehave('/predict', { status: 500 }, 3);
    const err = await rejectsWith(d.detect(image), 'unreachable');
    assert.doesNotMatch(err.message, /s3cret/);
    const refused = await rejectsWith(openLsBackend({ ...spec, url: server.url.replace('http://', 'http://ml:wrong@') }), 'unreachable', /refused the credentials \(401\)/);
    assert.doesNotMatch(refused.message, /wrong/);
  });
});
