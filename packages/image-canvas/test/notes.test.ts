// The image engine in real Chromium: a note shows as an element next to its object and follows
// the view as it zooms and pans.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../web/e2e/browser.ts';

// The page script, as text so the Node-only type-check never sees its DOM code.
const PAGE = `
import { ImageEngine } from './src/index.ts';
const ontology = { classes: [{ name: 'car', kind: 'bbox2d', attributes: [] }] };
const wrap = document.createElement('div');
wrap.style.cssText = 'margin:40px 0 0 30px;position:relative;width:800px;height:600px';
const canvas = document.createElement('canvas');
canvas.width = 800; canvas.height = 600;
wrap.appendChild(canvas);
document.body.appendChild(wrap);
const engine = new ImageEngine({ ontology, imageWidth: 1000, imageHeight: 800, canvasWidth: 800, canvasHeight: 600 });
engine.load({ schemaVersion: 1, objects: [
  { id: 'car1', kind: 'bbox2d', label: 'car', attributes: {}, geometry: { x: 200, y: 300, width: 120, height: 80 } },
  { id: 'car2', kind: 'bbox2d', label: 'car', attributes: {}, geometry: { x: 600, y: 100, width: 50, height: 50 } },
] });
const ctx = canvas.getContext('2d');
engine.render(ctx);
globalThis.__engine = { engine, render: () => engine.render(ctx), canvas };
`;

let browser: Browser;
let page: Page;
let close: () => void;

before(async () => {
  const out = await build({ stdin: { contents: PAGE, resolveDir: fileURLToPath(new URL('..', import.meta.url)), loader: 'ts' }, bundle: true, format: 'iife', platform: 'browser', write: false, logLevel: 'silent' });
  const js = out.outputFiles[0]!.text;
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': req.url === '/main.js' ? 'text/javascript' : 'text/html' });
    res.end(req.url === '/main.js' ? js : '<!doctype html><body style="margin:0"><script src="/main.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => server.close();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await page.waitForFunction(() => (globalThis as Record<string, unknown>).__engine);
});
after(async () => {
  await browser?.close();
  close?.();
});

const near = (a: number, b: number, eps = 2) => assert.ok(Math.abs(a - b) <= eps, `${a} is not ${b} ± ${eps}`);

test('a note appears with its text just above its object’s top-left corner, and follows a zoom', async () => {
  await page.evaluate(() => (globalThis as any).__engine.engine.setNotes([
    { objectId: 'car1', text: 'Wrong class: this is a van', tone: 'reject' },
    { objectId: null, text: 'whole image', tone: 'reject' },
    { objectId: 'car2', text: 'box is 2.5 px wide; at least 4 px', tone: 'check' },
  ]));
  const notes = page.locator('.cadre-note');
  assert.equal(await notes.count(), 2);
  const first = page.locator('.cadre-note[data-object-id="car1"]');
  assert.equal(await first.textContent(), 'Wrong class: this is a van');
  assert.equal(await first.getAttribute('role'), 'note');
  assert.equal(await first.getAttribute('data-tone'), 'reject');
  const canvas = (await page.locator('canvas').boundingBox())!;
  let box = (await first.boundingBox())!;
  // Image (200, 300) at scale 1 is canvas (200, 300): the note's bottom-left sits there.
  near(box.x, canvas.x + 200);
  near(box.y + box.height, canvas.y + 300, 3);
  await page.evaluate(() => { const e = (globalThis as any).__engine; e.engine.wheel({ x: 0, y: 0, deltaY: -300 }); e.render(); });
  box = (await first.boundingBox())!;
  near(box.x, canvas.x + 400);
  near(box.y + box.height, canvas.y + 600, 3);
});

test('deleting the object takes its note away', async () => {
  await page.evaluate(() => { const e = (globalThis as any).__engine; e.engine.document.remove('car2'); e.render(); });
  assert.deepEqual(await page.locator('.cadre-note').evaluateAll((els) => els.map((e) => e.getAttribute('data-object-id'))), ['car1']);
});
