// A plain HTTP model opened and asked over real HTTP, against a local server that answers Cadre's
// contract (docs/models-http.md) and misbehaves on demand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDetector } from '../open.ts';
import { startHttpModel, type HttpModelOptions, type HttpModelServer } from '../testing/http-model.ts';
import { openHttpModel, type HttpModelSpec } from './index.ts';
import { rejectsWith } from '../testing/rejects.ts';

const T = { timeout: 20_000 };
const image = { name: 'street.jpg', url: 'http://files.example/street.jpg', width: 640, height: 480 };
const car = { class: 'car', x: 10, y: 20, w: 100, h: 50, score: 0.9 };

async function withModel(options: HttpModelOptions, fn: (server: HttpModelServer, spec: HttpModelSpec) => Promise<void>): Promise<void> {
  const server = await startHttpModel(options);
  try {
    await fn(server, { type: 'http', url: server.url, backoffMs: 1, timeoutMs: 5_000 });
  } finally {
    await server.close();
  }
}

test('GET names the model; POST sends the image URL and size and answers objects in pixels, with the cost', T, async () => {
  await withModel({
    info: { name: 'acme-detector', version: '2024.1', classes: ['car', 'truck'] },
    answer: () => ({ model: { name: 'acme-detector', version: '2024.1' }, objects: [car, { ...car, class: 'truck', x: 300, score: 0.5, polygon: [300, 20, 400, 20, 350, 70] }], cost_minor: 3 }),
    requireHeaders: { authorization: 'Bearer t0ken' },
  }, async (server, spec) => {
    const d = await openDetector({ ...spec, headers: { Authorization: 'Bearer t0ken' } });
    assert.deepEqual(d.info, { name: 'acme-detector', version: '2024.1', classes: ['car', 'truck'] });
    const out = await d.detect(image);
    assert.deepEqual(out.proposals, [car, { ...car, class: 'truck', x: 300, score: 0.5, polygon: [300, 20, 400, 20, 350, 70] }]);
    assert.equal(out.costMinor, 3);
    assert.deepEqual(server.requests('POST')[0]!.body, { image: { name: 'street.jpg', url: image.url, width: 640, height: 480 } });
    assert.equal(server.requests('POST')[0]!.headers.authorization, 'Bearer t0ken');
  });
});

test('an image with only bytes is sent as base64; a new version in an answer becomes the model\'s version', T, async () => {
  const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 32, 0, 0, 0, 16]);
  await withModel({ answer: () => ({ model: { name: 'test-detector', version: '1.0.1' }, objects: [] }) }, async (server, spec) => {
    const d = await openHttpModel(spec);
    assert.equal(d.info.version, '1.0.0');
    const out = await d.detect({ name: 'tiny.png', bytes });
    assert.deepEqual(out, { proposals: [], machineMs: out.machineMs });
    assert.deepEqual(server.requests('POST')[0]!.body, { image: { name: 'tiny.png', data_base64: Buffer.from(bytes).toString('base64'), width: 32, height: 16 } });
    assert.deepEqual(d.info, { name: 'test-detector', version: '1.0.1', classes: ['cat', 'dog'] });
  });
});

