import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Cuboid3dGeometry } from '@cadre/core';
import { boxesToResults } from './cuboid.ts';
import { resultsToObjects } from './to-objects.ts';

const g = (yaw: number, extra: Partial<Record<'roll' | 'pitch', number>> = {}) => ({ x: 1, y: 2, z: 0.9, dx: 4.2, dy: 1.8, dz: 1.6, yaw, ...extra }) as Cuboid3dGeometry;

test('3D boxes stored as prediction results come back as cuboid objects with frame, track, tilt and score', () => {
  const results = boxesToResults([
    { label: 'Car', geometry: g(0.5, { roll: 0.01, pitch: -0.02 }), trackId: '12', frame: 3, score: 0.8 },
    { label: 'Pedestrian', geometry: g(-3) },
  ]);
  const objects = resultsToObjects(results, 'pred-1');
  assert.deepEqual(objects, [
    { id: 'pred-1:c0', label: 'Car', kind: 'cuboid3d', attributes: {}, predictionId: 'pred-1', geometry: g(0.5, { roll: 0.01, pitch: -0.02 }), trackId: '12', frame: 3, score: 0.8 },
    { id: 'pred-1:c1', label: 'Pedestrian', kind: 'cuboid3d', attributes: {}, predictionId: 'pred-1', geometry: g(-3) },
  ]);
});

test('a malformed cuboid result is left out, beside rectangles that still show', () => {
  const objects = resultsToObjects([
    { type: 'cuboid3d', value: { x: 1, y: 2, z: 0, dx: 4, dy: 2, dz: 'tall', yaw: 0, labels: ['Car'] } },
    { type: 'cuboid3d', value: { x: 1, y: 2, z: 0, dx: 4, dy: 2, dz: 1, yaw: 0 } },
    { type: 'rectanglelabels', original_width: 100, original_height: 100, value: { x: 10, y: 10, width: 20, height: 20, rectanglelabels: ['car'] } },
  ], 'p');
  assert.deepEqual(objects.map((o) => o.kind), ['bbox2d']);
});
