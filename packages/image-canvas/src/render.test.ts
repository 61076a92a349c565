import assert from 'node:assert/strict';
import { test } from 'node:test';
import { px } from '@cadre/core';
import { ImageEngine } from './engine.ts';
import type { ImageObject } from './kinds/index.ts';
import { PREDICTION_DASH } from './style.ts';
import { RecordingContext, testOntology } from './test-support.ts';

/** 10,000 boxes of 8 × 8 on a 10 px grid over a 1000 × 1000 image. */
function crowded(): ImageEngine {
  const engine = new ImageEngine({ ontology: testOntology(), imageWidth: 1000, imageHeight: 1000, canvasWidth: 200, canvasHeight: 100 });
  const objects: ImageObject[] = [];
  for (let i = 0; i < 100; i++) {
    for (let j = 0; j < 100; j++) {
      objects.push({ id: `b${i}-${j}`, kind: 'bbox2d', label: 'car', attributes: {}, geometry: { x: px(10 * i), y: px(10 * j), width: px(8), height: px(8) } });
    }
  }
  engine.load({ schemaVersion: 1, objects }, [
    { id: 'p-near', kind: 'bbox2d', label: 'car', attributes: {}, score: 0.875, geometry: { x: px(5), y: px(5), width: px(20), height: px(20) } },
    { id: 'p-far', kind: 'bbox2d', label: 'car', attributes: {}, score: 0.5, geometry: { x: px(900), y: px(900), width: px(20), height: px(20) } },
  ]);
  return engine;
}

test('only shapes in view are drawn: 10,000 boxes, a 200 × 100 window at 1:1 draws 20 × 10 of them', () => {
  const engine = crowded();
  const ctx = new RecordingContext();
  const stats = engine.render(ctx);
  // Columns 0..19 lie in x 0..198 and row 9 ends at y 98; the boxes starting at x 200 or y 100 touch the edge too.
  assert.equal(stats.objects, 21 * 11);
  assert.equal(ctx.count('rect'), 21 * 11 + 1);
  assert.equal(stats.predictions, 1);
  for (const call of ctx.calls.filter((c) => c.op === 'rect')) {
    const [x, y] = call.args as number[];
    assert.ok(x! <= 200 && y! <= 100, `drew an off-screen box at ${x}, ${y}`);
  }
});

test('all boxes of one class go out as one path with one stroke, not one per box', () => {
  const engine = crowded();
  engine.viewport.fit(1000, 1000, 200, 100);
  const ctx = new RecordingContext();
  assert.equal(engine.render(ctx).objects, 10_000);
  assert.equal(ctx.count('stroke'), 2, 'one for the predictions, one for the objects');
  assert.equal(ctx.count('beginPath'), 2);
});

test('predictions are dashed and labelled with their score; objects are solid', () => {
  const engine = crowded();
  const ctx = new RecordingContext();
  engine.render(ctx);
  const strokes = ctx.calls.filter((c) => c.op === 'stroke');
  assert.deepEqual(strokes.map((s) => s.style.dash), [PREDICTION_DASH, []]);
  assert.deepEqual(ctx.calls.filter((c) => c.op === 'fillText').map((c) => c.args[0]), ['0.88']);
});

test('after panning, the culled set follows the view', () => {
  const engine = crowded();
  engine.viewport.panBy(-800, -900);
  const ctx = new RecordingContext();
  const stats = engine.render(ctx);
  assert.equal(stats.predictions, 1);
  assert.deepEqual(ctx.calls.filter((c) => c.op === 'fillText').map((c) => c.args[0]), ['0.50']);
  const firstRect = ctx.calls.find((c) => c.op === 'rect')!.args as number[];
  assert.ok(firstRect[0]! >= -8 && firstRect[1]! >= -8);
});

test('the selected object is drawn over the rest with its handles; hidden ones are not drawn', () => {
  const engine = crowded();
  engine.document.select(['b1-1']);
  engine.document.hidden.add('b2-2');
  const ctx = new RecordingContext();
  const stats = engine.render(ctx);
  assert.equal(stats.objects, 21 * 11 - 2);
  assert.equal(ctx.count('rect'), 21 * 11 - 2 + 1 + 1 + 8);
});

test('the shape being drawn is drawn too', () => {
  const engine = crowded();
  engine.setTool('polygon');
  engine.pointerDown({ x: 10, y: 10, button: 0, shiftKey: false, ctrlKey: false });
  engine.pointerMove({ x: 50, y: 30, button: 0, shiftKey: false, ctrlKey: false });
  const ctx = new RecordingContext();
  engine.render(ctx);
  assert.deepEqual(ctx.calls.slice(-6).map((c) => c.op), ['beginPath', 'moveTo', 'lineTo', 'closePath', 'stroke', 'setLineDash']);
  assert.deepEqual(ctx.calls.filter((c) => c.op === 'lineTo').at(-1)?.args, [50, 30]);
});

test('a crowded view is drawn as hairline outlines without fills; a normal one keeps its style', () => {
  const engine = crowded();
  const widths: number[] = [];
  class WidthRecorder extends RecordingContext {
    override stroke(): void { widths.push(this.lineWidth); super.stroke(); }
  }
  const near = new WidthRecorder();
  engine.render(near); // 231 boxes in view
  assert.ok(near.count('fill') >= 1, 'boxes are filled when few are on screen');
  assert.ok(widths.some((w) => w > 1));
  engine.viewport.fit(1000, 1000, 200, 100);
  widths.length = 0;
  const far = new WidthRecorder();
  assert.equal(engine.render(far).objects, 10_000);
  assert.equal(far.count('fill'), 0);
  assert.deepEqual(widths, [1.5, 1], 'the two predictions keep their style; the 10,000 objects are hairlines');
});
