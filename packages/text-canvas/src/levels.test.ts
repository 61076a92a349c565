import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nestingLevels } from './levels.ts';

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
