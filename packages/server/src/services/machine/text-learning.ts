// One learning round of a text-classification project, as a machine job: the shipped learner
// (@cadre/textml) trains on the labels people accepted, except the random share held out to
// measure it, with each text's sentence embedding from the shipped encoder beside its words (or, when
// the encoder cannot load, on open items labelled by its own first guess: self-training); proposes a class
// for every open item; orders the annotate queue by its uncertainty with a random share mixed in;
// and, with an accuracy target, accepts the items it is surest of (threshold from the held-out
// share's Wilson lower bound, raised when QA finds auto-accepted items below the target), sending a
// QA share of them to review.
import { hashString, seededRandom, textClassOf, uuidv7, type Ontology, type ProjectSettings } from '@cadre/core';
import type { LearningRound } from '@cadre/contract';
import { annotations, kyselyOn, learning, machineJobs, withTransaction, workflow, type MachineJobRow, type ModelRow } from '@cadre/db';
import { pickThreshold, shuffle, TextClassifier, uncertainty, type Scored } from '@cadre/textml';
import { accept, logTask, type Actor } from '../workflow/moves.ts';
import type { ServiceDeps } from '../context.ts';
import { modelLabel } from './models.service.ts';
import { proposeSpans, trainSpanTagger } from './text-spans.ts';
import { embeddingsOf } from './text-embeddings.ts';

/** Held-out labels needed before a threshold is trusted at all. */
const MIN_VALIDATION = 30;
/** Auto-accepted items QA must have decided before its verdict moves the threshold. */
const MIN_QA = 20;
/** How far the threshold floor rises each round QA finds auto-accepted items below the target. */
const FLOOR_STEP = 0.02;
/** Open items a round learns from besides the labels (self-training), at most. */
const SELF_TRAIN_ITEMS = 20_000;

export const textClassesOf = (ontology: Ontology) => ontology.classes.filter((c) => c.kind === 'text_class').map((c) => c.name);

/** The first text_class label of a payload (one rule, in @cadre/core). */
export const classOf = textClassOf;

export interface QaVerdict { sampled: number; checked: number; right: number }

/** What QA made of the auto-accepted items sent to it: decided ones, and those that kept their label. */
export async function qaVerdict(deps: ServiceDeps, projectId: string): Promise<QaVerdict & { automatic: number }> {
  const rows = await learning.autoOutcomes(deps.db, projectId);
  let sampled = 0, checked = 0, right = 0;
  for (const r of rows) {
    if (!r.qa) continue;
    sampled++;
    if (r.stage === 'review' || r.stage === null) continue;
    checked++;
    if (r.stage === 'accepted' && classOf(r.accepted_payload) === r.label) right++;
  }
  return { sampled, checked, right, automatic: rows.length };
}

export interface LearnRun { job: MachineJobRow; model: ModelRow; ontology: Ontology; settings: ProjectSettings; progress: (done: number, total: number) => Promise<boolean> }

