import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockHtml } from './block-html.ts';
import { notedTones, notePosition } from './notes.ts';
import { segmentBlock } from './segments.ts';
import { SpanStore } from './span-store.ts';
import { TextModel } from './text-model.ts';

test('a note goes at the right end of its span’s last line, in the scroller’s content pixels', () => {
  const scroller = { left: 100, top: 50, right: 700, bottom: 450 };
  const line = { left: 300, top: 130, right: 352, bottom: 150 };
  assert.deepEqual(notePosition(line, scroller, 0, 0), { x: 254, y: 80 });
  // Scrolled down 200 px, the same span is 200 px higher on screen but at the same content position.
  assert.deepEqual(notePosition({ ...line, top: -70, bottom: -50 }, scroller, 0, 200), { x: 254, y: 80 });
  assert.deepEqual(notePosition(line, scroller, 0, 0, 2), { x: 254, y: 40 });
});

test('a span with a rejection and a check is outlined as rejected; notes without a span are ignored', () => {
  assert.deepEqual([...notedTones([
    { objectId: 'a', text: 'span too long', tone: 'check' },
    { objectId: 'a', text: 'Wrong class', tone: 'reject' },
    { objectId: null, text: 'missed an entity', tone: 'reject' },
  ])], [['a', 'reject']]);
});

test('the noted span’s pieces are outlined, and its last piece is marked for its note', () => {
  const m = new TextModel('Germline mutations in BRCA1 cause breast cancer.\n');
  const store = new SpanStore(m.blocks, () => m.length);
  store.replace([{ id: 'c', label: 'Gene', color: '#009933', start: 22, end: 27 }, { id: 'd', label: 'Disease', color: '#cc3300', start: 34, end: 47 }]);
  const segs = segmentBlock(m.blocks[0]!, store.inBlock(0), { selection: null, caret: null });
  const { html } = blockHtml(m.text, segs, null, new Map([['c', 'check' as const]]));
  assert.match(html, /<span data-o="22" class="tc-seg tc-noted-check" data-note-end="c"[^>]*>BRCA1<\/span>/);
  assert.doesNotMatch(html, /tc-noted-[a-z]+"[^>]*>breast cancer/);
  assert.equal(blockHtml(m.text, segs, null).html.includes('tc-noted'), false);
});
