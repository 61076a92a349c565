// Required attributes, geometry validity, inside the image, minimum box size and duplicates,
// each through runChecks the way the check stage calls it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LabeledObject } from '../annotation.ts';
import { runChecks } from './run.ts';
import { DEFAULT_CHECK_SETTINGS } from './settings.ts';
import { box, cuboid, ontology, payload } from './test-support.ts';
import type { CheckFailure } from './types.ts';

const image = { ontology, imageWidth: 1920, imageHeight: 1080 };
const only = (failures: CheckFailure[], check: string) => failures.filter((f) => f.check === check);

test('a required attribute left unset fails; an optional one does not', () => {
  const f = runChecks(payload(box('a', 10, 10, 50, 50, { note: 'x' }), box('b', 100, 10, 50, 50, { type: 'stop' })), image);
  assert.deepEqual(only(f, 'required-attributes'), [
    { check: 'required-attributes', objectId: 'a', message: 'required attribute “type” is not set', measured: 1, limit: 0, unit: 'attributes', severity: 'error' },
  ]);
  assert.equal(runChecks(payload(box('a', 10, 10, 50, 50, { type: '' })), image)[0]?.message, 'required attribute “type” is not set');
  assert.deepEqual(runChecks(payload(box('a', 10, 10, 50, 50, {})), image, { ...DEFAULT_CHECK_SETTINGS, requireAttributes: false }), []);
});

test('degenerate geometry fails whatever the settings', () => {
  const lane = (id: string, points: [number, number][]): LabeledObject => ({ id, label: 'lane', kind: 'polyline', attributes: {}, geometry: { points } });
  const road = (id: string, points: [number, number][]): LabeledObject => ({ id, label: 'road', kind: 'polygon', attributes: {}, geometry: { points } });
  const f = runChecks(payload(
    box('flat', 10, 10, 30, 0),
    lane('dot', [[5, 5], [5, 5], [5, 5]]),
    lane('ok-lane', [[5, 5], [9, 5]]),
    road('line', [[0, 0], [10, 10], [20, 20]]),
    road('bowtie', [[0, 0], [10, 10], [10, 0], [0, 10]]),
    road('square', [[0, 0], [10, 0], [10, 10], [0, 10]]),
    cuboid('thin', { dz: 0 }),
  ), image);
  assert.deepEqual(only(f, 'geometry').map((x) => [x.objectId, x.message]), [
    ['flat', 'box has zero area (30 × 0 px)'],
    ['dot', 'polyline has 1 distinct point; at least 2 needed'],
    ['line', 'polygon has zero area (all points on one line)'],
    ['bowtie', 'polygon crosses itself: edges 1–2 and 3–4 meet at (5, 5)'],
    ['thin', 'cuboid is 0 m high; it must be more than 0 m'],
  ]);
});

test('2D geometry outside the image fails with how far past which edge', () => {
  const f = runChecks(payload(box('a', 1900, 100, 32.5, 40), box('b', -3, 5, 40, 40), box('c', 0, 0, 1920, 1080)), image);
  assert.deepEqual(only(f, 'inside-image').map((x) => [x.objectId, x.message, x.measured, x.limit]), [
    ['a', 'box reaches 12.5 px past the right edge of the image (1920 × 1080 px); limit 0 px', 12.5, 0],
    ['b', 'box reaches 3 px past the left edge of the image (1920 × 1080 px); limit 0 px', 3, 0],
  ]);
  assert.deepEqual(only(runChecks(payload(box('a', 1900, 100, 32.5, 40)), image, { ...DEFAULT_CHECK_SETTINGS, insideImage: false }), 'inside-image'), []);
  // Without the image size only the left and top edges are known.
  assert.deepEqual(only(runChecks(payload(box('a', 1900, 100, 32.5, 40)), { ontology }), 'inside-image'), []);
});

test('boxes under the minimum size fail on their smaller side', () => {
  const f = runChecks(payload(box('narrow', 10, 10, 2.5, 30), box('low', 10, 10, 30, 3), box('fine', 10, 10, 4, 4)), image);
  assert.deepEqual(only(f, 'min-box-size').map((x) => [x.objectId, x.message, x.measured, x.limit, x.unit]), [
    ['narrow', 'box is 2.5 px wide; at least 4 px', 2.5, 4, 'px'],
    ['low', 'box is 3 px high; at least 4 px', 3, 4, 'px'],
  ]);
  assert.deepEqual(only(runChecks(payload(box('narrow', 10, 10, 2.5, 30)), image, { ...DEFAULT_CHECK_SETTINGS, minBoxSize: 0 }), 'min-box-size'), []);
});

test('two objects of one class on top of each other are duplicates; other classes and frames are not', () => {
  const sign = box('s1', 100, 100, 100, 100);
  const copy = box('s2', 101, 100, 100, 100); // IoU 0.98
  const moved = box('s3', 120, 100, 100, 100); // IoU 0.67
  const f = runChecks(payload(sign, copy, moved), image);
  assert.deepEqual(only(f, 'duplicate').map((x) => [x.objectId, x.message]), [['s2', 'overlaps another sign (s1) at IoU 0.98; duplicates from 0.95']]);
  const car = cuboid('c1', { x: 10 });
  const twin = cuboid('c2', { x: 10.02 });
  const nextFrame = cuboid('c3', { x: 10 }, 1);
  const cf = only(runChecks(payload(car, twin, nextFrame), { ontology }), 'duplicate');
  assert.deepEqual(cf.map((x) => x.objectId), ['c2']);
  assert.ok(cf[0]!.measured! > 0.98);
  assert.deepEqual(only(runChecks(payload(car, twin), { ontology }, { ...DEFAULT_CHECK_SETTINGS, duplicateIou: 1 }), 'duplicate'), []);
});

test('two copies of an L-shaped (non-convex) region are duplicates; the L and its bounding square are not', () => {
  const road = (id: string, points: [number, number][]): LabeledObject => ({ id, label: 'road', kind: 'polygon', attributes: {}, geometry: { points } });
  const l: [number, number][] = [[0, 0], [100, 0], [100, 40], [40, 40], [40, 100], [0, 100]];
  const f = runChecks(payload(road('l1', l), road('l2', l.map(([x, y]) => [x + 0.5, y] as [number, number])), road('square', [[0, 0], [100, 0], [100, 100], [0, 100]])), image);
  const dup = only(f, 'duplicate');
  assert.deepEqual(dup.map((x) => x.objectId), ['l2']);
  assert.ok(dup[0]!.measured! > 0.97 && dup[0]!.measured! < 1, `IoU ${dup[0]!.measured}`);
});
