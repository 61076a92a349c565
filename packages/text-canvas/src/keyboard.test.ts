import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keyCommand, type Cursor, type KeyInput } from './keyboard.ts';
import { TextModel } from './text-model.ts';

const m = new TextModel('one two, three four');
// tokens: one[0,3) two[4,7) ,[7,8) three[9,14) four[15,19)
const shiftRight: KeyInput = { key: 'ArrowRight', shiftKey: true };
const shiftLeft: KeyInput = { key: 'ArrowLeft', shiftKey: true };

function press(keys: KeyInput[], sel: Cursor | null, caret = 0): Cursor | number | null {
  let cur: Cursor | null = sel;
  for (const k of keys) {
    const cmd = keyCommand(k, m.tokens, cur, caret);
    if (cmd?.kind === 'select') cur = cmd.cursor;
    else if (cmd?.kind === 'caret') { caret = cmd.caret; cur = null; }
  }
  return cur ?? caret;
}
const text = (c: Cursor | number | null) => (typeof c === 'object' && c !== null ? m.text.slice(Math.min(c.anchor, c.focus), Math.max(c.anchor, c.focus)) : c);

test('Shift+Right selects the token at the caret, then extends a token at a time; Shift+Left shrinks', () => {
  assert.equal(text(press([shiftRight], null, 0)), 'one');
  assert.equal(text(press([shiftRight, shiftRight, shiftRight], null, 0)), 'one two,');
  assert.equal(text(press([shiftRight, shiftRight, shiftRight, shiftLeft], null, 0)), 'one two');
  assert.equal(text(press([shiftRight, shiftLeft], null, 4)), 'one', 'crossing the anchor jumps past it, never empty');
});

test('Shift+Left from a caret selects the token before it and extends leftwards; Shift+Right then shrinks from the left', () => {
  assert.equal(text(press([shiftLeft], null, 14)), 'three');
  assert.equal(text(press([shiftLeft, shiftLeft, shiftLeft], null, 14)), 'two, three');
  assert.equal(text(press([shiftLeft, shiftLeft, shiftLeft, shiftRight], null, 14)), ', three');
});

test('Ctrl/Alt+Right and Left move the caret by tokens; with a selection they collapse it', () => {
  const right = { key: 'ArrowRight', ctrlKey: true }, left = { key: 'ArrowLeft', altKey: true };
  assert.equal(press([right], null, 0), 3);
  assert.equal(press([right, right, right], null, 0), 8);
  assert.equal(press([right, right, left], null, 0), 4);
  assert.equal(text(press([right, shiftRight], null, 0)), 'two', 'the token after the caret');
  assert.equal(press([right], { anchor: 4, focus: 14 }), 14);
  assert.equal(press([left], { anchor: 4, focus: 14 }), 4);
});

test('keys that are not ours are left to the host', () => {
  assert.equal(keyCommand({ key: 'ArrowRight' }, m.tokens, null, 0), null, 'a plain arrow');
  assert.equal(keyCommand({ key: 'a' }, m.tokens, null, 0), null);
  assert.equal(keyCommand({ key: 'ArrowRight', shiftKey: true, metaKey: true }, m.tokens, null, 0), null);
  assert.deepEqual(keyCommand({ key: 'Escape' }, m.tokens, null, 0), { kind: 'clear' });
  assert.deepEqual(keyCommand({ key: 'Backspace' }, m.tokens, null, 0), { kind: 'delete' });
  assert.equal(keyCommand(shiftRight, m.tokens, null, 19), null, 'nothing after the last token');
});

test('Shift+Right over Hangul jamo and Devanagari conjuncts selects whole words, never part of a character', () => {
  const k = new TextModel('\u1112\u1161\u11ab\u1100\u116e\u11a8 क्षि।');
  const first = keyCommand(shiftRight, k.tokens, null, 0);
  assert.equal(first?.kind, 'select');
  const c1 = (first as { cursor: Cursor }).cursor;
  assert.equal(k.text.slice(c1.anchor, c1.focus), '\u1112\u1161\u11ab\u1100\u116e\u11a8');
  const second = keyCommand(shiftRight, k.tokens, c1, 0);
  const c2 = (second as { cursor: Cursor }).cursor;
  assert.equal(k.text.slice(c2.anchor, c2.focus), '\u1112\u1161\u11ab\u1100\u116e\u11a8 क्षि');
});
