import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Viewport } from './viewport.ts';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≉ ${b}`);

test('zooming at the cursor keeps the image pixel under it in place', () => {
  const v = new Viewport(800, 600);
  v.panBy(37, -12);
  const cursor = { x: 310, y: 205 };
  const before = v.toImage(cursor);
  for (const factor of [2, 1.3, 0.25, 8]) {
    v.zoomAt(cursor, factor);
    const after = v.toImage(cursor);
    close(after.x, before.x);
    close(after.y, before.y);
  }
});

test('image and canvas coordinates round-trip; panning moves the canvas, not the image', () => {
  const v = new Viewport(800, 600);
  v.zoomAt({ x: 0, y: 0 }, 3);
  v.panBy(50, 20);
  const c = v.toCanvas({ x: 10, y: 40 });
  assert.deepEqual([c.x, c.y], [80, 140]);
  const back = v.toImage(c);
  assert.deepEqual([back.x, back.y], [10, 40]);
});

test('fit centres the whole image with a margin on the tighter side', () => {
  const v = new Viewport();
  v.fit(2000, 1000, 800, 600, 20);
  close(v.scale, 760 / 2000);
  const r = v.visibleRect();
  close(r.minX, -20 / v.scale);
  close(r.maxX, 2000 + 20 / v.scale);
  close(r.minY + r.maxY, 1000);
});
