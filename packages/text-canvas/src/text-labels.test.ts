import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextLabels, type TextLabel } from './text-labels.ts';

const proposal = (id: string, label: string, score: number): TextLabel => ({ id, label, kind: 'text_class', geometry: null, attributes: {}, score });
const summary = (l: TextLabels) => l.classes().map((o) => [o.label, o.origin, o.predictionId ?? null]);

test('single-label: a key chooses one class, the machine proposal it matches is stored as accepted, another key replaces it', () => {
  const l = new TextLabels([], [proposal('p:0', 'Headache', 0.9)]);
  l.chooseClass('Headache', false);
  assert.deepEqual(summary(l), [['Headache', 'prediction_accepted', 'p:0']]);
  assert.equal(l.classes()[0]!.score, 0.9);
  l.chooseClass('Cough', false);
  assert.deepEqual(summary(l), [['Cough', 'human', null]]);
  l.chooseClass('Cough', false);
  assert.deepEqual(summary(l), [], 'the same key again takes the class off');
});

test('single-label: another class over a waiting proposal is that prediction edited; multi-label keeps both', () => {
  const single = new TextLabels([], [proposal('p:0', 'Headache', 0.9)]);
  single.chooseClass('Cough', false);
  assert.deepEqual(summary(single), [['Cough', 'prediction_edited', 'p:0']]);
  assert.equal(single.pending().length, 0);
  const multi = new TextLabels([], [proposal('p:0', 'Headache', 0.9)]);
  multi.chooseClass('Cough', true);
  multi.chooseClass('Fever', true);
  assert.deepEqual(summary(multi), [['Cough', 'human', null], ['Fever', 'human', null]]);
  assert.equal(multi.pending().length, 1, 'the proposal still waits for a decision');
});

test('an accepted span changed by a person becomes edited; the payload and draft carry what a person did', () => {
  const l = new TextLabels([], [{ id: 'p:1', label: 'Disease', kind: 'text_span', geometry: { start: 3, end: 9 }, attributes: {}, score: 0.7 }]);
  const accepted = l.accept('p:1')!;
  assert.equal(accepted.origin, 'prediction_accepted');
  l.setAttributes(accepted.id, { negated: true });
  l.addSpan('Disease', { start: 12, end: 20 });
  const objects = l.toPayload().objects;
  assert.deepEqual(objects.map((o) => [o.origin, o.predictionId ?? null, o.geometry]), [['prediction_edited', 'p:1', { start: 3, end: 9 }], ['human', null, { start: 12, end: 20 }]]);
  assert.deepEqual(l.draft().pendingPredictions, []);
});

test('adjusting a machine span by keyboard accepts it as edited with the new range; the same range and class change nothing', () => {
  const l = new TextLabels([], [{ id: 'p:2', label: 'Disease', kind: 'text_span', geometry: { start: 0, end: 5 }, attributes: {}, score: 0.4 }]);
  const o = l.adjust('p:2', { start: 0, end: 11 }, 'Disease', {})!;
  assert.deepEqual([o.origin, o.predictionId, o.geometry], ['prediction_edited', 'p:2', { start: 0, end: 11 }]);
  const before = l.version;
  l.adjust(o.id, { start: 0, end: 11 }, 'Disease', {});
  assert.equal(l.version, before);
  assert.ok(l.undo());
  assert.equal(l.history.canUndo, false, 'the unchanged adjust made no step');
});

test('accept all without overlaps: a machine span over a kept one waits, the others are taken', () => {
  const span = (id: string, start: number, end: number): TextLabel => ({ id, label: 'Disease', kind: 'text_span', geometry: { start, end }, attributes: {} });
  const l = new TextLabels([{ ...span('mine', 0, 5), origin: 'human' }], [span('p:0', 3, 8), span('p:1', 10, 12)]);
  assert.equal(l.acceptAllSpans(false), 1);
  assert.deepEqual(l.pending().map((p) => p.id), ['p:0']);
  assert.equal(l.acceptAllSpans(true), 0);
  assert.equal(l.pending().length, 0);
});

test('undo and redo: a class choice that replaced another and settled the machine\'s proposal is one step each way', () => {
  const l = new TextLabels([], [proposal('p:0', 'Headache', 0.9)]);
  l.chooseClass('Cough', false);
  l.chooseClass('Fever', false);
  assert.deepEqual(summary(l), [['Fever', 'human', null]]);
  assert.ok(l.undo());
  assert.deepEqual(summary(l), [['Cough', 'prediction_edited', 'p:0']]);
  assert.ok(l.undo());
  assert.deepEqual([summary(l), l.pending().map((p) => p.id)], [[], ['p:0']], 'the proposal waits again');
  assert.equal(l.undo(), false, 'nothing before the task opened');
  assert.ok(l.redo());
  assert.ok(l.redo());
  assert.deepEqual([summary(l), l.pending().length], [[['Fever', 'human', null]], 0]);
});

test('undo: relabelling a waiting machine span accepts and relabels it in one step; undo brings the proposal back', () => {
  const l = new TextLabels([], [{ id: 'p:3', label: 'Disease', kind: 'text_span', geometry: { start: 0, end: 5 }, attributes: {}, score: 0.4 }]);
  const o = l.relabel('p:3', 'Gene', {})!;
  assert.deepEqual([o.label, o.origin, o.predictionId], ['Gene', 'prediction_edited', 'p:3']);
  assert.ok(l.undo());
  assert.deepEqual([l.all().length, l.pending().map((p) => [p.id, p.label])], [0, [['p:3', 'Disease']]]);
  assert.equal(l.history.canUndo, false, 'one step, not two');
  assert.ok(l.redo());
  assert.deepEqual(l.spans().map((s) => [s.id, s.label, s.origin]), [[o.id, 'Gene', 'prediction_edited']], 'redo restores the same label, id and all');
});

test('accept all undoes as one step; the draft after undo names the proposals waiting again', () => {
  const span = (id: string, start: number, end: number): TextLabel => ({ id, label: 'Disease', kind: 'text_span', geometry: { start, end }, attributes: {} });
  const l = new TextLabels([], [span('p:0', 0, 3), span('p:1', 5, 8)]);
  l.acceptAllSpans();
  assert.deepEqual(l.draft().pendingPredictions, []);
  l.undo();
  assert.deepEqual([l.draft().annotation.objects, l.draft().pendingPredictions], [[], ['p:0', 'p:1']]);
});

test('undo of an attribute change gives back the old value and the accepted origin; deleting a proposal undoes too', () => {
  const l = new TextLabels([], [
    { id: 'p:1', label: 'Disease', kind: 'text_span', geometry: { start: 3, end: 9 }, attributes: {}, score: 0.7 },
    { id: 'p:2', label: 'Disease', kind: 'text_span', geometry: { start: 12, end: 15 }, attributes: {}, score: 0.3 },
  ]);
  const o = l.accept('p:1')!;
  l.setAttributes(o.id, { negated: true });
  l.remove('p:2');
  assert.deepEqual(l.pending(), []);
  l.undo();
  assert.deepEqual(l.pending().map((p) => p.id), ['p:2'], 'the deleted proposal waits again');
  l.undo();
  assert.deepEqual([l.get(o.id)!.attributes, l.get(o.id)!.origin], [{}, 'prediction_accepted']);
});
