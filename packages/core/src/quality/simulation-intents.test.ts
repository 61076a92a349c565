/**
 * Does Dawid–Skene beat majority vote on real class labels? Items: the distinct phrases of the
 * medical-intents CSV (Figure Eight "Medical Speech, Transcription, and Intent"). Phrases are
 * compared after collapsing whitespace and case, which gives the 703 distinct phrases the data
 * set describes; each phrase's truth is its most frequent `prompt` among its rows (ties: the
 * first seen). The CSV's own label noise is left alone: the truth here is what the simulation
 * measures against, not a claim about medicine.
 *
 * Three simulated annotators label every phrase, with known, different reliabilities and the
 * mistakes real annotators make:
 * - careful: right 88% of the time; a slip goes to a similar class (same body-area group) 70%
 *   of the time, otherwise anywhere.
 * - defaulter: answers the catch-all "Body feels weak" 35% of the time, whatever the phrase;
 *   otherwise right 80%, else a similar class.
 * - confuser: mixes each class up with one fixed sibling (e.g. Knee pain → Joint pain) 40% of
 *   the time, picks at random 10%, right otherwise.
 * Votes reach each item in a random order and majority vote breaks ties by first vote, so the
 * baseline has no hidden preference for the careful annotator.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseCsv } from './csv.ts';
import { dawidSkene, type DawidSkeneVote } from './dawid-skene.ts';
import { seededRandom } from './seeded.ts';
import { needsSharedData, SHARED_DATA } from '../testing/index.ts';
import { majorityVote } from './vote.ts';

const CSV = join(SHARED_DATA, 'text/medical-intents/overview-of-recordings.csv');

function loadTruth(): Map<string, string> {
  const [header, ...rows] = parseCsv(readFileSync(CSV, 'utf8'));
  const phraseCol = header!.indexOf('phrase');
  const promptCol = header!.indexOf('prompt');
  assert.ok(phraseCol >= 0 && promptCol >= 0, 'CSV has phrase and prompt columns');
  const votes = new Map<string, string[]>();
  for (const r of rows) {
    if (r.length !== header!.length) continue;
    const phrase = r[phraseCol]!.split(/\s+/).filter(Boolean).join(' ').toLowerCase();
    votes.set(phrase, [...(votes.get(phrase) ?? []), r[promptCol]!]);
  }
  return new Map([...votes].map(([p, labels]) => [p, majorityVote(labels)!]));
}

const GROUPS = [
  ['Shoulder pain', 'Joint pain', 'Knee pain', 'Muscle pain', 'Back pain', 'Neck pain', 'Foot ache', 'Injury from sports'],
  ['Acne', 'Skin issue', 'Hair falling out', 'Infected wound', 'Open wound'],
  ['Heart hurts', 'Hard to breath', 'Cough', 'Internal pain', 'Stomach ache'],
  ['Feeling dizzy', 'Head ache', 'Blurry vision', 'Ear ache', 'Body feels weak', 'Feeling cold', 'Emotional pain'],
];

function simulate(truth: Map<string, string>, seed: string) {
  const rnd = seededRandom(seed);
  const classes = [...new Set(truth.values())].sort();
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const groupOf = (c: string) => GROUPS.find((g) => g.includes(c)) ?? classes;
  const similar = (c: string) => pick(groupOf(c).filter((x) => x !== c));
  // The confuser's fixed sibling for each class, drawn once per seed.
  const sibling = new Map(classes.map((c) => [c, similar(c)]));
  const annotators: Record<string, (t: string) => string> = {
    careful: (t) => (rnd() < 0.88 ? t : rnd() < 0.7 ? similar(t) : pick(classes)),
    defaulter: (t) => (rnd() < 0.35 ? 'Body feels weak' : rnd() < 0.8 ? t : similar(t)),
    confuser: (t) => {
      const r = rnd();
      return r < 0.4 ? sibling.get(t)! : r < 0.5 ? pick(classes) : t;
    },
  };
  const votes: DawidSkeneVote[] = [];
  let majorityRight = 0;
  const accuracy: Record<string, number> = {};
  for (const [item, t] of truth) {
    const order = Object.keys(annotators);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const labels = order.map((a) => {
      const label = annotators[a]!(t);
      if (label === t) accuracy[a] = (accuracy[a] ?? 0) + 1 / truth.size;
      votes.push({ item, annotator: a, label });
      return label;
    });
    if (majorityVote(labels) === t) majorityRight++;
  }
  const ds = dawidSkene(votes);
  let dsRight = 0;
  for (const [item, t] of truth) if (ds.labels.get(item) === t) dsRight++;
  return { majority: majorityRight / truth.size, dawidSkene: dsRight / truth.size, iterations: ds.iterations, accuracy };
}

test('Dawid–Skene recovers the true intent more often than majority vote, on every seed', needsSharedData, () => {
  const truth = loadTruth();
  assert.equal(truth.size, 703);
  assert.equal(new Set(truth.values()).size, 25);
  for (const seed of ['intents-1', 'intents-2', 'intents-3', 'intents-4', 'intents-5']) {
    const r = simulate(truth, seed);
    const acc = Object.entries(r.accuracy).sort().map(([a, v]) => `${a} ${(100 * v).toFixed(0)}%`).join(', ');
    console.log(
      `[${seed}] annotators: ${acc}; majority vote ${(100 * r.majority).toFixed(1)}%, ` +
        `Dawid–Skene ${(100 * r.dawidSkene).toFixed(1)}% (${r.iterations} iterations)`,
    );
    assert.ok(r.dawidSkene > r.majority, `${seed}: Dawid–Skene ${r.dawidSkene} ≤ majority ${r.majority}`);
  }
});
