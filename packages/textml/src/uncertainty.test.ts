import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '@cadre/core';
import { pickBatch, topClass, uncertainty } from './uncertainty.ts';

test('a close call is less sure than a clear one, by margin and by entropy', () => {
  const close = [0.45, 0.44, 0.11];
  const clear = [0.9, 0.05, 0.05];
  assert.ok(uncertainty(close, 'margin') > uncertainty(clear, 'margin'));
  assert.ok(uncertainty(close, 'entropy') > uncertainty(clear, 'entropy'));
  assert.deepEqual(topClass(close), { index: 0, score: 0.45 });
});

test('a batch takes the most uncertain items and a random share of the rest, never one twice', () => {
  const unsure = Array.from({ length: 100 }, (_, i) => i / 100);
  const b = pickBatch(unsure, 20, 0.25, seededRandom('t'));
  assert.deepEqual(b.uncertain, Array.from({ length: 15 }, (_, i) => 99 - i));
  assert.equal(b.random.length, 5);
  assert.equal(new Set([...b.uncertain, ...b.random]).size, 20);
  assert.ok(b.random.every((i) => i < 85));
  assert.equal(pickBatch(unsure.slice(0, 3), 20, 0, seededRandom('t')).uncertain.length, 3);
});
