// The engine in real Chromium: mouse selections read back as code points and snapped (emoji and
// combining marks kept whole), clicks on spans, the overlap refusal, keys, and virtualisation of a
// 100 KB text. The engine is bundled as a global; the page is driven through `page.evaluate`.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../web/e2e/browser.ts';

const TEXT = 'Kopfweh 🤕 seit Montag, dann 頭痛 und nai\u0308ve Übelkeit 👍🏽 ok.\nBRCA1 mutations cause breast cancer.';
const cp = (s: string) => { const start = [...TEXT.slice(0, TEXT.indexOf(s))].length; return { start, end: start + [...s].length }; };
type Ev = [string, unknown];
let browser: Browser;
let page: Page;

before(async () => {
  const out = await build({ entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))], bundle: true, format: 'iife', globalName: 'TextCanvas', platform: 'browser', write: false, logLevel: 'silent' });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 900, height: 700 } });
  await page.setContent('<!doctype html><meta charset="utf-8"><body style="margin:0"><input id="field"><div id="host" style="width:600px;height:400px"></div>');
  await page.addScriptTag({ content: out.outputFiles[0]!.text });
  await page.evaluate(() => {
    const g = globalThis as any;
    g.events = [];
    g.open = (text: string, options: object) => {
      g.engine?.destroy();
      g.engine = new g.TextCanvas.TextEngine({ container: g.document.getElementById('host'), ...options });
      for (const e of ['selection', 'select', 'remove', 'refused']) g.engine.on(e, (v: unknown) => g.events.push([e, v]));
      g.engine.setText(text);
    };
    // The client point of code point `p`: the middle of its character, or its left edge.
    g.pointAt = (p: number, edge: boolean) => {
      for (const seg of g.document.querySelectorAll('.tc-seg')) {
        const node = seg.firstChild, units = [...node.data];
        const o = Number(seg.dataset.o);
        if (p < o || p >= o + units.length) continue;
        const u = units.slice(0, p - o).join('').length;
        const range = g.document.createRange();
        range.setStart(node, u);
        range.setEnd(node, u + units[p - o].length);
        const r = range.getBoundingClientRect();
        return { x: edge ? r.left + 1 : r.left + r.width / 2, y: r.top + r.height / 2 };
      }
      throw new Error(`no character ${p} on screen`);
    };
  });
});
after(async () => { await browser?.close(); });

const events = () => page.evaluate(() => ((globalThis as any).events as Ev[]).splice(0));
const at = (p: number, edge = false) => page.evaluate(([p, edge]) => (globalThis as any).pointAt(p, edge) as { x: number; y: number }, [p, edge] as const);
async function drag(from: number, to: number): Promise<void> {
  const a = await at(from, true), b = await at(to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2);
  await page.mouse.move(b.x, b.y);
  await page.mouse.up();
}

test('a mouse selection from inside one word to inside another snaps to whole tokens, in code points', async () => {
  await page.evaluate((t) => (globalThis as any).open(t, {}), TEXT);
  await drag(cp('Montag').start + 2, cp('dann').start + 1);
  const { start, end } = { start: cp('Montag').start, end: cp('dann').end };
  assert.deepEqual(await events(), [['selection', { start, end }]]);
  assert.equal(await page.evaluate(() => (globalThis as any).getSelection().rangeCount), 0, 'the native selection gives way to the engine\'s');
});

test('a selection touching part of an emoji or a combining sequence covers it whole', async () => {
  await drag(cp('👍🏽').start, cp('👍🏽').start);
  assert.deepEqual((await events()).at(-1), ['selection', cp('👍🏽')]);
  await page.evaluate((t) => (globalThis as any).open(t, { granularity: 'char' }), TEXT);
  const naive = cp('nai\u0308ve');
  await drag(naive.start + 1, naive.start + 2); // "ai", the diaeresis belongs to the i
  assert.deepEqual((await events()).at(-1), ['selection', { start: naive.start + 1, end: naive.start + 4 }]);
});

test('a click picks the innermost span and cycles outwards; Delete asks to remove it; Escape clears', async () => {
  await page.evaluate((t) => (globalThis as any).open(t, {}), TEXT);
  const cancer = cp('breast cancer'), breast = cp('breast');
  await page.evaluate(([a, b]) => (globalThis as any).engine.setSpans([
    { id: 'outer', label: 'Disease', color: '#cc0000', ...a },
    { id: 'inner', label: 'Organ', color: '#0066cc', ...b, prediction: true, score: 0.7 },
  ]), [cancer, breast] as const);
  const p = await at(breast.start + 2);
  await page.mouse.click(p.x, p.y);
  await page.mouse.click(p.x, p.y + 0.5, { delay: 400 });
  await page.keyboard.press('Delete');
  await page.keyboard.press('Escape');
  assert.deepEqual(await events(), [['select', 'inner'], ['select', 'outer'], ['remove', 'outer'], ['select', null]]);
});

