import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LabelClass } from '@cadre/core';
import { classKeys, keyName } from './class-keys.ts';

const cls = (name: string, hotkey?: string): LabelClass => ({ name, kind: 'text_class', attributes: [], ...(hotkey ? { hotkey } : {}) });

test('classes without a hotkey get the free digits in order, and run out after ten', () => {
  const classes = [cls('a', '2'), ...Array.from({ length: 11 }, (_, i) => cls(`c${i}`)), cls('q', 'Q')];
  const keys = classKeys(classes).map((k) => k.key);
  assert.deepEqual(keys, ['2', '1', '3', '4', '5', '6', '7', '8', '9', '0', null, null, 'q']);
});

test('Shift+digit and letters are named by their key, not the shifted character', () => {
  assert.equal(keyName({ code: 'Digit1', key: '!' }), '1');
  assert.equal(keyName({ code: 'KeyQ', key: 'Q' }), 'q');
  assert.equal(keyName({ code: 'Slash', key: '?' }), '?');
});