/** Runs the round; null when stopped (cancelled) before it stored anything. */
export async function learnRound(deps: ServiceDeps, run: LearnRun): Promise<LearningRound | null> {
  const { job, model, settings } = run;
  const projectId = job.project_id;
  const classes = textClassesOf(run.ontology);
  const spanTypes = run.ontology.classes.filter((c) => c.kind === 'text_span').map((c) => c.name);
  if (classes.length < 2 && spanTypes.length === 0) throw new Error(`the learner needs at least two text classification (text_class) classes or a span (text_span) class, the ontology has ${classes.length} and none`);
  const started = performance.now();
  const rows = await learning.texts(deps.db, projectId);
  const picked = new Map((await learning.picks(deps.db, projectId)).map((p) => [p.item_id, p]));
  const train: Array<{ item: string; text: string; label: string }> = [];
  const held: Array<{ item: string; text: string; label: string }> = [];
  const acceptedTexts: Array<{ text: string; payload: unknown }> = [];
  for (const r of rows) {
    if (r.author_kind === 'human') acceptedTexts.push({ text: r.content, payload: r.payload });
    const label = r.author_kind === 'human' ? classOf(r.payload) : null;
    if (label === null || !classes.includes(label)) continue;
    (picked.has(r.item_id) ? held : train).push({ item: r.item_id, text: r.content, label });
  }
  const previous = (await learning.rounds(deps.db, projectId)).at(-1);
  const round = (previous?.round ?? 0) + 1;
  const accepted = await learning.humanAccepted(deps.db, projectId);
  const queue = await learning.openQueue(deps.db, projectId);
  await machineJobs.startAttempt(deps.db, job.id, queue.length, true);

  const base = { id: uuidv7(), project_id: projectId, job_id: job.id, round, labels: train.length, accepted, validation: held.length };
  const tagger = spanTypes.length > 0 ? trainSpanTagger(acceptedTexts, spanTypes) : null;
  const classifies = classes.length >= 2 && new Set(train.map((t) => t.label)).size >= 2;
  if (!classifies && !tagger) {
    // Nothing to learn from yet: the round is kept (so the next waits for more labels) and, with
    // learning on, the queue is shuffled, so that the first labels are a random sample of the
    // project rather than its first file's first class.
    if (settings.activeLearning !== 'off') {
      const random = seededRandom(`learn:${projectId}:${round}`);
      const order = queue.map((q) => ({ q, key: random() })).sort((a, b) => a.key - b.key);
      await learning.setPriorities(deps.db, order.map((o, k) => ({ taskId: o.q.task_id, priority: Math.max(0, 999 - k) })));
    }
    const r = { ...base, validation_right: 0, threshold: null, floor: previous?.floor ?? null, auto_accepted: 0, qa_sampled: 0, proposals: 0, train_ms: 0 };
    await learning.insertRound(deps.db, r);
    return toWire(r, new Date());
  }

  // Each text's sentence embedding (stored once an item; the first round of a large project spends
  // most of its time here). Progress stays at 0 meanwhile; a cancel stops it between batches.
  const embedded = classifies ? await embeddingsOf(deps, projectId, rows, () => run.progress(0, queue.length)) : null;
  if (embedded === 'stopped') return null;
  const classifier = classifies ? new TextClassifier(classes, rows.map((r) => r.content), { embeddingSize: embedded?.dimension ?? 0 }) : null;
  const byId = new Map(rows.map((r) => [r.item_id, r.content]));
  const vectorOf = (itemId: string, text: string) => classifier!.vector(text, embedded?.of.get(itemId));
  const openVectors = classifier ? queue.map((q) => vectorOf(q.item_id, byId.get(q.item_id) ?? '')) : [];
  const examples = train.map((t) => ({ x: vectorOf(t.item, t.text), label: t.label }));
  if (classifier && !classifier.selfTrains) classifier.learn(examples);
  else if (classifier) {
    // Without embeddings it also learns from open items labelled by its own first guess (at most
    // SELF_TRAIN_ITEMS of them, drawn at random, so that a round's time does not grow with the backlog).
    const selfTrainOn = openVectors.length <= SELF_TRAIN_ITEMS ? openVectors
      : shuffle([...openVectors], seededRandom(`self-train:${projectId}:${round}`)).slice(0, SELF_TRAIN_ITEMS);
    classifier.learnWithPool(examples, selfTrainOn);
  }
  const scored: Scored[] = classifier ? held.map((h) => {
    const p = classifier.predict(vectorOf(h.item, h.text));
    return { score: p.score, correct: p.label === h.label };
  }) : [];
  const trainMs = Math.round(performance.now() - started);

  // Every open item's proposal (its class and spans) and uncertainty.
  const strategy = settings.activeLearning === 'off' ? 'margin' : settings.activeLearning;
  const proposals = [];
  for (let i = 0; i < queue.length; i++) {
    const q = queue[i]!;
    const text = byId.get(q.item_id) ?? '';
    const p = classifier?.predict(openVectors[i]!);
    const spans = tagger ? proposeSpans(tagger, text) : [];
    proposals.push({
      ...q, label: p?.label ?? null, score: p?.score ?? null, spans,
      unsure: !p || strategy === 'random' ? 0 : uncertainty(p.probabilities, strategy),
    });
    if ((i + 1) % 500 === 0 && !(await run.progress(i + 1, queue.length))) return null;
  }

  // Auto-accept: the threshold the held-out share supports, never below the floor QA has set.
  let floor = previous?.floor ?? null;
  let threshold: number | null = null;
  if (settings.autoAcceptTarget !== null) {
    const qa = await qaVerdict(deps, projectId);
    if (qa.checked >= MIN_QA && qa.right / qa.checked < settings.autoAcceptTarget && previous?.threshold != null) {
      floor = Math.min(0.9999, Math.max(floor ?? 0, previous.threshold) + FLOOR_STEP);
    }
    if (scored.length >= MIN_VALIDATION) {
      const t = pickThreshold(scored, settings.autoAcceptTarget);
      if (Number.isFinite(t.threshold)) threshold = Math.max(t.threshold, floor ?? 0);
    }
  }
  // Only a project that labels classes alone: spans would be accepted unseen.
  const auto = threshold === null || spanTypes.length > 0 ? [] : proposals.filter((p) => p.score !== null && p.score >= threshold!) as Array<(typeof proposals)[number] & { label: string; score: number }>;
  const autoIds = new Set(auto.map((a) => a.item_id));
  const rest = proposals.filter((p) => !autoIds.has(p.item_id));

  const predictionIds = await learning.upsertPredictions(deps.db, {
    projectId, modelId: model.id, jobId: job.id, modelVersion: modelLabel(model),
    list: proposals.map((p) => ({
      id: uuidv7(), itemId: p.item_id, score: p.score,
      objects: [...(p.label === null ? [] : [{ id: 'm0', kind: 'text_class', label: p.label, attributes: {}, geometry: null, score: p.score }]), ...p.spans],
    })),
  });
  let qaSampled = 0;
  const machine: Actor = { id: model.worker_id, kind: 'machine' };
  for (const a of auto) {
    const toQa = settings.stages.includes('review') && hashString(`qa:${a.item_id}`) / 2 ** 53 < settings.autoAcceptQaShare;
    if (await acceptAutomatically(deps, { projectId, model, machine, settings, taskId: a.task_id, itemId: a.item_id, label: a.label, score: a.score, predictionId: predictionIds.get(a.item_id)!, round, toQa })) {
      if (toQa) qaSampled++;
    }
  }

  if (settings.activeLearning !== 'off' && classifier) await orderQueue(deps, projectId, rest as Array<(typeof rest)[number] & { label: string; score: number }>, settings, round, train.length);
  await run.progress(queue.length, queue.length);
  const r = {
    ...base, validation_right: scored.filter((s) => s.correct).length, threshold, floor,
    auto_accepted: auto.length, qa_sampled: qaSampled, proposals: rest.length, train_ms: trainMs,
  };
  await learning.insertRound(deps.db, r);
  return toWire(r, new Date());
}

