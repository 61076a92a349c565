import { test } from 'node:test';
import assert from 'node:assert/strict';
import { needsSharedData, SHARED_DATA } from '@cadre/core/testing';
import { loadSentenceEncoder } from '@cadre/models';
import { banking77, BANKING77_REPORT_SEED, BANKING77_TEST_SIZE, holdOut, ncbiDisease, PerceptronTagger, scoreSpans, simulate, type LabeledText, type SimulationOptions } from '@cadre/textml';

type Split = { pool: LabeledText[]; test: LabeledText[]; embeddings: NonNullable<SimulationOptions['embeddings']> };

/** The report split, each text with the shipped sentence encoder's vector (as a project's rounds learn). */
async function reportSplit(): Promise<Split> {
  const rows = banking77(SHARED_DATA);
  const vectors = await (await loadSentenceEncoder()).embed(rows.map((r) => r.text));
  const of = new Map(rows.map((r, i) => [r, vectors[i]!]));
  const { pool, test } = holdOut(rows, BANKING77_TEST_SIZE, BANKING77_REPORT_SEED);
  return { pool, test, embeddings: { pool: pool.map((r) => of.get(r)!), test: test.map((r) => of.get(r)!) } };
}

function curve(name: string, { pool, test, embeddings }: Split, o: SimulationOptions) {
  const g = simulate(pool, test, { ...o, embeddings });
  for (;;) {
    const s = g.next();
    if (s.done) return s.value;
    console.log(`${name}: ${s.value.labels} labels → ${(s.value.accuracy * 100).toFixed(1)}%`);
  }
}

test('banking77: uncertainty sampling needs fewer labels than random, and auto-accept keeps its 95% on the pool it accepts', needsSharedData, async () => {
  const split = await reportSplit();
  const margin = curve('margin', split, { strategy: 'margin', until: 0.9, maxLabels: 5000, autoAccept: 0.95, seed: BANKING77_REPORT_SEED });
  const at = margin.rounds.at(-1)!;
  const random = curve('random', split, { strategy: 'random', batch: 500, seedSize: 500, maxLabels: at.labels, seed: BANKING77_REPORT_SEED });
  const a = margin.autoAccept!;
  console.log(JSON.stringify({ labels_to_90: margin.labelsToTarget, random_at_same_labels: random.rounds.at(-1), auto_accept: { threshold: a.threshold, coverage: a.poolCoverage, accuracy: a.poolAccuracy, validation: a.validationSize } }));
  assert.ok(at.accuracy > random.rounds.at(-1)!.accuracy + 0.01, `margin ${at.accuracy} at ${at.labels} labels against random ${random.rounds.at(-1)!.accuracy}`);
  // With the sentence encoder's vectors beside the hashed features, 90% comes at 2,600 labels on this
  // split (3,000 without them, with self-training; 3,600 from the labels alone). On the other splits
  // measured it came at 2,300 to 3,400 (docs/text-learning.md). The goal is 3,000.
  assert.ok(margin.labelsToTarget !== null && margin.labelsToTarget <= 3000, `90% not reached in 3,000 labels (last ${JSON.stringify(at)})`);
  // The threshold is chosen on people's labels of a random validation sample; the pool's own labels judge it.
  assert.ok(a.poolAccuracy >= 0.95, `auto-accepted items ${a.poolAccuracy} right`);
  assert.ok(a.poolCoverage >= 0.6, `auto-accept covers ${a.poolCoverage} of the remaining pool`);
  assert.ok(a.lowerBound >= 0.95 && a.n >= 30);
});

test('NCBI disease: the entity tagger trained on train finds devel\'s disease mentions', needsSharedData, () => {
  const tagger = new PerceptronTagger(['Disease']);
  tagger.train(ncbiDisease(SHARED_DATA, 'train'));
  const s = scoreSpans(ncbiDisease(SHARED_DATA, 'devel').map((x) => ({ gold: x.spans, predicted: tagger.predict(x.tokens) })));
  console.log(JSON.stringify({ span_f1: s.f1, precision: s.precision, recall: s.recall, untouched: s.untouched, untouched_with_spans: s.untouchedWithSpans }));
  assert.ok(s.f1 >= 0.7, `span F1 ${s.f1}`);
  assert.ok(s.untouched >= 0.7, `untouched ${s.untouched}`);
});
