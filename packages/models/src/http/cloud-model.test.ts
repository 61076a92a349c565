// A 3D detector over HTTP, opened and asked over real HTTP, against a local server that reads the
// points as a model would (testing/cloud-model.ts) and misbehaves on demand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startCloudModel, type CloudModelOptions, type CloudModelServer } from '../testing/cloud-model.ts';
import { openCloudModel, type CloudModelSpec } from './index.ts';
import { rejectsWith } from '../testing/rejects.ts';

const T = { timeout: 20_000 };
// A car's worth of returns around (12, -3): the fake model boxes the points it was sent.
const positions = Float32Array.from({ length: 300 }, (_, i) => [12 + (i % 10) * 0.4 - 1.8, -3 + (Math.floor(i / 10) % 5) * 0.4 - 0.8, -1 + (i % 3) * 0.5][i % 3]!);
const frame = { name: 'scene-1/000042.pcd', index: 3, positions };

function around(ps: Float32Array) {
  let x = 0, y = 0, z = 0;
  for (let i = 0; i < ps.length; i += 3) { x += ps[i]!; y += ps[i + 1]!; z += ps[i + 2]!; }
  const n = ps.length / 3;
  return { x: x / n, y: y / n, z: z / n, dx: 4.2, dy: 1.8, dz: 1.5, yaw: 0.1, class: 'Car', score: 0.8 };
}

async function withModel(options: CloudModelOptions, fn: (server: CloudModelServer, spec: CloudModelSpec) => Promise<void>): Promise<void> {
  const server = await startCloudModel(options);
  try {
    await fn(server, { url: server.url, backoffMs: 1, timeoutMs: 5_000 });
  } finally {
    await server.close();
  }
}

test('the frame\'s points reach the model whole, and its boxes come back in metres, with the cost', T, async () => {
  await withModel({ answer: (f) => ({ boxes: [around(f.positions), { ...around(f.positions), x: 30, class: 'Pedestrian', dx: 0.6, dy: 0.6, dz: 1.7, score: undefined }], cost_minor: 2 }), requireHeaders: { authorization: 'Bearer t0ken' } }, async (server, spec) => {
    const out = await openCloudModel({ ...spec, headers: { Authorization: 'Bearer t0ken' } }).detect(frame);
    assert.deepEqual(server.frames.map((f) => [f.name, f.index, f.positions.length]), [[frame.name, 3, positions.length]]);
    assert.deepEqual([...server.frames[0]!.positions], [...positions], 'every coordinate arrives as sent');
    const car = around(positions);
    assert.deepEqual(out.boxes[0], car);
    assert.equal(out.boxes[1]!.score, 1, 'a box without a score counts as sure');
    assert.equal(out.costMinor, 2);
  });
});

test('a bare list of boxes (what `cadre pointcloud detect` prints) is an answer too; a single cloud has no index', T, async () => {
  await withModel({ answer: (f) => [around(f.positions)] }, async (server, spec) => {
    const out = await openCloudModel(spec).detect({ ...frame, index: null });
    assert.equal(out.boxes.length, 1);
    assert.equal(server.frames[0]!.index, null);
  });
});

test('a wrong answer names the field: NaN, a missing size, a flat box, a score above 1, no list', T, async () => {
  const bad: Array<[unknown, RegExp]> = [
    [{ boxes: [{ ...around(positions), x: Number.NaN }] }, /NaN or Infinity/],
    [{ boxes: [{ ...around(positions), dx: undefined }] }, /boxes\[0\]\.dx as nothing, expected a finite number/],
    [{ boxes: [around(positions), { ...around(positions), dz: 0 }] }, /boxes\[1\]\.dz as 0, expected a size above 0 metres/],
    [{ boxes: [{ ...around(positions), score: 7 }] }, /boxes\[0\]\.score as 7, expected a score from 0 to 1/],
    [{ boxes: [{ ...around(positions), class: '' }] }, /boxes\[0\]\.class as "", expected a non-empty string/],
    [{ objects: [] }, /boxes as nothing, expected a list/],
  ];
  for (const [json, re] of bad) {
    await withModel({}, async (server, spec) => {
      server.misbehave({ json });
      await rejectsWith(openCloudModel(spec).detect(frame), 'bad_response', new RegExp(server.url.replace(/[/.]/g, '\\$&').slice(0, -2)), re);
    });
  }
});

test('a busy model is asked again; one that refuses the frame, or cannot be reached, says so', T, async () => {
  await withModel({ answer: (f) => ({ boxes: [around(f.positions)] }) }, async (server, spec) => {
    server.misbehave({ status: 503 }, 2);
    assert.equal((await openCloudModel(spec).detect(frame)).boxes.length, 1, 'third time lucky');
    assert.equal(server.received.length, 3);
    server.misbehave({ status: 422, body: 'too many points' });
    await rejectsWith(openCloudModel(spec).detect(frame), 'bad_image', /answered 422/, /too many points/);
  });
  await rejectsWith(openCloudModel({ url: 'http://127.0.0.1:9/', tries: 1 }).detect(frame), 'unreachable', /cannot reach POST http:\/\/127\.0\.0\.1:9\//);
  const aborted = new AbortController();
  aborted.abort();
  await withModel({}, async (_server, spec) => { await rejectsWith(openCloudModel(spec).detect(frame, aborted.signal), 'cancelled'); });
});
