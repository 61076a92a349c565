// Text models that learn from labels, on banking77 and NCBI disease: labels needed to reach 90%
// accuracy with margin sampling and at random (with the shipped sentence encoder's vectors, as a
// project learns; and without them, as before the encoder), auto-accept coverage at a 95% target,
// the encoder's and the classifier's time for 10,000 texts on one core, and the entity tagger's span
// F1. The split is drawn with a seed that was not used while tuning (the tuning used 'split' and 'b').
import { fileURLToPath } from 'node:url';
import { SHARED_DATA, hasSharedData } from '@cadre/core/testing';
import { mergeIntoSection } from './load-bench.ts';
import { provenance } from './provenance.ts';
import { round } from './stats.ts';
import { loadSentenceEncoder } from '@cadre/models';
import { banking77, BANKING77_REPORT_SEED, BANKING77_TEST_SIZE, holdOut, ncbiDisease, PerceptronTagger, scoreSpans, simulate, TextClassifier, type SimulationOptions, type SimulationResult } from '@cadre/textml';

export interface TextLearning {
  al_labels_to_90_banking77: number | null; al_labels_to_90_banking77_random: number | null;
  /** The same with each round starting from the last one's weights: not what a project does (its rounds train from zero). */
  al_labels_to_90_banking77_warm: number | null;
  /** Margin sampling from the hashed word and character features alone (self-training on). */
  al_labels_to_90_banking77_no_encoder: number | null;
  al_final_accuracy_margin: number; al_final_accuracy_random: number;
  /** The sentence encoder's seconds for the 10,003 banking77 texts. */
  embed_s_10k: number;
  auto_accept_coverage: number; auto_accept_accuracy: number; auto_accept_threshold: number | null;
  train_s_10k: number; tagger_span_f1_ncbi: number; tagger_untouched_ncbi: number; tagger_train_s: number;
}

function run(o: SimulationOptions, pool: ReturnType<typeof banking77>, test: ReturnType<typeof banking77>): SimulationResult {
  const g = simulate(pool, test, o);
  for (;;) { const s = g.next(); if (s.done) return s.value; }
}

export async function textLearningBench(log: (s: string) => void = () => {}): Promise<TextLearning | null> {
  if (!hasSharedData) return null;
  const rows = banking77(SHARED_DATA);
  const encoder = await loadSentenceEncoder();
  const embedStarted = performance.now();
  const vectors = await encoder.embed(rows.map((r) => r.text));
  const embedS = (performance.now() - embedStarted) / 1000;
  log(`text: the sentence encoder embedded ${rows.length} texts in ${embedS.toFixed(1)} s (${encoder.backend})`);
  const vectorOf = new Map(rows.map((r, i) => [r, vectors[i]!]));
  const { pool, test } = holdOut(rows, BANKING77_TEST_SIZE, BANKING77_REPORT_SEED);
  const embeddings = { pool: pool.map((r) => vectorOf.get(r)!), test: test.map((r) => vectorOf.get(r)!) };
  const margin = run({ strategy: 'margin', until: 0.9, autoAccept: 0.95, seed: BANKING77_REPORT_SEED, embeddings }, pool, test);
  log(`text: margin sampling reached 90% at ${margin.labelsToTarget ?? 'never'} labels (each round trained from zero, as a project's)`);
  const warm = run({ strategy: 'margin', until: 0.9, seed: BANKING77_REPORT_SEED, warm: true, embeddings }, pool, test);
  log(`text: with rounds that start from the last one's weights, at ${warm.labelsToTarget ?? 'never'} labels`);
  const random = run({ strategy: 'random', until: 0.9, batch: 500, seedSize: 500, seed: BANKING77_REPORT_SEED, embeddings }, pool, test);
  log(`text: random sampling reached 90% at ${random.labelsToTarget ?? 'never'} labels`);
  const plain = run({ strategy: 'margin', until: 0.9, maxLabels: 6000, seed: BANKING77_REPORT_SEED }, pool, test);
  log(`text: without the encoder, margin sampling reached 90% at ${plain.labelsToTarget ?? 'never'} labels`);

  const started = performance.now();
  const model = new TextClassifier([...new Set(rows.map((r) => r.label))].sort(), rows.map((r) => r.text), { embeddingSize: encoder.dimension });
  model.learn(rows.map((r, i) => ({ x: model.vector(r.text, vectors[i]), label: r.label })));
  const trainS = (performance.now() - started) / 1000;

  const tagStarted = performance.now();
  const train = ncbiDisease(SHARED_DATA, 'train');
  const tagger = new PerceptronTagger(['Disease']);
  tagger.train(train);
  const taggerS = (performance.now() - tagStarted) / 1000;
  const spans = scoreSpans(ncbiDisease(SHARED_DATA, 'devel').map((s) => ({ gold: s.spans, predicted: tagger.predict(s.tokens) })));
  const a = margin.autoAccept!;
  return {
    al_labels_to_90_banking77: margin.labelsToTarget, al_labels_to_90_banking77_random: random.labelsToTarget, al_labels_to_90_banking77_warm: warm.labelsToTarget,
    al_labels_to_90_banking77_no_encoder: plain.labelsToTarget, embed_s_10k: embedS,
    al_final_accuracy_margin: margin.rounds.at(-1)!.accuracy, al_final_accuracy_random: random.rounds.at(-1)!.accuracy,
    auto_accept_coverage: a.poolCoverage, auto_accept_accuracy: a.poolAccuracy, auto_accept_threshold: Number.isFinite(a.threshold) ? a.threshold : null,
    train_s_10k: trainS, tagger_span_f1_ncbi: spans.f1, tagger_untouched_ncbi: spans.untouched, tagger_train_s: taggerS,
  };
}

/** The figures as `npm run bench` writes them under `text`. */
export function learningFigures(l: TextLearning) {
  return {
    al_labels_to_90_banking77: l.al_labels_to_90_banking77 ?? 'not reached', al_labels_to_90_banking77_random: l.al_labels_to_90_banking77_random ?? 'not reached',
    al_labels_to_90_banking77_warm: l.al_labels_to_90_banking77_warm ?? 'not reached',
    al_labels_to_90_banking77_no_encoder: l.al_labels_to_90_banking77_no_encoder ?? 'not reached', embed_s_10k: round(l.embed_s_10k, 1),
    al_final_accuracy_margin: round(l.al_final_accuracy_margin, 4), al_final_accuracy_random: round(l.al_final_accuracy_random, 4),
    auto_accept_coverage: round(l.auto_accept_coverage, 4), auto_accept_accuracy: round(l.auto_accept_accuracy, 4),
    train_s_10k: round(l.train_s_10k, 2), tagger_span_f1_ncbi: round(l.tagger_span_f1_ncbi, 4), tagger_untouched_ncbi: round(l.tagger_untouched_ncbi, 4),
  };
}

// Alone: node --import tsx bench/text-learning.ts [--merge]; with --merge the figures replace those
// under `text` in bench/results/latest.json, with the commit they measured.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const measured = provenance();
  const learning = await textLearningBench(console.log);
  if (!learning) throw new Error('the shared data is missing');
  const figures = learningFigures(learning);
  console.log(JSON.stringify(figures, null, 2));
  if (process.argv.includes('--merge')) {
    const file = new URL('results/latest.json', import.meta.url);
    mergeIntoSection(file, 'text', figures, 'learning_provenance', measured);
    console.log(`merged the text-learning figures into ${file.pathname}`);
  }
}
