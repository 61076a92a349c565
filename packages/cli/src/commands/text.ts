import type { Command } from 'commander';
import { loadSentenceEncoder } from '@cadre/models';
import { holdOut, PerceptronTagger, readConll, scoreSpans, simulate, STRATEGIES, type LabeledText, type Strategy } from '@cadre/textml';
import { parseNumber, readLabeled, readText } from './text-files.ts';

interface SimulateFlags {
  pool: string; test?: string; holdout?: string; textColumn: string; labelColumn: string; strategy: string;
  seedSize: string; batch: string; until?: string; maxLabels?: string; autoAccept?: string; validation: string; randomShare: string; seed: string; warm?: boolean; selfTrain?: boolean; encoder: boolean;
}

async function runSimulate(o: SimulateFlags): Promise<void> {
  if (!STRATEGIES.includes(o.strategy as Strategy)) throw new Error(`--strategy must be one of ${STRATEGIES.join(', ')}, got ${JSON.stringify(o.strategy)}`);
  if (!o.test === !o.holdout) throw new Error('give the test set as --test FILE, or hold part of the pool out with --holdout N');
  let pool = await readLabeled(o.pool, o.textColumn, o.labelColumn);
  let test: LabeledText[];
  if (o.test) test = await readLabeled(o.test, o.textColumn, o.labelColumn);
  else ({ pool, test } = holdOut(pool, parseNumber('--holdout', o.holdout!, { min: 1, integer: true }), o.seed, '--holdout'));
  const unknown = [...new Set(test.map((r) => r.label))].filter((l) => !pool.some((r) => r.label === l));
  if (unknown.length) process.stderr.write(`note: ${unknown.length} test label(s) never occur in the pool (${unknown.slice(0, 5).join(', ')}): no model can get those right\n`);
  const embeddings = o.encoder ? await embedBoth(pool, test) : undefined;
  const run = simulate(pool, test, {
    strategy: o.strategy as Strategy,
    seedSize: parseNumber('--seed-size', o.seedSize, { min: 1, integer: true }),
    batch: parseNumber('--batch', o.batch, { min: 1, integer: true }),
    until: o.until === undefined ? undefined : parseNumber('--until', o.until, { min: 0, max: 1 }),
    maxLabels: o.maxLabels === undefined ? undefined : parseNumber('--max-labels', o.maxLabels, { min: 1, integer: true }),
    autoAccept: o.autoAccept === undefined ? undefined : parseNumber('--auto-accept', o.autoAccept, { min: 0.5, max: 0.999 }),
    validationSize: parseNumber('--validation', o.validation, { min: 30, integer: true }),
    randomShare: parseNumber('--random-share', o.randomShare, { min: 0, max: 1 }),
    seed: o.seed,
    warm: o.warm === true,
    // --self-train / --no-self-train when given; otherwise simulate's default (off with the encoder or --warm).
    ...(o.selfTrain === undefined ? {} : { selfTrain: o.selfTrain }),
    embeddings,
  });
  let step = run.next();
  while (!step.done) {
    process.stdout.write(`${JSON.stringify({ labels: step.value.labels, accuracy: round(step.value.accuracy) })}\n`);
    step = run.next();
  }
  const r = step.value;
  const a = r.autoAccept;
  process.stdout.write(`${JSON.stringify({
    labels_to_target: r.labelsToTarget,
    final: r.rounds.at(-1),
    auto_accept: a && {
      target: Number(o.autoAccept),
      threshold: Number.isFinite(a.threshold) ? round(a.threshold) : null,
      coverage: round(a.poolCoverage),
      accuracy: round(a.poolAccuracy),
      accepted: a.accepted,
      remaining: a.remaining,
      validation: { labels: a.validationSize, coverage: round(a.coverage), accuracy: round(a.accuracy), lower_bound: round(a.lowerBound) },
    },
  })}\n`);
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;

/** The shipped sentence encoder's vectors of the pool's and the test's texts, with progress on stderr. */
async function embedBoth(pool: readonly LabeledText[], test: readonly LabeledText[]) {
  const encoder = await loadSentenceEncoder();
  const texts = [...pool, ...test].map((r) => r.text);
  const started = performance.now();
  let said = 0;
  const vectors = await encoder.embed(texts, (done) => {
    if (done - said >= 2000 || done === texts.length) {
      said = done;
      process.stderr.write(`encoder: ${done} of ${texts.length} texts embedded (${Math.round((performance.now() - started) / 1000)} s)\n`);
    }
  });
  return { pool: vectors.slice(0, pool.length), test: vectors.slice(pool.length) };
}

async function runTagger(o: { train: string; test: string; epochs: string; seed: string }): Promise<void> {
  const train = readConll(await readText(o.train), o.train);
  const test = readConll(await readText(o.test), o.test);
  if (train.length === 0) throw new Error(`${o.train}: no sentences`);
  if (test.length === 0) throw new Error(`${o.test}: no sentences`);
  const types = [...new Set(train.flatMap((s) => s.spans.map((x) => x.type)))].sort();
  if (types.length === 0) throw new Error(`${o.train}: no entity tags (B-/I-/E-/S-<type>) to learn from`);
  const started = performance.now();
  const tagger = new PerceptronTagger(types);
  tagger.train(train, { epochs: parseNumber('--epochs', o.epochs, { min: 1, integer: true }), seed: Number(o.seed) || 1 });
  const trainSeconds = (performance.now() - started) / 1000;
  const s = scoreSpans(test.map((x) => ({ gold: x.spans, predicted: tagger.predict(x.tokens) })));
  process.stdout.write(`${JSON.stringify({
    types, train_sentences: train.length, test_sentences: test.length, train_s: round(trainSeconds),
    span_precision: round(s.precision), span_recall: round(s.recall), span_f1: round(s.f1),
    gold_spans: s.gold, predicted_spans: s.predicted,
    untouched_share: round(s.untouched), untouched_share_with_spans: round(s.untouchedWithSpans),
  })}\n`);
}

export function textCommands(program: Command): void {
  const text = program.command('text').description('text models that learn from labels: simulate a labelling run, measure the entity tagger');
  text.command('simulate')
    .description('replay a labelling run on a labelled pool (its labels play the people); prints {labels, accuracy} after each round, then {labels_to_target, auto_accept}')
    .requiredOption('--pool <file>', 'CSV (or .tsv) of labelled texts, with a header line')
    .option('--test <file>', 'CSV of labelled texts to measure on (same columns)')
    .option('--holdout <n>', 'or: hold this many pool rows out as the test set')
    .requiredOption('--text-column <name>', 'the column with the text')
    .requiredOption('--label-column <name>', 'the column with the label')
    .option('--strategy <s>', `which items to ask about: ${STRATEGIES.join(', ')}`, 'margin')
    .option('--seed-size <n>', 'labels drawn at random before the model asks', '100')
    .option('--batch <n>', 'labels asked for each round', '100')
    .option('--until <acc>', 'stop once test accuracy reaches this (0–1)')
    .option('--max-labels <n>', 'stop after this many labels')
    .option('--auto-accept <acc>', 'then pick an auto-accept threshold for this target accuracy and apply it to the rest of the pool')
    .option('--validation <n>', 'people-labelled random items the auto-accept threshold is picked on', '500')
    .option('--random-share <share>', 'share of each batch drawn at random instead of by uncertainty', '0')
    .option('--seed <text>', 'seed of every random choice', 'cadre')
    .option('--warm', 'start each round from the last round\'s weights (4 passes) instead of from zero as a project does (8 passes); no self-training')
    .option('--self-train', 'also learn from the unlabelled pool labelled by the round\'s first model (the default without the encoder)')
    .option('--no-self-train', 'learn from the labels alone (the default with the encoder)')
    .option('--no-encoder', 'hashed word and character features alone, without the shipped sentence encoder\'s vectors')
    .action(runSimulate);
  text.command('tagger')
    .description('train the entity tagger on CoNLL/BIO sentences and measure it on others; prints span F1 and the share of sentences a person would accept untouched')
    .requiredOption('--train <file>', 'CoNLL-style file: token and tag columns (tag last), blank lines between sentences')
    .requiredOption('--test <file>', 'the same, to measure on')
    .option('--epochs <n>', 'passes over the training sentences', '8')
    .option('--seed <n>', 'seed of the shuffling', '1')
    .action(runTagger);
}
