import assert from 'node:assert/strict';
import { test } from 'node:test';
import { at, click, drag, zoomedEngine } from '../test-support.ts';

test('rectangle by drag: the box lands on the image pixels under the pointer, whatever the zoom and pan', () => {
  const engine = zoomedEngine();
  engine.setTool('rectangle');
  drag(engine, [120, 80], [60, 200]);
  const [box] = engine.document.objects();
  assert.equal(box?.kind, 'bbox2d');
  assert.deepEqual(box.geometry, { x: 60, y: 80, width: 60, height: 120 });
  assert.equal(box.label, 'car');
  assert.deepEqual(box.attributes, { occluded: false });
});

test('rectangle by two clicks, with the pointer moving in between; Escape drops a half-drawn box', () => {
  const engine = zoomedEngine();
  engine.setTool('rectangle');
  click(engine, 100, 100);
  engine.pointerMove(at(engine, 150, 130));
  assert.ok(engine.document.objects().length === 0);
  click(engine, 180, 160);
  assert.deepEqual(engine.document.objects()[0]?.geometry, { x: 100, y: 100, width: 80, height: 60 });
  click(engine, 300, 300);
  assert.ok(engine.key({ key: 'Escape' }));
  click(engine, 350, 350);
  assert.equal(engine.document.objects().length, 1, 'the click after Escape starts a new box');
});

test('shapes drawn past the image edge are clamped to it', () => {
  const engine = zoomedEngine();
  engine.setTool('rectangle');
  drag(engine, [980, 780], [1100, 900]);
  assert.deepEqual(engine.document.objects()[0]?.geometry, { x: 980, y: 780, width: 20, height: 20 });
});

test('polygon: Backspace removes the last vertex, a click on the first vertex closes it', () => {
  const engine = zoomedEngine();
  engine.setTool('polygon');
  click(engine, 100, 100);
  click(engine, 200, 100);
  click(engine, 250, 250);
  assert.ok(engine.key({ key: 'Backspace' }));
  click(engine, 200, 200);
  click(engine, 101, 101);
  const [poly] = engine.document.objects();
  assert.equal(poly?.kind, 'polygon');
  assert.deepEqual(poly.geometry, { points: [[100, 100], [200, 100], [200, 200]] });
  assert.equal(poly.label, 'road');
});

test('polygon: Enter closes it; Escape cancels; too few vertices keep drawing', () => {
  const engine = zoomedEngine();
  engine.setTool('polygon');
  click(engine, 10, 10);
  click(engine, 50, 10);
  engine.key({ key: 'Enter' });
  assert.equal(engine.document.objects().length, 0);
  click(engine, 50, 50);
  engine.key({ key: 'Enter' });
  assert.deepEqual(engine.document.objects()[0]?.geometry, { points: [[10, 10], [50, 10], [50, 50]] });
  click(engine, 300, 300);
  click(engine, 400, 300);
  assert.ok(engine.key({ key: 'Escape' }));
  assert.equal(engine.document.objects().length, 1);
  assert.equal(engine.key({ key: 'Escape' }), false, 'nothing left to cancel');
});

test('polyline: Enter or a double-click finishes the open line', () => {
  const engine = zoomedEngine();
  engine.setTool('polyline');
  click(engine, 10, 10);
  click(engine, 60, 40);
  engine.key({ key: 'Enter' });
  click(engine, 100, 100);
  click(engine, 150, 120);
  click(engine, 200, 100, { detail: 1 });
  click(engine, 200, 100, { detail: 2 });
  const lines = engine.document.objects();
  assert.deepEqual(lines.map((l) => l.geometry), [{ points: [[10, 10], [60, 40]] }, { points: [[100, 100], [150, 120], [200, 100]] }]);
  assert.ok(lines.every((l) => l.kind === 'polyline' && l.label === 'lane'));
});

test('point: one click, one point', () => {
  const engine = zoomedEngine();
  engine.setTool('point');
  click(engine, 321, 123);
  assert.deepEqual(engine.document.objects()[0]?.geometry, { x: 321, y: 123 });
});

test('every drawn shape is one undo step, and redo brings it back', () => {
  const engine = zoomedEngine();
  engine.setTool('rectangle');
  drag(engine, [10, 10], [50, 50]);
  engine.setTool('polygon');
  for (const [x, y] of [[100, 100], [200, 100], [200, 200]] as const) click(engine, x, y);
  engine.key({ key: 'Enter' });
  engine.setTool('point');
  click(engine, 5, 5);
  const kinds = () => engine.document.objects().map((o) => o.kind);
  assert.deepEqual(kinds(), ['bbox2d', 'polygon', 'point2d']);
  assert.ok(engine.key({ key: 'z', ctrlKey: true }));
  assert.deepEqual(kinds(), ['bbox2d', 'polygon']);
  engine.history.undo();
  assert.deepEqual(kinds(), ['bbox2d']);
  assert.ok(engine.key({ key: 'Z', ctrlKey: true, shiftKey: true }));
  assert.deepEqual(kinds(), ['bbox2d', 'polygon']);
  assert.ok(engine.key({ key: 'y', ctrlKey: true }));
  assert.deepEqual(kinds(), ['bbox2d', 'polygon', 'point2d']);
});
