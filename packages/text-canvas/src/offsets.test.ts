import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundaryAfter, boundaryBefore, isGraphemeBoundary } from './grapheme.ts';
import { CodePointText, countCodePoints } from './offsets.ts';

test('code points and UTF-16 units agree on plain text and differ by one per astral character', () => {
  const plain = new CodePointText('BRCA1 is secreted');
  assert.equal(plain.length, 17);
  assert.equal(plain.toUtf16(6), 6);
  const t = new CodePointText('a😀b𝔸c');
  assert.equal(t.length, 5);
  assert.equal(t.text.length, 7);
  assert.deepEqual([0, 1, 2, 3, 4, 5].map((cp) => t.toUtf16(cp)), [0, 1, 3, 4, 6, 7]);
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7].map((u) => t.toCodePoint(u)), [0, 1, 1, 2, 3, 3, 4, 5], 'inside a pair rounds down');
  assert.equal(t.slice(1, 2), '😀');
  assert.equal(t.at(3), 0x1d538);
});

test('CJK is one code point per character (BMP), an emoji is one whatever the client counts', () => {
  const t = new CodePointText('東京で😀を見た');
  assert.equal(t.length, 7);
  assert.equal(t.slice(3, 4), '😀');
  assert.equal(t.slice(4, 7), 'を見た');
  assert.equal(countCodePoints('😀😀', 0, 2), 1);
  assert.equal(countCodePoints('\ud83d'), 1, 'a lone surrogate counts once');
});

test('grapheme boundaries keep e + U+0301, ZWJ sequences, skin tones and flags whole', () => {
  const t = new CodePointText('ce\u0301 👩‍💻 👍🏽 🇫🇷🇩🇪');
  // c e ◌́ ␠ 👩 ZWJ 💻 ␠ 👍 🏽 ␠ 🇫 🇷 🇩 🇪
  const boundaries = Array.from({ length: t.length + 1 }, (_, i) => i).filter((i) => isGraphemeBoundary(t, i));
  assert.deepEqual(boundaries, [0, 1, 3, 4, 7, 8, 10, 11, 13, 15]);
  assert.equal(boundaryBefore(t, 2), 1);
  assert.equal(boundaryAfter(t, 5), 7);
  assert.equal(boundaryAfter(t, 12), 13);
});
