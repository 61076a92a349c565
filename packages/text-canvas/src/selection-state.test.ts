import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keyCommand } from './keyboard.ts';
import { SelectionState } from './selection-state.ts';
import { SpanStore } from './span-store.ts';
import { TextModel } from './text-model.ts';

const model = new TextModel('Kopfweh 🤕 seit Montag, dann 頭痛.\n'.repeat(40), 200);
const store = new SpanStore(model.blocks, () => model.length);
store.replace([
  { id: 'outer', label: 'Symptom', color: '#c62828', start: 0, end: 9 },
  { id: 'inner', label: 'Emoji', color: '#6a1b9a', start: 8, end: 9 },
]);

test('clearing a selection leaves the caret at its focus, so Shift+Right goes on with the next token', () => {
  const s = new SelectionState(() => model, store);
  const first = keyCommand({ key: 'ArrowRight', shiftKey: true }, model.tokens, s.cursor, s.caret ?? 0);
  assert.equal(first?.kind, 'select');
  if (first?.kind !== 'select') return;
  assert.deepEqual(s.setCursor(first.cursor).changed, true);
  assert.deepEqual(s.selection(), { start: 0, end: 7 });
  assert.equal(s.setCursor(null).changed, true);
  assert.equal(s.caret, 7);
  const next = keyCommand({ key: 'ArrowRight', shiftKey: true }, model.tokens, s.cursor, s.caret ?? 0);
  assert.deepEqual(next?.kind === 'select' && model.text.slice(next.cursor.anchor, next.cursor.focus), '🤕');
});

test('changes report only the blocks to redraw, and no change when nothing changed', () => {
  const s = new SelectionState(() => model, store);
  const far = model.blocks.at(-1)!;
  const change = s.setCursor({ anchor: far.start, focus: far.start + 4 });
  assert.deepEqual([...change.touched], [model.blocks.length - 1]);
  assert.equal(s.setCursor({ anchor: far.start, focus: far.start + 4 }).changed, false);
  assert.equal(s.caretIn(model.blocks.length - 1), null, 'no caret drawn while something is selected');
  s.setCaret(3);
  assert.equal(s.caretIn(0), 3);
  assert.equal(s.setSelected('outer').changed, true);
  assert.equal(s.setSelected('outer').changed, false);
  assert.deepEqual(s.spanCursor(), { anchor: 0, focus: 9 }, 'keyboard adjustment starts from the selected span');
});

test('a click picks the innermost span, a second click the next one outwards', () => {
  assert.equal(store.innermostAt(0, 8, null), 'inner');
  assert.equal(store.innermostAt(0, 8, 'inner'), 'outer');
  assert.equal(store.innermostAt(0, 8, 'outer'), 'inner');
  assert.equal(store.innermostAt(0, 2, null), 'outer');
  assert.equal(store.innermostAt(0, 12, null), null);
});
