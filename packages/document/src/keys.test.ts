import assert from 'node:assert/strict';
import { test } from 'node:test';
import { handleHistoryKey, historyKey } from './keys.ts';

test('Ctrl or Cmd with Z undoes; with Shift+Z or Y redoes', () => {
  assert.equal(historyKey({ key: 'z', ctrlKey: true }), 'undo');
  assert.equal(historyKey({ key: 'z', metaKey: true }), 'undo');
  assert.equal(historyKey({ key: 'Z', ctrlKey: true, shiftKey: true }), 'redo');
  assert.equal(historyKey({ key: 'y', ctrlKey: true }), 'redo');
  assert.equal(historyKey({ key: 'я', code: 'KeyZ', ctrlKey: true }), 'undo', 'the Z key on a Cyrillic layout');
});

test('other keys, Alt, and typing in a field are left alone', () => {
  assert.equal(historyKey({ key: 'z' }), undefined);
  assert.equal(historyKey({ key: 'x', ctrlKey: true }), undefined);
  assert.equal(historyKey({ key: 'z', ctrlKey: true, altKey: true }), undefined);
  assert.equal(historyKey({ key: 'Y', ctrlKey: true, shiftKey: true }), undefined);
  for (const tagName of ['INPUT', 'textarea', 'SELECT']) assert.equal(historyKey({ key: 'z', ctrlKey: true, target: { tagName } }), undefined);
  assert.equal(historyKey({ key: 'z', ctrlKey: true, target: { tagName: 'DIV', isContentEditable: true } }), undefined);
  assert.equal(historyKey({ key: 'z', ctrlKey: true, target: { tagName: 'CANVAS' } }), 'undo');
});

test('handleHistoryKey runs the step and says the key was used', () => {
  const calls: string[] = [];
  const history = { undo: () => (calls.push('undo'), true), redo: () => (calls.push('redo'), false) };
  assert.equal(handleHistoryKey({ key: 'z', ctrlKey: true }, history), true);
  assert.equal(handleHistoryKey({ key: 'y', ctrlKey: true }, history), true, 'used even when nothing was left to redo');
  assert.equal(handleHistoryKey({ key: 'a', ctrlKey: true }, history), false);
  assert.deepEqual(calls, ['undo', 'redo']);
});
