import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resultsToObjects } from './to-objects.ts';

const TEXT = 'Caf\u00e9 😀 北京 nai\u0308ve 👩‍👩‍👧 end'; // é precomposed, ï as i + U+0308, a ZWJ family of 3 emoji

const span = (start: number, end: number, label = 'X', text?: string) =>
  ({ id: `r${start}`, type: 'labels', from_name: 'label', to_name: 'text', value: { start, end, labels: [label], ...(text === undefined ? {} : { text }) } });

test('choices become text_class objects, one a choice, with the score', () => {
  const objects = resultsToObjects([{ id: 'c', type: 'choices', value: { choices: ['fever', 'cough'] }, score: 0.7 }], 'p', undefined, 'I am hot');
  assert.deepEqual(objects, [
    { id: 'p:c:0', label: 'fever', kind: 'text_class', geometry: null, attributes: {}, predictionId: 'p', score: 0.7 },
    { id: 'p:c:1', label: 'cough', kind: 'text_class', geometry: null, attributes: {}, predictionId: 'p', score: 0.7 },
  ]);
});

test('labels offsets are read as UTF-16 (Label Studio) and stored as code points, for emoji, CJK and combining marks', () => {
  const u16 = (s: string) => [TEXT.indexOf(s), TEXT.indexOf(s) + s.length] as const;
  const cp = (s: string) => [[...TEXT.slice(0, TEXT.indexOf(s))].length, [...TEXT.slice(0, TEXT.indexOf(s))].length + [...s].length] as const;
  for (const s of ['😀', '北京', 'nai\u0308ve', '👩‍👩‍👧', 'end']) {
    const [a, b] = u16(s);
    const [o] = resultsToObjects([span(a, b)], 'p', undefined, TEXT);
    assert.deepEqual(o!.geometry, { start: cp(s)[0], end: cp(s)[1] }, s);
    assert.equal([...TEXT].slice(cp(s)[0], cp(s)[1]).join(''), s);
  }
  assert.deepEqual(cp('nai\u0308ve'), [10, 16], 'the combining diaeresis counts as a code point of its own');
});

test('labels counted in code points are recognised by their text; a span splitting a surrogate pair is left out', () => {
  const [o] = resultsToObjects([span(8, 10, 'X', '北京')], 'p', undefined, TEXT);
  assert.deepEqual(o!.geometry, { start: 7, end: 9 }, 'UTF-16 8..10 is "北京"');
  const [cpOnly] = resultsToObjects([span(7, 9, 'X', '北京')], 'p', undefined, TEXT);
  assert.deepEqual(cpOnly!.geometry, { start: 7, end: 9 }, 'UTF-16 7..9 is " 北", code points 7..9 are "北京"');
  assert.deepEqual(resultsToObjects([span(6, 7)], 'p', undefined, TEXT), [], '6 is inside 😀');
  assert.deepEqual(resultsToObjects([span(3, 3)], 'p', undefined, TEXT), []);
  assert.deepEqual(resultsToObjects([span(2, 4)], 'p')[0]!.geometry, { start: 2, end: 4 }, 'no text: taken as given');
});
