import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { needsSharedData, SHARED_DATA } from '@cadre/core/testing';
import { CodePointText } from './offsets.ts';
import { firstEndingAfter, lastStartingBefore, tokenize } from './tokens.ts';

const words = (s: string) => {
  const t = new CodePointText(s);
  const tok = tokenize(t);
  return Array.from({ length: tok.count }, (_, i) => t.slice(tok.starts[i]!, tok.ends[i]!));
};

test('words, punctuation on its own, no whitespace tokens', () => {
  assert.deepEqual(words('  Germline mutations in BRCA1, (e.g. X-linked)!\n'), ['Germline', 'mutations', 'in', 'BRCA1', ',', '(', 'e', '.', 'g', '.', 'X', '-', 'linked', ')', '!']);
});

test('emoji, ZWJ sequences and flags are one token each; combining marks stay in their word; Han and kana one per character', () => {
  assert.deepEqual(words('cafe\u0301 😀👩‍💻 🇫🇷ok'), ['cafe\u0301', '😀', '👩‍💻', '🇫🇷', 'ok']);
  assert.deepEqual(words('東京に行く。Tokyo'), ['東', '京', 'に', '行', 'く', '。', 'Tokyo']);
  assert.deepEqual(words('한국어 문장'), ['한국어', '문장']);
});

const NCBI = join(SHARED_DATA, 'text/ncbi-disease/devel.tsv');

test('a space-joined ncbi-disease sentence tokenises back to exactly its CoNLL tokens', needsSharedData, () => {
  const sentences = readFileSync(NCBI, 'utf8').split(/\n\s*\n/).map((s) => s.split('\n').filter(Boolean).map((l) => l.split('\t')[0]!));
  assert.ok(sentences.length > 900);
  for (const conll of sentences) assert.deepEqual(words(conll.join(' ')), conll);
});

test('token lookups by position', () => {
  const tok = tokenize(new CodePointText('ab  cd'));
  assert.equal(firstEndingAfter(tok, 1), 0);
  assert.equal(firstEndingAfter(tok, 2), 1, 'in the spaces: the next token');
  assert.equal(firstEndingAfter(tok, 6), 2, 'past the end: count');
  assert.equal(lastStartingBefore(tok, 4), 0);
  assert.equal(lastStartingBefore(tok, 5), 1);
  assert.equal(lastStartingBefore(tok, 0), -1);
});
