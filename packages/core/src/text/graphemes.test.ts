import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GraphemeBoundaries } from './graphemes.ts';

const boundaries = (s: string) => {
  const b = new GraphemeBoundaries(s);
  return Array.from({ length: s.length + 1 }, (_, i) => i).filter((i) => b.isBoundary(i));
};

test('a Hangul syllable written as jamo (ᄒ ᅡ ᆫ) is one character', () => {
  const han = '\u1112\u1161\u11ab';
  assert.deepEqual(boundaries(`${han}국`), [0, 3, 4]);
  assert.deepEqual(boundaries(`a${han}b`), [0, 1, 4, 5]);
});

test('a Devanagari conjunct with virama and vowel sign (क्षि) is one character', () => {
  assert.deepEqual(boundaries('क्षि'), [0, 4]);
  assert.deepEqual(boundaries('नमस्ते'), [0, 1, 2, 6], 'न म स्ते');
});

test('emoji ZWJ sequences, skin tones and flags stay whole; CR LF is one', () => {
  assert.deepEqual(boundaries('👩‍💻!'), [0, 5, 6]);
  assert.deepEqual(boundaries('👍🏽🇫🇷🇩🇪'), [0, 4, 8, 12]);
  assert.deepEqual(boundaries('a\r\nb'), [0, 1, 3, 4]);
});

test('before and after move outwards to whole characters', () => {
  const b = new GraphemeBoundaries('x क्षि y');
  assert.equal(b.before(3), 2);
  assert.equal(b.after(3), 6);
  assert.equal(b.after(6), 6);
});

test('long texts: clusters across the lazily segmented chunks agree with segmenting it whole', () => {
  // Mixed scripts with clusters falling on every chunk edge, and a long run of flags.
  const parts = ['\u1112\u1161\u11ab', 'क्षि', '👩‍💻', 'e\u0301', '🇫🇷', ' ', 'abc', '\r\n', '\u1100가', '中文。', '국어', 'ｘ\u302a', 'नमस्ते।', '\u0e01\u0e33', '،'];
  let s = '';
  for (let i = 0; s.length < 5000; i++) s += parts[(i * 7) % parts.length]! + (i % 13 === 0 ? '🇩🇪'.repeat(40) : '');
  const want = new Set<number>([...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)].map((g) => g.index));
  want.add(s.length);
  const b = new GraphemeBoundaries(s);
  for (let i = 0; i <= s.length; i++) assert.equal(b.isBoundary(i), want.has(i), `at ${i}`);
});
