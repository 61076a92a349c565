import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextModel } from './text-model.ts';

const m = new TextModel('Germline mutations in BRCA1 😀👩‍💻 cause cafe\u0301 disease.');
const text = (r: { start: number; end: number } | null) => (r === null ? null : m.text.slice(r.start, r.end));

test('token granularity: a selection inside words grows to whole tokens, spaces at its edges are dropped', () => {
  assert.equal(text(m.snap({ start: 11, end: 16 }, 'token')), 'mutations');
  assert.equal(text(m.snap({ start: 3, end: 12 }, 'token')), 'Germline mutations');
  assert.equal(text(m.snap({ start: 8, end: 10 }, 'token')), 'mutations', 'from a space into a word');
  assert.equal(text(m.snap({ start: 16, end: 8 }, 'token')), 'mutations', 'a backwards range');
  assert.equal(m.snap({ start: 8, end: 9 }, 'token'), null, 'only a space');
  assert.equal(m.snap({ start: 5, end: 5 }, 'token'), null, 'collapsed');
});

test('a span over an emoji covers the whole emoji, ZWJ sequence included', () => {
  const at = m.text.text.indexOf('👩');
  const cp = m.text.toCodePoint(at);
  assert.equal(text(m.snap({ start: cp + 1, end: cp + 2 }, 'token')), '👩‍💻');
  assert.equal(text(m.snap({ start: cp + 1, end: cp + 2 }, 'char')), '👩‍💻', 'char granularity never splits it either');
});

test('char granularity keeps the range but not half a grapheme', () => {
  assert.equal(text(m.snap({ start: 2, end: 6 }, 'char')), 'rmli');
  assert.equal(text(m.snap({ start: 8, end: 10 }, 'char')), ' m', 'spaces kept');
  const e = m.text.text.indexOf('e\u0301');
  const cp = m.text.toCodePoint(e);
  assert.equal(text(m.snap({ start: cp - 1, end: cp + 1 }, 'char')), 'fe\u0301', 'the accent comes with its e');
  assert.equal(m.snap({ start: 0, end: 9999 }, 'char')?.end, m.length, 'clamped to the text');
});

test('char granularity never cuts a Hangul syllable written as jamo, a Devanagari conjunct or an emoji ZWJ sequence', () => {
  const han = '\u1112\u1161\u11ab'; // 한 as ᄒ ᅡ ᆫ
  const k = new TextModel(`${han}국 क्षि 👩‍💻 ok`);
  const t = (r: { start: number; end: number } | null) => (r === null ? null : k.text.slice(r.start, r.end));
  assert.equal(t(k.snap({ start: 1, end: 2 }, 'char')), han, 'inside the jamo: the whole syllable');
  assert.equal(t(k.snap({ start: 0, end: 4 }, 'char')), `${han}국`);
  const ksha = k.text.text.indexOf('क');
  assert.equal(t(k.snap({ start: ksha + 2, end: ksha + 3 }, 'char')), 'क्षि', 'the conjunct with its vowel sign');
  assert.equal(t(k.snap({ start: ksha, end: ksha + 1 }, 'char')), 'क्षि');
  const cp = k.text.toCodePoint(k.text.text.indexOf('👩'));
  assert.equal(t(k.snap({ start: cp + 2, end: cp + 3 }, 'char')), '👩‍💻');
});
