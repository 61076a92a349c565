import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pickThreshold, wilsonLower } from './calibrate.ts';

test('the Wilson lower bound is below the observed rate and tightens with more evidence', () => {
  // 95 of 100: the one-sided 95% bound is about 0.900 (textbook value 0.8996).
  assert.ok(Math.abs(wilsonLower(95, 100) - 0.8996) < 0.002, String(wilsonLower(95, 100)));
  assert.ok(wilsonLower(19, 20) < wilsonLower(190, 200));
  assert.ok(wilsonLower(1000, 1000) < 1);
  assert.equal(wilsonLower(0, 0), 0);
});

test('the threshold is the lowest score whose accepted items bound above the target, not the point estimate', () => {
  // 200 items: the top 150 all right, then alternating right and wrong.
  const sample = Array.from({ length: 200 }, (_, i) => ({ score: 1 - i / 200, correct: i < 150 || i % 2 === 0 }));
  const t = pickThreshold(sample, 0.95);
  assert.ok(t.n >= 150 && t.n < 200, `accepts ${t.n}`);
  assert.ok(t.lowerBound >= 0.95);
  // A lower threshold by one step would break the bound.
  const next = sample.slice(0, t.n + 1);
  assert.ok(wilsonLower(next.filter((s) => s.correct).length, next.length) < 0.95 || t.n + 1 > 200);
  // 20 lucky items are not evidence enough for 95%.
  assert.equal(pickThreshold(sample.slice(0, 20), 0.95).threshold, Infinity);
});

test('tied scores are accepted or refused together', () => {
  const sample = [...Array.from({ length: 60 }, () => ({ score: 0.9, correct: true })), ...Array.from({ length: 60 }, (_, i) => ({ score: 0.5, correct: i < 30 }))];
  const t = pickThreshold(sample, 0.9);
  assert.equal(t.threshold, 0.9);
  assert.equal(t.n, 60);
  assert.throws(() => pickThreshold(sample, 1.2), /between 0 and 1/);
});
