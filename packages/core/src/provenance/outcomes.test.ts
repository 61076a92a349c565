import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LabeledObject } from '../annotation.ts';
import { classifyOutcomes, outcomeMeasures, type ProposalSet } from './outcomes.ts';

const box = (id: string, x: number, over: Partial<LabeledObject> = {}): LabeledObject => ({
  id, label: 'car', kind: 'bbox2d', attributes: {}, geometry: { x, y: 20, width: 30, height: 40 }, ...over,
} as LabeledObject);
const taken = (id: string, proposal: LabeledObject, over: Partial<LabeledObject> = {}): LabeledObject =>
  ({ ...proposal, id, origin: 'prediction_accepted', predictionId: proposal.id, ...over } as LabeledObject);

const proposals = [box('P:a', 10, { score: 0.9 }), box('P:b', 100, { score: 0.8 }), box('P:c', 200, { score: 0.7 }), box('P:d', 300, { label: 'person', score: 0.6 })];
const set: ProposalSet = { predictionId: 'P', modelId: 'm1', modelVersion: 'det 1.0', objects: proposals };

const byOutcome = (records: ReturnType<typeof classifyOutcomes>) =>
  Object.fromEntries(['accepted', 'edited', 'deleted', 'drawn'].map((k) => [k, records.filter((r) => r.outcome === k).map((r) => r.objectId).sort()]));

test('each proposal is accepted untouched, edited or deleted; a person\'s own object is drawn', () => {
  const accepted = [
    taken('o1', proposals[0]!),
    taken('o2', proposals[1]!, { origin: 'prediction_accepted', geometry: { x: 104, y: 20, width: 30, height: 40 } as never }), // moved 4 px: an edit, whatever the client said
    taken('o3', proposals[3]!, { origin: 'prediction_edited', geometry: { x: 300.2, y: 20, width: 30, height: 40 } as never }), // 0.2 px: noise, untouched
    box('mine', 400),
  ];
  const records = classifyOutcomes(accepted, [set]);
  assert.deepEqual(byOutcome(records), { accepted: ['P:a', 'P:d'], edited: ['P:b'], deleted: ['P:c'], drawn: ['mine@P'] });
  const drawn = records.find((r) => r.outcome === 'drawn')!;
  assert.equal(drawn.class, 'car');
  assert.equal(drawn.modelVersion, 'det 1.0');
  assert.equal(records.find((r) => r.objectId === 'P:d')!.class, 'person', 'a proposal counts under its own class');
  assert.equal(records.find((r) => r.objectId === 'P:c')!.score, 0.7);
});

test('a class change is an edit; a proposal copied twice counts once, untouched if either copy is', () => {
  const records = classifyOutcomes([taken('x', proposals[0]!, { label: 'truck' }), taken('y', proposals[1]!, { geometry: { x: 1, y: 1, width: 2, height: 2 } as never }), taken('z', proposals[1]!)], [set]);
  assert.deepEqual(byOutcome(records), { accepted: ['P:b'], edited: ['P:a'], deleted: ['P:c', 'P:d'], drawn: [] });
});

test('a drawn object is a miss of every model that pre-labelled the item; without predictions nothing is recorded', () => {
  const other: ProposalSet = { predictionId: 'Q', modelId: 'm2', modelVersion: 'seg 2', score: 0.5, objects: [box('Q:a', 10)] };
  const records = classifyOutcomes([taken('o1', proposals[0]!), box('mine', 500)], [set, other]);
  assert.deepEqual(records.filter((r) => r.outcome === 'drawn').map((r) => [r.objectId, r.modelId]), [['mine@P', 'm1'], ['mine@Q', 'm2']]);
  assert.equal(records.find((r) => r.objectId === 'Q:a')!.outcome, 'deleted');
  assert.equal(records.find((r) => r.objectId === 'Q:a')!.score, 0.5, 'the set\'s score where the object has none');
  assert.deepEqual(classifyOutcomes([box('mine', 1)], []), []);
  // A model that proposed nothing still missed what people drew.
  assert.deepEqual(byOutcome(classifyOutcomes([box('mine', 1)], [{ ...set, objects: [] }])), { accepted: [], edited: [], deleted: [], drawn: ['mine@P'] });
});

test('an object naming a proposal that is not among the item\'s predictions counts as drawn', () => {
  const records = classifyOutcomes([taken('o', box('gone:1', 5))], [set]);
  assert.deepEqual(byOutcome(records).drawn, ['o@P']);
});

test('precision, recall and shares at the object level', () => {
  const m = outcomeMeasures({ accepted: 6, edited: 2, deleted: 2, drawn: 2 });
  assert.equal(m.proposals, 10);
  assert.equal(m.precision, 0.8); // 8 kept of 10 proposed
  assert.equal(m.recall, 0.8); // 8 found of 10 accepted in the end
  assert.deepEqual(m.shares, { accepted: 0.5, edited: 2 / 12, deleted: 2 / 12, drawn: 2 / 12 });
  const none = outcomeMeasures({ accepted: 0, edited: 0, deleted: 0, drawn: 0 });
  assert.equal(none.precision, null);
  assert.equal(none.recall, null);
  assert.equal(outcomeMeasures({ accepted: 0, edited: 0, deleted: 0, drawn: 3 }).recall, 0);
});
