import assert from 'node:assert/strict';
import { test } from 'node:test';
import { px } from '@cadre/core';
import { NOTE_COLORS } from './notes.ts';
import { RecordingContext, zoomedEngine } from './test-support.ts';

function withObjects() {
  const engine = zoomedEngine(); // 2×, offset (-100, -40)
  engine.load({ schemaVersion: 1, objects: [
    { id: 'car1', kind: 'bbox2d', label: 'car', attributes: {}, geometry: { x: px(100), y: px(50), width: px(40), height: px(30) } },
    { id: 'road1', kind: 'polygon', label: 'road', attributes: {}, geometry: { points: [[300, 200], [260, 260], [340, 250]] } },
  ] });
  return engine;
}

test('a note sits at its object’s top-left on screen and follows pans and zooms', () => {
  const engine = withObjects();
  engine.setNotes([{ objectId: 'car1', text: 'box is 2.5 px wide; at least 4 px', tone: 'check' }, { objectId: 'road1', text: 'Wrong class', tone: 'reject' }]);
  assert.deepEqual(engine.notePlacements().map((p) => [p.objectId, p.x, p.y]), [['car1', 100, 60], ['road1', 420, 360]]);
  engine.wheel({ x: 0, y: 0, deltaY: -300 }); // 2× about the canvas origin
  engine.viewport.panBy(10, 0);
  assert.deepEqual(engine.notePlacements().map((p) => [p.objectId, p.x, p.y]), [['car1', 210, 120], ['road1', 850, 720]]);
});

test('notes without an object, or whose object was deleted, are not the canvas’s; two notes on one object stack', () => {
  const engine = withObjects();
  engine.setNotes([
    { objectId: null, text: 'Whole image is blurred', tone: 'reject' },
    { objectId: 'gone', text: 'Missing', tone: 'reject' },
    { objectId: 'car1', text: 'first', tone: 'reject' },
    { objectId: 'car1', text: 'second', tone: 'check' },
  ]);
  assert.deepEqual(engine.notePlacements().map((p) => [p.text, p.stack]), [['first', 0], ['second', 1]]);
  engine.document.remove('car1');
  assert.deepEqual(engine.notePlacements(), []);
});

test('the noted object is outlined in the note’s colour, a rejection over a check', () => {
  const engine = withObjects();
  engine.setNotes([{ objectId: 'car1', text: 'check', tone: 'check' }, { objectId: 'car1', text: 'Wrong class', tone: 'reject' }, { objectId: 'road1', text: 'too small', tone: 'check' }]);
  const ctx = new RecordingContext();
  engine.render(ctx);
  const strokes = ctx.calls.filter((c) => c.op === 'stroke').map((c) => c.style.stroke);
  assert.deepEqual(strokes.slice(-2), [NOTE_COLORS.reject, NOTE_COLORS.check]);
  engine.setNotes([]);
  const again = new RecordingContext();
  engine.render(again);
  assert.ok(!again.calls.some((c) => c.op === 'stroke' && (c.style.stroke === NOTE_COLORS.reject || c.style.stroke === NOTE_COLORS.check)));
});
