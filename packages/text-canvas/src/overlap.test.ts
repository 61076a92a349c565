import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nestingLevels } from './levels.ts';
import { checkPlacement } from './overlap.ts';

const spans = [
  { id: 's1', label: 'Disease', start: 10, end: 20 },
  { id: 's2', label: 'Gene', start: 30, end: 35 },
];

test('overlap forbidden: refused with a reason naming the span it overlaps; touching is fine', () => {
  const r = checkPlacement({ start: 15, end: 32 }, spans, false);
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.overlaps?.id, 's1');
    assert.match(r.reason, /s1 \(Disease, \[10, 20\)\)/);
  }
  assert.ok(checkPlacement({ start: 20, end: 30 }, spans, false).ok);
  assert.ok(checkPlacement({ start: 15, end: 32 }, spans, true).ok, 'allowed when the project allows overlap');
  assert.ok(checkPlacement({ start: 12, end: 18 }, spans, false, 's1').ok, 'the span being adjusted does not count');
});

test('nesting levels: outer spans low, each overlap on its own level, the fewest levels', () => {
  const levels = nestingLevels([
    { start: 0, end: 30 }, // outer
    { start: 5, end: 10 }, // inside it
    { start: 8, end: 20 }, // crosses the second
    { start: 12, end: 14 }, // inside the third, free of the second
    { start: 40, end: 50 }, // alone
  ]);
  assert.deepEqual([...levels], [0, 1, 2, 1, 0]);
  assert.deepEqual([...nestingLevels([{ start: 0, end: 5 }, { start: 0, end: 9 }])], [1, 0], 'same start: the longer is outer');
});
