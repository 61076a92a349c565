import assert from 'node:assert/strict';
import { test } from 'node:test';
import { px } from '@cadre/core';
import type { ImageObject } from '../kinds/index.ts';
import { at, click, drag, zoomedEngine } from '../test-support.ts';

function box(id: string, x: number, y: number, w: number, h: number): ImageObject {
  return { id, kind: 'bbox2d', label: 'car', attributes: {}, geometry: { x: px(x), y: px(y), width: px(w), height: px(h) } };
}

function withShapes() {
  const engine = zoomedEngine();
  const doc = engine.document;
  doc.add(box('under', 100, 100, 200, 200));
  doc.add(box('over', 150, 150, 50, 50));
  doc.add({ id: 'road', kind: 'polygon', label: 'road', attributes: {}, geometry: { points: [[400, 100], [500, 100], [450, 200]] } });
  engine.history.clear();
  return { engine, doc };
}

test('a click selects the topmost shape under it; a click on nothing clears; shift-click adds', () => {
  const { engine, doc } = withShapes();
  click(engine, 175, 175);
  assert.deepEqual([...doc.selection], ['over']);
  click(engine, 120, 120);
  assert.deepEqual([...doc.selection], ['under']);
  click(engine, 450, 150, { shiftKey: true });
  assert.deepEqual([...doc.selection].sort(), ['road', 'under']);
  click(engine, 700, 500);
  assert.deepEqual([...doc.selection], []);
});

test('hidden and locked shapes are passed over by a click', () => {
  const { engine, doc } = withShapes();
  doc.locked.add('over');
  click(engine, 175, 175);
  assert.deepEqual([...doc.selection], ['under']);
  doc.hidden.add('under');
  click(engine, 175, 175);
  assert.deepEqual([...doc.selection], []);
});

test('dragging moves the selection by the image-pixel delta, as one undo step', () => {
  const { engine, doc } = withShapes();
  drag(engine, [175, 175], [205, 165], 10);
  assert.deepEqual(doc.get('over')?.geometry, { x: 180, y: 140, width: 50, height: 50 });
  assert.deepEqual(doc.get('under')?.geometry, box('u', 100, 100, 200, 200).geometry, 'the box beneath stays');
  assert.ok(engine.history.undo());
  assert.deepEqual(doc.get('over')?.geometry, box('o', 150, 150, 50, 50).geometry);
  assert.equal(engine.history.canUndo, false, 'ten pointer moves made one step');
  engine.history.redo();
  assert.deepEqual(doc.get('over')?.geometry, { x: 180, y: 140, width: 50, height: 50 });
});

test('a click without movement selects but records no undo step', () => {
  const { engine } = withShapes();
  engine.pointerDown(at(engine, 175, 175));
  engine.pointerMove(at(engine, 175.5, 175));
  engine.pointerUp(at(engine, 175.5, 175));
  assert.equal(engine.history.canUndo, false);
});

test('a corner handle of the selected box resizes it; dragging past the opposite corner flips it', () => {
  const { engine, doc } = withShapes();
  click(engine, 175, 175);
  drag(engine, [200, 200], [260, 230]);
  assert.deepEqual(doc.get('over')?.geometry, { x: 150, y: 150, width: 110, height: 80 });
  drag(engine, [150, 150], [300, 160]);
  assert.deepEqual(doc.get('over')?.geometry, { x: 260, y: 160, width: 40, height: 70 });
  engine.history.undo();
  assert.deepEqual(doc.get('over')?.geometry, { x: 150, y: 150, width: 110, height: 80 });
  engine.history.undo();
  assert.deepEqual(doc.get('over')?.geometry, box('o', 150, 150, 50, 50).geometry);
});

test('a polygon vertex drags on its own; undo puts it back', () => {
  const { engine, doc } = withShapes();
  click(engine, 450, 150);
  drag(engine, [500, 100], [520, 60]);
  assert.deepEqual(doc.get('road')?.geometry, { points: [[400, 100], [520, 60], [450, 200]] });
  engine.history.undo();
  assert.deepEqual(doc.get('road')?.geometry, { points: [[400, 100], [500, 100], [450, 200]] });
});

test('Delete removes the selection as one step; Escape during a drag puts shapes back', () => {
  const { engine, doc } = withShapes();
  click(engine, 175, 175);
  click(engine, 450, 150, { shiftKey: true });
  assert.ok(engine.key({ key: 'Delete' }));
  assert.deepEqual(doc.objects().map((o) => o.id), ['under']);
  engine.history.undo();
  assert.deepEqual(doc.objects().map((o) => o.id), ['under', 'over', 'road'], 'restored in their old stacking order');
  click(engine, 120, 120);
  engine.pointerDown(at(engine, 120, 120));
  engine.pointerMove(at(engine, 170, 170));
  assert.ok(engine.key({ key: 'Escape' }));
  engine.pointerUp(at(engine, 170, 170));
  assert.deepEqual(doc.get('under')?.geometry, box('u', 100, 100, 200, 200).geometry);
  assert.equal(engine.history.canUndo, false, 'the cancelled drag left no step');
  assert.ok(engine.history.canRedo, '... and did not fork history');
});

test('a dragged shape stops at the image edge', () => {
  const { engine, doc } = withShapes();
  drag(engine, [175, 175], [-400, 175]);
  assert.deepEqual(doc.get('over')?.geometry, { x: 0, y: 150, width: 50, height: 50 });
});