/** The item accepted with the model's label (cost method automatic), or sent to review as QA's sample. */
async function acceptAutomatically(deps: ServiceDeps, a: {
  projectId: string; model: ModelRow; machine: Actor; settings: ProjectSettings; taskId: string; itemId: string; label: string; score: number; predictionId: string; round: number; toQa: boolean;
}): Promise<boolean> {
  return withTransaction(deps.pool, async (client) => {
    const tx = kyselyOn(client);
    const task = await learning.lockFreeTask(tx, a.taskId);
    if (!task || task.stage !== 'annotate' || task.attempts > 0) return false; // someone took it meanwhile
    const annotation = await annotations.insertAnnotation(tx, {
      id: uuidv7(), projectId: a.projectId, itemId: a.itemId, taskId: a.taskId, authorId: a.model.worker_id, authorKind: 'machine', submissionId: null,
      state: 'submitted', schemaVersion: 1,
      payload: { schemaVersion: 1, objects: [{ id: 'auto', kind: 'text_class', label: a.label, attributes: {}, geometry: null, origin: 'prediction_accepted', predictionId: `${a.predictionId}:m0`, score: a.score }] },
    });
    await learning.addAuto(tx, a.projectId, { itemId: a.itemId, round: a.round, label: a.label, score: a.score, qa: a.toQa });
    const work = { task, annotationId: annotation.id, annotatorId: null };
    await logTask(tx, a.machine, task, 'auto_accepted', { annotationId: annotation.id, label: a.label, score: a.score, qa: a.toQa });
    if (a.toQa) await workflow.moveTask(tx, task.id, { stage: 'review', status: 'open', reservedFor: null, annotatorId: null });
    else await accept(tx, work, a.machine);
    return true;
  });
}

