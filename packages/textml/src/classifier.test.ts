import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextClassifier } from './classifier.ts';
import { PerceptronTagger } from './tagger.ts';

const rows = [
  ['my card has not arrived yet', 'card_arrival'], ['when will my new card arrive', 'card_arrival'], ['card still not here after a week', 'card_arrival'],
  ['I was charged a fee for the transfer', 'transfer_fee'], ['why is there a fee on my transfer', 'transfer_fee'], ['transfer fee charged twice', 'transfer_fee'],
  ['how do I top up by bank transfer', 'top_up'], ['top up with my card failed', 'top_up'], ['can I top up using apple pay', 'top_up'],
];

test('the classifier learns from labels, scores what it knows high and refuses unknown classes', () => {
  const m = new TextClassifier(['card_arrival', 'top_up', 'transfer_fee'], rows.map((r) => r[0]!));
  m.learn(rows.map(([text, label]) => ({ x: m.vector(text!), label: label! })), { epochs: 20 });
  assert.equal(m.predict(m.vector('my card has still not arrived')).label, 'card_arrival');
  assert.equal(m.predict(m.vector('a fee for my transfer')).label, 'transfer_fee');
  const p = m.predict(m.vector('top up failed'));
  assert.equal(p.label, 'top_up');
  assert.ok(Math.abs(p.probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  assert.throws(() => m.learn([{ x: m.vector('x'), label: 'refund' }]), /unknown class "refund"/);
  assert.throws(() => new TextClassifier(['only'], []), /at least 2 classes/);
});

test('reset forgets what was learned: trained again, it answers as a new classifier trained on the same labels', () => {
  const classes = ['card_arrival', 'top_up', 'transfer_fee'];
  const examples = (m: TextClassifier) => rows.map(([text, label]) => ({ x: m.vector(text!), label: label! }));
  const fresh = new TextClassifier(classes, rows.map((r) => r[0]!));
  fresh.learn(examples(fresh));
  const reused = new TextClassifier(classes, rows.map((r) => r[0]!));
  reused.learn(examples(reused).slice(0, 4), { epochs: 30 }); // a first round on part of the labels
  reused.reset();
  reused.learn(examples(reused));
  for (const [text] of rows) assert.deepEqual([...reused.probabilities(reused.vector(text!))], [...fresh.probabilities(fresh.vector(text!))]);
});

test('self-training: open items labelled by the first model teach a word no label had (learnWithPool)', () => {
  const classes = ['shipping', 'billing'];
  const labelled = [['where is my parcel', 'shipping'], ['parcel not delivered', 'shipping'], ['refund my payment', 'billing'], ['payment taken twice', 'billing']];
  // The open items: "courier" only ever appears beside "parcel", "invoice" beside "payment".
  const open = ['parcel courier late', 'courier lost the parcel', 'the courier and my parcel', 'payment invoice wrong', 'invoice for my payment', 'payment invoice missing'];
  const corpus = [...labelled.map((r) => r[0]!), ...open];
  const train = (m: TextClassifier) => labelled.map(([text, label]) => ({ x: m.vector(text!), label: label! }));
  const alone = new TextClassifier(classes, corpus);
  alone.learn(train(alone), { epochs: 20 });
  const pooled = new TextClassifier(classes, corpus);
  pooled.learnWithPool(train(pooled), open.map((t) => pooled.vector(t)), { epochs: 20 });
  const shipping = (m: TextClassifier, text: string) => m.probabilities(m.vector(text))[0]!;
  assert.equal(pooled.predict(pooled.vector('courier')).label, 'shipping');
  assert.equal(pooled.predict(pooled.vector('invoice')).label, 'billing');
  assert.ok(shipping(pooled, 'courier') > shipping(alone, 'courier') + 0.2, `courier: shipping ${shipping(pooled, 'courier')} against ${shipping(alone, 'courier')} from the labels alone`);
  assert.ok(shipping(pooled, 'invoice') < shipping(alone, 'invoice') - 0.2, `invoice: shipping ${shipping(pooled, 'invoice')} against ${shipping(alone, 'invoice')}`);
  // An empty pool is the labels alone.
  const empty = new TextClassifier(classes, corpus);
  empty.learnWithPool(train(empty), [], { epochs: 20 });
  assert.deepEqual([...empty.probabilities(empty.vector('courier'))], [...alone.probabilities(alone.vector('courier'))]);
});

test('the tagger learns entity spans from tagged sentences', () => {
  const sentences = ['breast cancer is common', 'she has breast cancer', 'ovarian cancer was found', 'no cancer here'].map((t) => {
    const tokens = t.split(' ');
    const start = tokens.findIndex((w) => w === 'breast' || w === 'ovarian');
    const c = tokens.indexOf('cancer');
    return { tokens, spans: start >= 0 ? [{ start, end: start + 2, type: 'Disease' }] : [{ start: c, end: c + 1, type: 'Disease' }] };
  });
  const tagger = new PerceptronTagger(['Disease']);
  tagger.train(sentences, { epochs: 10 });
  assert.deepEqual(tagger.predict(['he', 'has', 'breast', 'cancer']), [{ start: 2, end: 4, type: 'Disease' }]);
  assert.throws(() => tagger.train(sentences), /averaged/);
});
