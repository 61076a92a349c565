// The engine in real Chromium (WebGL through SwiftShader): clicks, drags in the top and side views,
// the rotation knob, keys, and the cuboid tool's rectangle, checked through the events the host gets.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../web/e2e/browser.ts';

type Geometry = { x: number; y: number; z: number; dx: number; dy: number; dz: number; yaw: number };
type Event = [string, ...unknown[]];
let browser: Browser;
let page: Page;
let close: () => void;

before(async () => {
  const out = await build({ entryPoints: [fileURLToPath(new URL('./page/main.ts', import.meta.url))], bundle: true, format: 'iife', platform: 'browser', write: false, logLevel: 'silent' });
  const js = out.outputFiles[0]!.text;
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': req.url === '/main.js' ? 'text/javascript' : 'text/html' });
    res.end(req.url === '/main.js' ? js : '<!doctype html><body style="margin:0"><input id="field"><script src="/main.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => server.close();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await page.waitForFunction(() => (globalThis as Record<string, unknown>).__engine);
});
after(async () => {
  await browser?.close();
  close?.();
});

const events = () => page.evaluate(() => ((globalThis as any).__engine.events as Event[]).splice(0));
const last = async (kind: string) => (await events()).filter((e) => e[0] === kind).at(-1);
const client = (view: string, x: number, y: number, z = -0.9) =>
  page.evaluate(([v, x, y, z]) => (globalThis as any).__engine.engine.toClient(v, x, y, z) as { x: number; y: number }, [view, x, y, z] as const);
async function drag(from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
}
const near = (a: number, b: number, eps = 0.02) => assert.ok(Math.abs(a - b) <= eps, `${a} is not ${b} ± ${eps}`);

test('a click in the top view selects the box under it', async () => {
  const p = await client('top', 10, 0);
  await page.mouse.click(p.x, p.y);
  assert.deepEqual(await events(), [['select', 'b0']]);
});

test('dragging the front face in the top view lengthens the box and keeps its rear face', async () => {
  const c = Math.cos(Math.PI / 6), s = Math.sin(Math.PI / 6);
  await drag(await client('top', 10 + 2 * c, 2 * s), await client('top', 10 + 2.5 * c, 2.5 * s));
  const [, id, g] = (await last('change')) as [string, string, Geometry];
  assert.equal(id, 'b0');
  near(g.dx, 4.5, 0.1);
  near(g.x - (g.dx / 2) * c, 10 - 2 * c); // the rear face stays put
  near(g.yaw, Math.PI / 6, 1e-9);
  for (const v of [g.x, g.y, g.dx]) near(v * 100, Math.round(v * 100), 1e-6);
});

test('a drag on the box is one edit: dragStart naming it, its changes, dragEnd', async () => {
  const g = await page.evaluate(() => (globalThis as any).__engine.engine.cuboids.get('b0').geometry as Geometry);
  await drag(await client('top', g.x, g.y), await client('top', g.x, g.y + 1));
  const seen = await events();
  assert.deepEqual(seen[0], ['dragStart', 'b0', 'move']);
  assert.deepEqual(seen.at(-1), ['dragEnd', 'b0']);
  const changes = seen.slice(1, -1);
  assert.ok(changes.length > 1 && changes.every((e) => e[0] === 'change' && e[1] === 'b0'), JSON.stringify(changes.map((e) => e[0])));
  near((changes.at(-1)![2] as Geometry).y, g.y + 1, 0.05);
  // Back where it was, for the tests after this one (the host would upsert the same).
  await page.evaluate((g) => (globalThis as any).__engine.engine.upsert({ id: 'b0', label: 'car', color: '#4fc3f7', geometry: g }), g);
});

test('arrow keys nudge by 0.01 m (Shift 0.1 m), but not while typing in a field', async () => {
  const before = await page.evaluate(() => (globalThis as any).__engine.engine.cuboids.get('b0').geometry as Geometry);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Shift+ArrowLeft');
  const moves = (await events()).map((e) => e[2] as Geometry);
  assert.equal(moves.length, 2);
  near(moves[1]!.x, before.x + 0.01, 1e-9);
  near(moves[1]!.y, before.y + 0.1, 1e-9);
  await page.focus('#field');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Delete');
  assert.deepEqual(await events(), []);
  await page.locator('#field').evaluate((el) => (el as unknown as { blur(): void }).blur());
});

test('in the side view the top face resizes the height, keeping the bottom; a click picks the box behind', async () => {
  const g = await page.evaluate(() => (globalThis as any).__engine.engine.cuboids.get('b0').geometry as Geometry);
  const top = await client('side', g.x, g.y, g.z + g.dz / 2);
  await drag(top, { x: top.x, y: top.y - 30 });
  const [, , taller] = (await last('change')) as [string, string, Geometry];
  assert.ok(taller.dz > g.dz + 0.3, `dz ${taller.dz}`);
  near(taller.z - taller.dz / 2, g.z - g.dz / 2);
  // b1 stands 3.6 m behind b0's first place, 3 m long: this point is on its front end, off b0's rear.
  const behind = await client('side', 10 - 2.4 * Math.cos(Math.PI / 6), -2.4 * Math.sin(Math.PI / 6), -0.9);
  await page.mouse.click(behind.x, behind.y);
  assert.deepEqual(await events(), [['select', 'b1']]);
});

test('the knob turns the box, Delete asks to remove it, Escape deselects', async () => {
  const p = await client('top', 10, 0);
  await page.mouse.click(p.x, p.y);
  await events();
  const { g, span } = await page.evaluate(() => {
    const e = (globalThis as any).__engine.engine;
    return { g: e.cuboids.get('b0').geometry as Geometry, span: e.views.top.frame.span as number };
  });
  const r = g.dx / 2 + Math.max(0.8, (24 * 2 * span) / 400);
  const at = (a: number) => client('top', g.x + r * Math.cos(a), g.y + r * Math.sin(a), g.z);
  await drag(await at(g.yaw), await at(g.yaw + Math.PI / 2));
  const [, , turned] = (await last('change')) as [string, string, Geometry];
  near(turned.yaw, g.yaw + Math.PI / 2, 0.05);
  near(turned.dx, g.dx, 1e-9);
  await page.keyboard.press('Delete');
  assert.deepEqual(await events(), [['remove', 'b0']]);
  await page.keyboard.press('Escape');
  assert.deepEqual(await events(), [['select', null]]);
});

test('the cuboid tool turns a rectangle dragged in the top view into a fit request', async () => {
  await page.evaluate(() => (globalThis as any).__engine.engine.setTool('cuboid'));
  await drag(await client('top', 16, 5), await client('top', 12, 8));
  const [, rect] = (await last('fitRequest')) as [string, [number, number][]];
  const xs = rect.map((p) => p[0]), ys = rect.map((p) => p[1]);
  near(Math.min(...xs), 12, 0.2); near(Math.max(...xs), 16, 0.2);
  near(Math.min(...ys), 5, 0.2); near(Math.max(...ys), 8, 0.2);
  assert.ok(rect[1]![0] > rect[0]![0], 'corner 0 → 1 runs along +x');
});

test('a note shows at its box’s top centre in the perspective and top views, and follows a pan; a removed box takes it away', async () => {
  await page.evaluate(() => (globalThis as any).__engine.engine.setNotes([
    { objectId: 'b0', text: 'holds 3 points; at least 5 needed', tone: 'check' },
    { objectId: null, text: 'whole scan', tone: 'reject' },
  ]));
  await page.locator('.cadre-note').nth(1).waitFor();
  const g = await page.evaluate(() => (globalThis as any).__engine.engine.cuboids.get('b0').geometry as Geometry);
  for (const view of ['top', 'perspective'] as const) {
    const note = page.locator(`canvas[data-view="${view}"] ~ .cadre-notes .cadre-note`);
    assert.equal(await note.textContent(), 'holds 3 points; at least 5 needed');
    assert.deepEqual([await note.getAttribute('data-object-id'), await note.getAttribute('data-tone'), await note.getAttribute('role')], ['b0', 'check', 'note']);
    const anchor = (await client(view, g.x, g.y, g.z + g.dz / 2))!;
    const box = (await note.boundingBox())!;
    // Its bottom centre sits just above the box's top centre.
    near(box.x + box.width / 2, anchor.x, 2);
    near(box.y + box.height, anchor.y - 4, 2);
  }
  await page.evaluate(() => (globalThis as any).__engine.engine.lookAt(13, 3));
  await page.waitForTimeout(100);
  const moved = (await client('top', g.x, g.y, g.z + g.dz / 2))!;
  const box = (await page.locator('canvas[data-view="top"] ~ .cadre-notes .cadre-note').boundingBox())!;
  near(box.x + box.width / 2, moved.x, 2);
  await page.evaluate(() => (globalThis as any).__engine.engine.remove('b0'));
  await page.locator('.cadre-note').first().waitFor({ state: 'detached' });
});
