// Text models that learn from labels, on banking77 and NCBI disease: labels needed to reach 90%
// accuracy with margin sampling and at random, auto-accept coverage at a 95% target, training time
// for 10,000 texts on one core, and the entity tagger's span F1. The split is drawn with a seed
// that was not used while tuning (the tuning used 'split' and 'b').
import { SHARED_DATA, hasSharedData } from '@cadre/core/testing';
import { banking77, BANKING77_REPORT_SEED, BANKING77_TEST_SIZE, holdOut, ncbiDisease, PerceptronTagger, scoreSpans, simulate, TextClassifier, type SimulationOptions, type SimulationResult } from '@cadre/textml';

export interface TextLearning {
  al_labels_to_90_banking77: number | null; al_labels_to_90_banking77_random: number | null;
  al_final_accuracy_margin: number; al_final_accuracy_random: number;
  auto_accept_coverage: number; auto_accept_accuracy: number; auto_accept_threshold: number | null;
  train_s_10k: number; tagger_span_f1_ncbi: number; tagger_untouched_ncbi: number; tagger_train_s: number;
}

function run(o: SimulationOptions, pool: ReturnType<typeof banking77>, test: ReturnType<typeof banking77>): SimulationResult {
  const g = simulate(pool, test, o);
  for (;;) { const s = g.next(); if (s.done) return s.value; }
}

export function textLearningBench(log: (s: string) => void = () => {}): TextLearning | null {
  if (!hasSharedData) return null;
  const rows = banking77(SHARED_DATA);
  const { pool, test } = holdOut(rows, BANKING77_TEST_SIZE, BANKING77_REPORT_SEED);
  const margin = run({ strategy: 'margin', until: 0.9, autoAccept: 0.95, seed: BANKING77_REPORT_SEED }, pool, test);
  log(`text: margin sampling reached 90% at ${margin.labelsToTarget ?? 'never'} labels`);
  const random = run({ strategy: 'random', until: 0.9, batch: 500, seedSize: 500, seed: BANKING77_REPORT_SEED }, pool, test);
  log(`text: random sampling reached 90% at ${random.labelsToTarget ?? 'never'} labels`);

  const started = performance.now();
  const model = new TextClassifier([...new Set(rows.map((r) => r.label))].sort(), rows.map((r) => r.text));
  model.learn(rows.map((r) => ({ x: model.vector(r.text), label: r.label })));
  const trainS = (performance.now() - started) / 1000;

  const tagStarted = performance.now();
  const train = ncbiDisease(SHARED_DATA, 'train');
  const tagger = new PerceptronTagger(['Disease']);
  tagger.train(train);
  const taggerS = (performance.now() - tagStarted) / 1000;
  const spans = scoreSpans(ncbiDisease(SHARED_DATA, 'devel').map((s) => ({ gold: s.spans, predicted: tagger.predict(s.tokens) })));
  const a = margin.autoAccept!;
  return {
    al_labels_to_90_banking77: margin.labelsToTarget, al_labels_to_90_banking77_random: random.labelsToTarget,
    al_final_accuracy_margin: margin.rounds.at(-1)!.accuracy, al_final_accuracy_random: random.rounds.at(-1)!.accuracy,
    auto_accept_coverage: a.poolCoverage, auto_accept_accuracy: a.poolAccuracy, auto_accept_threshold: Number.isFinite(a.threshold) ? a.threshold : null,
    train_s_10k: trainS, tagger_span_f1_ncbi: spans.f1, tagger_untouched_ncbi: spans.untouched, tagger_train_s: taggerS,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(textLearningBench(console.log));
