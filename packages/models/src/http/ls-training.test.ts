// Training events reach a Label Studio ML backend's /webhook in the shape Label Studio sends, and a
// backend that fails never throws into the caller.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startLsBackend } from '../testing/ls-backend.ts';
import { readLabelConfig, sendTrainingEvent, type LsBackendSpec, type TrainingEvent } from './index.ts';

const T = { timeout: 20_000 };
const created: TrainingEvent = {
  action: 'ANNOTATION_CREATED',
  item: { url: 'http://files.example/street.jpg', width: 640, height: 480 },
  annotation: {
    id: 17,
    completedBy: 3,
    objects: [
      { class: 'car', x: 64, y: 96, w: 320, h: 120 },
      { class: 'person', x: 0, y: 0, w: 64, h: 48, polygon: [0, 0, 64, 0, 32, 48] },
    ],
  },
};

test('an accepted annotation goes to /webhook as Label Studio sends it: project id and config, the task, regions in percent', T, async () => {
  const server = await startLsBackend({ fit: (action, data) => ({ action, regions: (data.annotation as { result?: unknown[] } | undefined)?.result?.length ?? 0 }) });
  try {
    const spec: LsBackendSpec = { type: 'ls-backend', url: server.url, extraParams: { classes: ['car', 'person'] }, project: '7.1700000000', backoffMs: 1 };
    const out = await sendTrainingEvent(spec, created);
    assert.deepEqual(out, { ok: true, status: 201, answer: { result: { action: 'ANNOTATION_CREATED', regions: 2 }, status: 'ok' } });
    const body = server.requests('/webhook')[0]!.body as Record<string, any>;
    assert.equal(body.action, 'ANNOTATION_CREATED');
    assert.equal(body.project.id, 7);
    assert.deepEqual(readLabelConfig(body.project.label_config).classes, ['car', 'person']);
    assert.deepEqual(body.task.data, { image: 'http://files.example/street.jpg' });
    assert.equal(body.annotation.task, body.task.id);
    assert.equal(body.annotation.completed_by, 3);
    // No polygon control in a config built from classes: the outline goes as its box.
    assert.deepEqual(body.annotation.result.map((r: any) => [r.type, r.from_name, r.to_name, r.value.rectanglelabels[0], r.value.x, r.value.y, r.value.width, r.value.height, r.original_width]),
      [['rectanglelabels', 'label', 'image', 'car', 10, 20, 50, 25, 640], ['rectanglelabels', 'label', 'image', 'person', 0, 0, 10, 10, 640]]);

    const withPolygons = `<View><Image name="img" value="$image"/><RectangleLabels name="box" toName="img"><Label value="car"/></RectangleLabels>
      <PolygonLabels name="outline" toName="img"><Label value="person"/></PolygonLabels></View>`;
    await sendTrainingEvent({ type: 'ls-backend', url: server.url, labelConfig: withPolygons }, created);
    const poly = (server.requests('/webhook')[1]!.body as any).annotation.result[1];
    assert.deepEqual([poly.type, poly.from_name, poly.to_name, poly.value.polygonlabels], ['polygonlabels', 'outline', 'img', ['person']]);
    assert.deepEqual(poly.value.points, [[0, 0], [10, 0], [5, 10]]);

    assert.deepEqual(await sendTrainingEvent(spec, { action: 'START_TRAINING' }), { ok: true, status: 201, answer: { result: { action: 'START_TRAINING', regions: 0 }, status: 'ok' } });
  } finally {
    await server.close();
  }
});

test('a failing, unknowing or absent backend is reported in the result, never thrown', T, async () => {
  const server = await startLsBackend();
  const spec: LsBackendSpec = { type: 'ls-backend', url: server.url, extraParams: { classes: ['car'] }, backoffMs: 1, timeoutMs: 300 };
  try {
    server.misbehave('/webhook', { status: 500, body: 'KeyError: annotation' }, 3);
    const failed = await sendTrainingEvent(spec, created);
    assert.equal(failed.ok, false);
    assert.match(!failed.ok ? failed.error : '', /webhook answered 500: KeyError: annotation \(after 3 tries\)/);

    server.misbehave('/webhook', { json: { status: 'Unknown event' } });
    const unknown = await sendTrainingEvent(spec, created);
    assert.deepEqual(unknown, { ok: false, error: `${server.url}webhook did not know the event ANNOTATION_CREATED`, code: 'bad_response' });

    server.misbehave('/webhook', { delayMs: 3_000 });
    const slow = await sendTrainingEvent(spec, created);
    assert.equal(slow.ok, false);
    assert.match(!slow.ok ? slow.error : '', /did not answer within 0\.30 s/);

    const bad = await sendTrainingEvent(spec, { action: 'ANNOTATION_CREATED', annotation: created.annotation });
    assert.deepEqual(bad, { ok: false, error: "training event ANNOTATION_CREATED needs the item's url, width and height", code: 'bad_image' });
    const noAction = await sendTrainingEvent(spec, { action: 'DELETE_EVERYTHING' as never });
    assert.equal(noAction.ok, false);
  } finally {
    await server.close();
  }
  const gone = await sendTrainingEvent(spec, { action: 'START_TRAINING' });
  assert.equal(gone.ok, false);
  assert.match(!gone.ok ? gone.error : '', /cannot reach POST .*webhook: ECONNREFUSED/);
});