test('wrong credentials, a missing model and a model that refuses the image each say so', T, async () => {
  await withModel({ requireHeaders: { authorization: 'Bearer right' } }, async (server, spec) => {
    await rejectsWith(openHttpModel({ ...spec, headers: { authorization: 'Bearer wrong' } }), 'unreachable', new RegExp(`GET ${server.url} refused the credentials \\(401\\)`));
    const d = await openHttpModel({ ...spec, headers: { authorization: 'Bearer right' } });
    server.misbehave({ status: 413, body: '{"error": "image too large"}' });
    await rejectsWith(d.detect(image), 'bad_image', /answered 413: \{"error": "image too large"\}/);
    await rejectsWith(d.detect({ name: 'nothing.jpg' }), 'bad_image', /neither a URL nor bytes/);
    server.misbehave({ status: 404 });
    await rejectsWith(d.detect(image), 'unreachable', /answered 404: no such route there/);
  });
  await withModel({}, async (server, spec) => {
    server.misbehave({ status: 500 }, 3);
    const err = await rejectsWith(openHttpModel({ ...spec, url: `${server.url}?key=s3cret` }), 'unreachable', /answered 500/);
    assert.match(err.message, /\?…/);
    assert.doesNotMatch(err.message, /s3cret/);
    assert.equal(server.requests('GET').length, 3);
    assert.ok(server.requests('GET').every((r) => r.path === '/'));
  });
  await rejectsWith(openHttpModel({ type: 'http', url: 'ftp://models.example/x' }), 'bad_model', /must be http: or https:/);
  await rejectsWith(openHttpModel({ type: 'http', url: 'not a url' }), 'bad_model', /"not a url" is not a URL/);
});

test('5xx and dropped connections are retried; slow answers time out once; an abort cancels', T, async () => {
  await withModel({ answer: () => ({ objects: [car] }) }, async (server, spec) => {
    const d = await openHttpModel(spec);
    server.misbehave({ reset: true }).misbehave({ status: 502 });
    assert.deepEqual((await d.detect(image)).proposals, [car]);
    assert.equal(server.requests('POST').length, 3);

    server.misbehave({ status: 500 }, 3);
    await rejectsWith(d.detect(image), 'unreachable', /answered 500/, /after 3 tries/);

    const impatient = await openHttpModel({ ...spec, timeoutMs: 150 });
    server.misbehave({ delayMs: 3_000 });
    const before = server.requests('POST').length;
    await rejectsWith(impatient.detect(image), 'unreachable', /did not answer within 0\.15 s \(not retried\)/);
    assert.equal(server.requests('POST').length, before + 1);

    server.misbehave({ hang: true });
    const stop = new AbortController();
    const pending = d.detect(image, stop.signal);
    setTimeout(() => stop.abort(), 50);
    await rejectsWith(pending, 'cancelled');
  });
});

test('answers outside the contract are refused, naming the URL and the field', T, async () => {
  await withModel({}, async (server, spec) => {
    const d = await openHttpModel(spec);
    const cases: [unknown, RegExp][] = [
      [{ model: { name: 'x', version: '1' } }, /answered objects as nothing, expected a list/],
      [{ objects: [{ ...car, x: Number.NaN }] }, /not JSON: NaN or Infinity/],
      [{ objects: [{ ...car, w: -1 }] }, /objects\[0\]\.w as -1, expected a size of 0 or more/],
      [{ objects: [{ ...car, score: 1.5 }] }, /objects\[0\]\.score as 1\.5, expected a score from 0 to 1/],
      [{ objects: [{ ...car, score: undefined }] }, /objects\[0\]\.score as nothing/],
      [{ objects: [car, { ...car, class: '' }] }, /objects\[1\]\.class as "", expected a non-empty string/],
      [{ objects: [{ ...car, polygon: [1, 2, 3, 4, 5] }] }, /objects\[0\]\.polygon with 5 numbers/],
      [{ objects: [], cost_minor: 2.5 }, /cost_minor as 2\.5, expected a whole number/],
      [{ objects: [], model: { name: 'x' } }, /model\.version as nothing/],
      [[car], /answered the body as a list, expected an object/],
    ];
    for (const [json, re] of cases) {
      server.misbehave({ json });
      await rejectsWith(d.detect(image), 'bad_response', new RegExp(server.url.replace(/[.]/g, '\\.')), re);
    }
    server.misbehave({ invalidJson: true });
    await rejectsWith(d.detect(image), 'bad_response', /not JSON/);
  });
  await withModel({}, async (server, spec) => {
    server.misbehave({ json: { name: 'x', version: '1', classes: ['a', 7] } });
    await rejectsWith(openHttpModel(spec), 'bad_response', /classes\[1\] as 7/);
  });
});