test('with overlap forbidden, a selection over a span is refused naming it', async () => {
  await page.evaluate((t) => (globalThis as any).open(t, { allowOverlap: false }), TEXT);
  await page.evaluate((s) => (globalThis as any).engine.setSpans([{ id: 'g1', label: 'Gene', color: '#009900', ...s }]), cp('BRCA1'));
  await drag(cp('BRCA1').start + 1, cp('mutations').start + 3);
  const [[kind, reason]] = await events() as [[string, string]];
  assert.equal(kind, 'refused');
  assert.match(reason, /span g1 \(Gene/);
});

test('keys: Shift+Right from the start selects the first token, again extends; keys typed in an input are ignored', async () => {
  await page.evaluate((t) => (globalThis as any).open(t, {}), TEXT);
  await page.focus('.tc-scroll');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  assert.deepEqual(await events(), [['selection', cp('Kopfweh')], ['selection', cp('Kopfweh 🤕')]]);
  // The host labels the selection and clears it: the caret waits at its end for the next words.
  await page.evaluate((r) => { const e = (globalThis as any).engine; e.upsert({ id: 'k', label: 'Symptom', color: '#c62828', ...r }); e.setSelection(null); }, cp('Kopfweh 🤕'));
  await page.keyboard.press('Shift+ArrowRight');
  assert.deepEqual(await events(), [['selection', null], ['selection', cp('seit')]]);
  await page.evaluate(() => (globalThis as any).open('one two', { keyTarget: globalThis }));
  await page.focus('#field');
  await page.keyboard.press('Shift+ArrowRight');
  assert.deepEqual(await events(), []);
});

test('a 100 KB text keeps only the blocks near the viewport in the DOM; scrollToSpan brings a far span in', async () => {
  const sentence = 'Germline mutations in BRCA1 are responsible for most cases of inherited breast and ovarian cancer. ';
  const text = Array.from({ length: 1000 }, (_, i) => sentence + (i % 8 === 7 ? '\n\n' : '')).join('');
  await page.evaluate((t) => (globalThis as any).open(t, {}), text);
  const last = text.lastIndexOf('BRCA1');
  await page.evaluate((s) => { const e = (globalThis as any).engine; e.setSpans([s]); e.scrollToSpan('far'); }, { id: 'far', label: 'Gene', color: '#009900', start: last, end: last + 5 });
  const state = await page.evaluate((start) => {
    const d = (globalThis as any).document;
    const seg = d.querySelector(`.tc-seg[data-o="${start}"]`), host = d.getElementById('host').getBoundingClientRect();
    const r = seg?.getBoundingClientRect();
    return { live: d.querySelectorAll('.tc-block:not(:empty)').length, blocks: d.querySelectorAll('.tc-block').length, visible: r !== undefined && r.top >= host.top && r.bottom <= host.bottom };
  }, last);
  assert.ok(state.blocks >= 40, `${state.blocks} blocks`);
  assert.ok(state.live <= 6, `${state.live} blocks in the DOM`);
  assert.ok(state.visible, 'the span is on screen');
});

test('keys walking past the bottom of the view scroll it along', async () => {
  const text = 'Germline mutations in BRCA1 are responsible for most cases of inherited breast cancer. '.repeat(300);
  await page.evaluate((t) => (globalThis as any).open(t, {}), text);
  const state = await page.evaluate(() => {
    const g = globalThis as any;
    for (let i = 0; i < 400; i++) g.engine.handleKey({ key: 'ArrowRight', ctrlKey: true });
    const caret = g.document.querySelector('.tc-caret').getBoundingClientRect(), host = g.document.getElementById('host').getBoundingClientRect();
    return { scrolled: g.document.querySelector('.tc-scroll').scrollTop, visible: caret.top >= host.top && caret.bottom <= host.bottom };
  });
  assert.ok(state.scrolled > 400, `scrolled ${state.scrolled}px`);
  assert.ok(state.visible, 'the caret is on screen');
});

test('a note shows just above the end of its span, scrolls with the text, and goes with its span', async () => {
  const text = 'Germline mutations in BRCA1 are responsible for most cases of inherited breast cancer. '.repeat(40);
  await page.evaluate((t) => (globalThis as any).open(t, {}), text);
  const brca = { start: 22, end: 27 }, cancer = { start: 80, end: 86 };
  await page.evaluate(([a, b]) => {
    const g = globalThis as any;
    g.engine.setSpans([{ id: 'gene', label: 'Gene', color: '#1565c0', ...a }, { id: 'dis', label: 'Disease', color: '#c62828', ...b }]);
    g.engine.setNotes([
      { objectId: 'gene', text: 'Wrong class: a gene, not a protein', tone: 'reject' },
      { objectId: null, text: 'whole document', tone: 'reject' },
      { objectId: 'gone', text: 'no such span', tone: 'check' },
    ]);
  }, [brca, cancer] as const);
  const note = page.locator('.cadre-note');
  assert.equal(await note.count(), 1);
  assert.equal(await note.textContent(), 'Wrong class: a gene, not a protein');
  assert.deepEqual([await note.getAttribute('data-object-id'), await note.getAttribute('data-tone'), await note.getAttribute('role')], ['gene', 'reject', 'note']);
  const place = () => page.evaluate(() => {
    const d = (globalThis as any).document;
    const end = d.querySelector('[data-note-end="gene"]').getClientRects();
    const r = end[end.length - 1], n = d.querySelector('.cadre-note').getBoundingClientRect();
    return { spanRight: r.right, spanTop: r.top, noteLeft: n.left, noteBottom: n.bottom, outline: (globalThis as any).getComputedStyle(d.querySelector('[data-note-end="gene"]')).boxShadow };
  });
  let p = await place();
  assert.ok(Math.abs(p.noteLeft - p.spanRight - 2) <= 1.5 && Math.abs(p.noteBottom - p.spanTop) <= 1.5, JSON.stringify(p));
  assert.match(p.outline, /rgb\(224, 16, 47\)/);
  await page.evaluate(() => { (globalThis as any).document.querySelector('.tc-scroll').scrollTop = 30; });
  p = await place();
  assert.ok(Math.abs(p.noteLeft - p.spanRight - 2) <= 1.5 && Math.abs(p.noteBottom - p.spanTop) <= 1.5, `after a scroll: ${JSON.stringify(p)}`);
  await page.evaluate(() => (globalThis as any).engine.remove('gene'));
  assert.equal(await note.count(), 0);
});
