import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bounds, heightRange } from './bounds.ts';

const positions = Float32Array.from([1, -2, 0.5, -3, 4, -1, 2, 0, 10]);

test('bounds spans every axis', () => {
  assert.deepEqual(bounds(positions), { min: [-3, -2, -1], max: [2, 4, 10] });
  assert.equal(bounds(new Float32Array(0)), null);
});

test('heightRange gives the z extent, and clip trims stray points at each end', () => {
  assert.deepEqual(heightRange(positions), { min: -1, max: 10 });
  const z = Float32Array.from({ length: 100 }, (_, i) => i);
  const column = new Float32Array(300);
  z.forEach((v, i) => (column[i * 3 + 2] = v));
  assert.deepEqual(heightRange(column, 0.05), { min: 5, max: 94 });
  assert.equal(heightRange(new Float32Array(0)), null);
});
