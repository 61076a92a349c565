import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreSpans, spansFromTags, tagsFromSpans } from './spans.ts';

test('spans read from BIO, IOB1 and BIOES tags alike', () => {
  const bio = ['O', 'B-Disease', 'I-Disease', 'O', 'B-Disease', 'B-Disease'];
  assert.deepEqual(spansFromTags(bio), [{ start: 1, end: 3, type: 'Disease' }, { start: 4, end: 5, type: 'Disease' }, { start: 5, end: 6, type: 'Disease' }]);
  assert.deepEqual(spansFromTags(['I-PER', 'I-PER', 'O', 'I-LOC']), [{ start: 0, end: 2, type: 'PER' }, { start: 3, end: 4, type: 'LOC' }]);
  assert.deepEqual(spansFromTags(['B-X', 'E-X', 'S-X', 'S-Y']), [{ start: 0, end: 2, type: 'X' }, { start: 2, end: 3, type: 'X' }, { start: 3, end: 4, type: 'Y' }]);
  assert.deepEqual(spansFromTags(['B-X', 'I-Y']), [{ start: 0, end: 1, type: 'X' }, { start: 1, end: 2, type: 'Y' }]);
  assert.deepEqual(tagsFromSpans(4, spansFromTags(['B-X', 'I-X', 'O', 'B-Y'])), ['B-X', 'I-X', 'O', 'B-Y']);
});

test('span scores count exact matches only and the sentences a person would leave untouched', () => {
  const s = scoreSpans([
    { gold: [{ start: 0, end: 2, type: 'D' }], predicted: [{ start: 0, end: 2, type: 'D' }] },
    { gold: [{ start: 0, end: 2, type: 'D' }], predicted: [{ start: 0, end: 1, type: 'D' }] },
    { gold: [], predicted: [] },
    { gold: [], predicted: [{ start: 3, end: 4, type: 'D' }] },
  ]);
  assert.equal(s.truePositives, 1);
  assert.equal(s.precision, 1 / 3);
  assert.equal(s.recall, 1 / 2);
  assert.equal(s.untouched, 2 / 4);
  assert.equal(s.untouchedWithSpans, 1 / 3);
});
