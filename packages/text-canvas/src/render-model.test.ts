import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockHtml } from './block-html.ts';
import { segmentBlock } from './segments.ts';
import { SpanStore } from './span-store.ts';
import { TextModel } from './text-model.ts';

const m = new TextModel('Germline mutations in BRCA1 <cause> breast cancer.\n', 20);
const store = new SpanStore(m.blocks, () => m.length);
store.replace([
  { id: 'a', label: 'Disease', color: '#cc3300', start: 36, end: 49 }, // breast cancer
  { id: 'b', label: 'Organ', color: '#0066cc', start: 36, end: 42, prediction: true, score: 0.815 }, // breast
  { id: 'c', label: 'Gene', color: '#009933', start: 22, end: 27 }, // BRCA1
]);

test('spans are indexed by the blocks they touch, with their levels', () => {
  assert.ok(m.blocks.length >= 2);
  const b = m.blockAt(40);
  assert.deepEqual(store.inBlock(b).map((s) => [s.id, s.level]), [['c', 0], ['a', 0], ['b', 1]]);
  assert.deepEqual(store.inBlock(0).map((s) => s.id), [], 'the first block has none');
  assert.equal(store.maxDepth, 2);
  assert.deepEqual([...store.blocksOf({ start: 0, end: m.length })], m.blocks.map((_, i) => i));
});

test('a block is cut into segments at span edges, the selection and the caret', () => {
  const b = m.blockAt(40);
  const block = m.blocks[b]!;
  const segs = segmentBlock(block, store.inBlock(b), { selection: { start: 43, end: 49 }, caret: null });
  const at = (pos: number) => segs.find((s) => s.start <= pos && pos < s.end)!;
  assert.deepEqual(at(37).covering.map((s) => s.id), ['a', 'b']);
  assert.deepEqual(at(37).ending.map((s) => s.id), ['b']);
  assert.equal(at(44).inSelection, true);
  assert.equal(at(37).inSelection, false);
  assert.equal(segs[0]!.start, block.start);
  assert.equal(segs.at(-1)!.end, block.end);
  const withCaret = segmentBlock(block, [], { selection: null, caret: block.end });
  assert.equal(withCaret.at(-1)!.caretBefore, true, 'a caret at the block end still shows');
});

test('the HTML keeps every character in an offset-tagged segment, escaped; predictions dashed with their score', () => {
  const b = m.blockAt(30);
  const segs = segmentBlock(m.blocks[b]!, store.inBlock(b), { selection: null, caret: null });
  const { html } = blockHtml(m.text, segs, 'a');
  assert.doesNotMatch(html, /<cause>/);
  assert.match(html, /&lt;cause&gt;/);
  const b2 = m.blockAt(40);
  const { html: html2, depth } = blockHtml(m.text, segmentBlock(m.blocks[b2]!, store.inBlock(b2), { selection: null, caret: null }), 'a');
  assert.equal(depth, 2);
  assert.match(html2, /data-tag="Organ 0\.81"/);
  assert.match(html2, /repeating-linear-gradient/);
  assert.match(html2, /tc-selected/);
  const text = html2.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  assert.equal(text, m.text.slice(m.blocks[b2]!.start, m.blocks[b2]!.end));
});

test('upsert and remove report the blocks to redraw, levels that moved included', () => {
  const touched = store.upsert({ id: 'd', label: 'Disease', color: '#cc3300', start: 0, end: 49 });
  assert.equal(store.get('d')!.level, 0);
  assert.equal(store.get('a')!.level, 1, 'pushed down a level by the new outer span');
  assert.deepEqual([...touched].sort(), m.blocks.map((_, i) => i).filter((i) => m.blocks[i]!.start < 49));
  store.remove('d');
  assert.equal(store.get('a')!.level, 0);
});
