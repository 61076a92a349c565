import assert from 'node:assert/strict';
import { test } from 'node:test';
import { geometryKinds, px } from '@cadre/core';
import { RecordingContext } from '../test-support.ts';
import { Viewport } from '../viewport.ts';
import { shapeKinds, type ImageGeometry, type ImageKind, type ShapeKind } from './index.ts';

// One contract suite for every 2D kind: a sample, a point inside or on it, and a point well away.
const samples: Record<ImageKind, { geometry: ImageGeometry; on: [number, number]; away: [number, number] }> = {
  bbox2d: { geometry: { x: px(10), y: px(20), width: px(30), height: px(40) }, on: [25, 40], away: [100, 100] },
  polygon: { geometry: { points: [[0, 0], [40, 0], [0, 30]] }, on: [5, 5], away: [35, 25] },
  polyline: { geometry: { points: [[0, 0], [40, 0], [40, 30]] }, on: [20, 0.5], away: [20, 15] },
  point2d: { geometry: { x: px(7), y: px(9) }, on: [7.5, 9], away: [20, 20] },
};

for (const [name, shape] of Object.entries(shapeKinds) as [ImageKind, ShapeKind<ImageKind, ImageGeometry>][]) {
  const { geometry, on, away } = samples[name];

  test(`${name}: hit-tests its shape and misses away from it`, () => {
    assert.ok(shape.hitTest(geometry, on[0], on[1], 1));
    assert.equal(shape.hitTest(geometry, away[0], away[1], 1), undefined);
  });

  test(`${name}: every handle hit-tests as that handle, and dragging it there changes nothing`, () => {
    shape.handles(geometry).forEach(([x, y], i) => {
      assert.deepEqual(shape.hitTest(geometry, x, y, 0.5), { part: 'handle', index: i });
      assert.deepEqual(shape.dragHandle(geometry, i, x, y), geometry);
    });
  });

  test(`${name}: moving shifts the bounds by the delta and keeps core's idea of the bounds`, () => {
    const moved = shape.move(geometry, 5, 3);
    const b0 = shape.bounds(geometry);
    const b1 = shape.bounds(moved);
    assert.deepEqual([b1.minX - b0.minX, b1.minY - b0.minY, b1.maxX - b0.maxX, b1.maxY - b0.maxY], [5, 3, 5, 3]);
    assert.deepEqual(b0, geometryKinds[name].bounds!(geometry as never));
    assert.deepEqual(geometryKinds[name].validate(moved), []);
  });

  test(`${name}: traces its path in canvas pixels`, () => {
    const v = new Viewport(100, 100);
    v.scale = 2;
    v.offsetX = 10;
    const ctx = new RecordingContext();
    shape.trace(ctx, geometry, v);
    const first = ctx.calls[0]!;
    const [hx, hy] = shape.handles(geometry)[0]!;
    // A point's path starts on its circle, RADIUS to the right of the centre.
    const expectX = name === 'point2d' ? hx * 2 + 10 + 4 : hx * 2 + 10;
    assert.deepEqual(first.args.slice(0, 2), [expectX, hy * 2]);
  });
}

test('bbox2d: eight handles; the east handle changes only the width; an edge is hit as an edge', () => {
  const g = samples.bbox2d.geometry as { x: number; y: number; width: number; height: number };
  const box = shapeKinds.bbox2d;
  assert.equal(box.handles(g as never).length, 8);
  assert.deepEqual(box.dragHandle(g as never, 3, 70, 999), { x: 10, y: 20, width: 60, height: 40 });
  assert.deepEqual(box.hitTest(g as never, 15, 20.5, 1), { part: 'edge', index: 0 });
  assert.deepEqual(box.hitTest(g as never, 25, 40, 1), { part: 'inside' });
});

test('polygon: the closing edge counts; polyline: it does not exist', () => {
  assert.deepEqual(shapeKinds.polygon.hitTest({ points: [[0, 0], [40, 0], [40, 30]] }, 20, 15, 0.5), { part: 'edge', index: 2 });
  assert.equal(shapeKinds.polyline.hitTest({ points: [[0, 0], [40, 0], [40, 30]] }, 20, 15, 0.5), undefined);
});

test('a turned box: hit, handles and drags in its own frame; moving and resizing keep the turn', () => {
  const box = shapeKinds.bbox2d;
  const g = { x: px(100), y: px(100), width: px(100), height: px(40), rotation: 90 };
  // Turned a quarter about its centre (150, 120), it spans x 130..170 and y 70..170.
  assert.deepEqual(box.hitTest(g, 150, 80, 1), { part: 'inside' }, 'inside the turned box');
  assert.equal(box.hitTest(g, 110, 120, 1), undefined, 'inside the upright box but outside the turned one');
  const b = box.bounds(g);
  assert.deepEqual([b.minX, b.minY, b.maxX, b.maxY].map((n) => Math.round(n * 1e9) / 1e9), [130, 70, 170, 170]);
  const [nw] = box.handles(g);
  assert.deepEqual(nw!.map((n) => Math.round(n * 1e9) / 1e9), [170, 70], 'the north-west handle turned with the box');
  assert.deepEqual(box.hitTest(g, 170, 70, 1), { part: 'handle', index: 0 });
  const moved = box.move(g, 5, -5);
  assert.equal(moved.rotation, 90);
  // Drag the east handle (upright: x = 200) outward by 20 along the box's own x axis (which points down, turned 90°).
  const east = box.handles(g)[3]!;
  const wider = box.dragHandle(g, 3, east[0], east[1] + 20);
  assert.equal(wider.rotation, 90);
  assert.ok(Math.abs(wider.width - 120) < 1e-9 && Math.abs(wider.height - 40) < 1e-9, `${wider.width}×${wider.height}`);
  // The west edge stays where it was: the west handle is at the same place.
  const westBefore = box.handles(g)[7]!;
  const westAfter = box.handles(wider)[7]!;
  assert.ok(Math.hypot(westBefore[0] - westAfter[0], westBefore[1] - westAfter[1]) < 1e-9);
});