/**
 * The queue in the order people should label it: most uncertain first, with every k-th place
 * (k = 1 / random share) an item drawn at random, recorded with this round's prediction so its
 * label, once accepted, measures a model that never trained on it.
 */
async function orderQueue(deps: ServiceDeps, projectId: string, rest: Array<{ task_id: string; item_id: string; label: string; score: number; unsure: number }>, settings: ProjectSettings, round: number, labels: number): Promise<void> {
  const random = seededRandom(`learn:${projectId}:${round}`);
  const share = settings.learningRandomShare;
  const window = Math.min(rest.length, Math.max(settings.learningRetrainAfter * 2, 10));
  const nRandom = share > 0 ? Math.min(rest.length, Math.max(1, Math.round(window * share))) : 0;
  const pool = rest.map((_, i) => i);
  for (let i = 0; i < nRandom; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  const randomPicks = pool.slice(0, nRandom).map((i) => rest[i]!);
  const randomIds = new Set(randomPicks.map((r) => r.item_id));
  const ranked = settings.activeLearning === 'random'
    ? pool.slice(nRandom).map((i) => rest[i]!)
    : rest.filter((r) => !randomIds.has(r.item_id)).sort((a, b) => b.unsure - a.unsure || (a.task_id < b.task_id ? -1 : 1));
  const every = nRandom > 0 ? Math.max(1, Math.round(1 / share)) : Infinity;
  const order: typeof rest = [];
  let r = 0;
  for (let k = 0; order.length < rest.length; k++) {
    if (r < randomPicks.length && ((k + 1) % every === 0 || k - r >= ranked.length)) order.push(randomPicks[r++]!);
    else order.push(ranked[k - r]!);
  }
  await learning.setPriorities(deps.db, order.map((o, k) => ({ taskId: o.task_id, priority: Math.max(0, 999 - k) })));
  await learning.addPicks(deps.db, projectId, randomPicks.map((p) => ({ item_id: p.item_id, round, labels, predicted: p.label, score: p.score })));
}

function toWire(r: Omit<learning.RoundRow, 'created_at'>, at: Date): LearningRound {
  return {
    round: r.round, labels: r.labels, accepted: r.accepted, validation: r.validation,
    validationAccuracy: r.validation > 0 ? r.validation_right / r.validation : null,
    threshold: r.threshold, autoAccepted: r.auto_accepted, qaSampled: r.qa_sampled, proposals: r.proposals,
    trainSeconds: r.train_ms / 1000, createdAt: at.toISOString(),
  };
}

export const roundToWire = (r: learning.RoundRow) => toWire(r, new Date(r.created_at));

/** The learning curve: accuracy on the random picks people labelled, by the labels the picking model had. */
export function learningCurve(picks: learning.Pick[], labelOf: Map<string, string>): Array<{ labels: number; items: number; accuracy: number }> {
  const byLabels = new Map<number, { items: number; right: number }>();
  for (const p of picks) {
    const truth = labelOf.get(p.item_id);
    if (truth === undefined) continue;
    const b = byLabels.get(p.labels) ?? { items: 0, right: 0 };
    b.items++;
    if (truth === p.predicted) b.right++;
    byLabels.set(p.labels, b);
  }
  return [...byLabels.entries()].sort((a, b) => a[0] - b[0]).map(([labels, b]) => ({ labels, items: b.items, accuracy: b.right / b.items }));
}

