import assert from 'node:assert/strict';
import { test } from 'node:test';
import { batchVerdict, drawSample, sampleSize } from './sampling.ts';

test('sampleSize is ceil(rate × size), at least one, at most the batch', () => {
  assert.equal(sampleSize(50, 0.1), 5);
  assert.equal(sampleSize(51, 0.1), 6);
  assert.equal(sampleSize(30, 0.1), 3);
  assert.equal(sampleSize(3, 0.1), 1);
  assert.equal(sampleSize(4, 2), 4);
  assert.equal(sampleSize(0, 0.1), 0);
});

test('drawSample is deterministic, order-free and nested', () => {
  const ids = Array.from({ length: 100 }, (_, i) => `task-${i}`);
  const s = drawSample(ids, 10, 'batch-7');
  assert.equal(new Set(s).size, 10);
  assert.deepEqual(drawSample(ids.slice().reverse(), 10, 'batch-7'), s);
  assert.notDeepEqual(drawSample(ids, 10, 'batch-8'), s);
  assert.deepEqual(drawSample(ids, 15, 'batch-7').slice(0, 10), s);
  assert.equal(drawSample(ids, 500, 'x').length, 100);
});

test('batchVerdict accepts at or above the threshold; double sampling defers near it', () => {
  assert.deepEqual(batchVerdict({ inspected: 5, correct: 4, threshold: 0.8 }), { accuracy: 0.8, accepted: true, decided: true });
  assert.equal(batchVerdict({ inspected: 5, correct: 3, threshold: 0.8 }).accepted, false);
  const plan = { margin: 0.1, maxInspected: 10 };
  assert.equal(batchVerdict({ inspected: 5, correct: 4, threshold: 0.8, secondSample: plan }).decided, false);
  assert.equal(batchVerdict({ inspected: 5, correct: 5, threshold: 0.8, secondSample: plan }).accepted, true);
  assert.equal(batchVerdict({ inspected: 10, correct: 8, threshold: 0.8, secondSample: plan }).accepted, true);
  // z-scaled band: at 2 inspected (SE 0.28) even 2 of 2 is undecided; at 20, 20 of 20 is decided.
  const z = { z: 1.5, maxInspected: 32 };
  assert.equal(batchVerdict({ inspected: 2, correct: 2, secondSample: z }).decided, false);
  assert.equal(batchVerdict({ inspected: 20, correct: 20, secondSample: z }).accepted, true);
  assert.equal(batchVerdict({ inspected: 20, correct: 15, secondSample: z }).decided, false);
  assert.equal(batchVerdict({ inspected: 32, correct: 25, secondSample: z }).accepted, false);
  assert.throws(() => batchVerdict({ inspected: 0, correct: 0 }));
});
