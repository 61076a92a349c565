import assert from 'node:assert/strict';
import { test } from 'node:test';
import { px, validateAnnotation, type AnnotationPayload } from '@cadre/core';
import type { ImageObject } from './kinds/index.ts';
import { click, drag, testOntology, zoomedEngine } from './test-support.ts';

const predictions: ImageObject[] = [
  { id: 'pred-1', kind: 'bbox2d', label: 'car', attributes: {}, score: 0.91, geometry: { x: px(100), y: px(100), width: px(50), height: px(40) } },
  { id: 'pred-2', kind: 'bbox2d', label: 'car', attributes: {}, score: 0.55, geometry: { x: px(300), y: px(100), width: px(50), height: px(40) } },
  { id: 'pred-3', kind: 'point2d', label: 'head', attributes: {}, score: 0.3, geometry: { x: px(500), y: px(500) } },
];
const saved: AnnotationPayload = {
  schemaVersion: 1,
  objects: [{ id: 'human-1', kind: 'polygon', label: 'road', attributes: {}, geometry: { points: [[0, 600], [400, 600], [200, 700]] }, trackId: 't-9' }],
};

function loaded() {
  const engine = zoomedEngine();
  engine.load(saved, predictions);
  return { engine, doc: engine.document };
}

test('accepting, editing and deleting predictions leaves origins the payload records', () => {
  const { engine, doc } = loaded();
  click(engine, 120, 120);
  assert.deepEqual([...doc.selection], ['pred-1'], 'a prediction can be selected');
  assert.ok(engine.key({ key: 'a' }));
  const accepted = doc.get([...doc.selection][0]!);
  assert.equal(accepted?.origin, 'prediction_accepted');
  const edited = doc.acceptPrediction('pred-2');
  drag(engine, [325, 120], [345, 130]);
  assert.equal(doc.get(edited.id)?.origin, 'prediction_edited');
  doc.deletePrediction('pred-3');
  engine.setTool('rectangle');
  drag(engine, [600, 300], [700, 400]);

  const payload = engine.toPayload();
  assert.deepEqual(
    payload.objects.map((o) => [o.label, o.origin, o.predictionId, o.score]),
    [['road', 'human', undefined, undefined], ['car', 'prediction_accepted', 'pred-1', 0.91], ['car', 'prediction_edited', 'pred-2', 0.55], ['car', 'human', undefined, undefined]],
  );
  assert.equal(doc.predictions().length, 0);
  const valid = validateAnnotation(payload, testOntology(), { imageWidth: 1000, imageHeight: 800 });
  assert.ok(valid.ok, JSON.stringify(!valid.ok && valid.error));
});

test('a machine box given another class or attribute value is edited, as a moved one is', () => {
  const { doc } = loaded();
  const relabelled = doc.acceptPrediction('pred-1');
  const attributed = doc.acceptPrediction('pred-2');
  const untouched = doc.acceptPrediction('pred-3');
  doc.update(relabelled.id, { label: 'road' });
  doc.update(attributed.id, { attributes: { ...attributed.attributes, occluded: true } });
  doc.update(untouched.id, { label: untouched.label });
  assert.deepEqual([relabelled, attributed, untouched].map((o) => doc.get(o.id)?.origin), ['prediction_edited', 'prediction_edited', 'prediction_accepted']);
});

test('undoing an accept brings the prediction back; undoing an edit restores prediction_accepted', () => {
  const { engine, doc } = loaded();
  const obj = doc.acceptPrediction('pred-1');
  doc.update(obj.id, { geometry: { x: px(90), y: px(100), width: px(50), height: px(40) } });
  assert.equal(doc.get(obj.id)?.origin, 'prediction_edited');
  engine.history.undo();
  assert.equal(doc.get(obj.id)?.origin, 'prediction_accepted');
  engine.history.undo();
  assert.equal(doc.get(obj.id), undefined);
  assert.equal(doc.getPrediction('pred-1')?.score, 0.91);
  engine.history.redo();
  assert.equal(doc.getPrediction('pred-1'), undefined);
  assert.equal(doc.get(obj.id)?.predictionId, 'pred-1');
});

test('writing back the same geometry keeps an accepted prediction accepted', () => {
  const { doc } = loaded();
  const obj = doc.acceptPrediction('pred-1');
  doc.update(obj.id, { geometry: obj.geometry });
  assert.equal(doc.get(obj.id)?.origin, 'prediction_accepted');
});

test('Shift+A accepts every prediction as one undo step', () => {
  const { engine, doc } = loaded();
  assert.ok(engine.key({ key: 'A', shiftKey: true }));
  assert.equal(doc.predictions().length, 0);
  assert.equal(doc.objects().filter((o) => o.origin === 'prediction_accepted').length, 3);
  engine.history.undo();
  assert.equal(doc.predictions().length, 3);
  assert.equal(doc.objects().length, 1);
});

test('load replaces everything and forgets history; toPayload round-trips the saved objects', () => {
  const { engine, doc } = loaded();
  doc.acceptAllPredictions();
  engine.load(saved, []);
  assert.equal(engine.history.canUndo, false);
  assert.deepEqual(engine.toPayload(), { schemaVersion: 1, objects: [{ ...saved.objects[0]!, origin: 'human' }] });
  assert.throws(() => engine.load({ schemaVersion: 1, objects: [{ id: 'c', kind: 'text_class', label: 'review note', attributes: {}, geometry: null }] }), /cannot edit text_class/);
});

test('copyFrom brings the previous item’s objects in as new human objects, keeping track ids, as one step', () => {
  const { engine, doc } = loaded();
  // This item's own road is another track than the previous item's.
  engine.load({ ...saved, objects: [{ ...saved.objects[0]!, trackId: 't-1' }] }, predictions);
  const previous = zoomedEngine();
  previous.load(saved, predictions);
  previous.document.acceptPrediction('pred-1');
  const copies = engine.copyFrom(previous.toPayload()).added;
  assert.equal(copies.length, 2);
  assert.ok(copies.every((c) => c.origin === 'human' && c.predictionId === undefined && c.id !== 'human-1'));
  assert.equal(copies[0]?.trackId, 't-9');
  assert.equal(doc.objects().length, 3);
  engine.history.undo();
  assert.equal(doc.objects().length, 1);
});

test('change and selection events reach listeners', () => {
  const { engine } = loaded();
  const seen: string[] = [];
  engine.on('change', (c) => seen.push(c.label));
  engine.on('selection', (s) => seen.push(`selected ${s.size}`));
  engine.document.acceptPrediction('pred-1');
  click(engine, 120, 120);
  assert.deepEqual(seen, ['accept prediction', 'selected 1']);
});
