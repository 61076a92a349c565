import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockAt } from './blocks.ts';
import { TextModel } from './text-model.ts';

const sentence = 'Germline mutations in BRCA1 are responsible for most cases of inherited breast cancer. ';

test('blocks cover the text without gaps, cut after newlines near the target size', () => {
  const text = Array.from({ length: 40 }, (_, i) => sentence.repeat(1 + (i % 3)) + '\n').join('');
  const m = new TextModel(text, 500);
  assert.equal(m.blocks[0]!.start, 0);
  assert.equal(m.blocks.at(-1)!.end, m.length);
  m.blocks.forEach((b, i) => {
    if (i > 0) assert.equal(b.start, m.blocks[i - 1]!.end);
    if (i < m.blocks.length - 1) {
      assert.equal(m.text.slice(b.end - 1, b.end), '\n', 'cut right after a newline');
      assert.ok(b.end - b.start >= 500 && b.end - b.start < 1000);
    }
  });
});

test('a long line without newlines is cut at a sentence end, between tokens', () => {
  const m = new TextModel(sentence.repeat(200), 1000);
  assert.ok(m.blocks.length > 10);
  for (const b of m.blocks.slice(0, -1)) {
    assert.ok(b.end - b.start >= 1000 && b.end - b.start <= 2000, `${b.end - b.start}`);
    assert.equal(m.text.slice(b.end - 2, b.end), '. ', 'after a full stop and its space');
  }
  assert.equal(blockAt(m.blocks, m.blocks[3]!.start), 3);
  assert.equal(blockAt(m.blocks, m.blocks[3]!.start - 1), 2);
  assert.equal(blockAt(m.blocks, m.length), m.blocks.length - 1);
});

test('an empty text is one empty block', () => {
  assert.deepEqual(new TextModel('').blocks, [{ start: 0, end: 0 }]);
});
