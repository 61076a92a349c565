import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenSpanOf, tokensOf } from './tokens.ts';

test('tokens keep their offsets, and a character span maps to the tokens it touches', () => {
  const text = 'BRCA1-linked breast cancer, (rare).';
  const tokens = tokensOf(text);
  assert.deepEqual(tokens.map((t) => t.text), ['BRCA1', '-', 'linked', 'breast', 'cancer', ',', '(', 'rare', ')', '.']);
  assert.ok(tokens.every((t) => text.slice(t.start, t.end) === t.text));
  const at = text.indexOf('breast');
  assert.deepEqual(tokenSpanOf(tokens, at, at + 'breast cancer'.length), { start: 3, end: 5 });
  assert.deepEqual(tokenSpanOf(tokens, at + 2, at + 4), { start: 3, end: 4 }, 'part of a token is the token');
  assert.equal(tokenSpanOf(tokens, 200, 210), null);
});
