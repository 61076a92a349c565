// A text-classification project that learns from its accepted labels, through the HTTP API and the
// job runner, on six banking77 intents: people label, a learning round trains the shipped learner,
// its proposals appear on the open items, the queue comes most-unsure first with a random share
// mixed in, rounds start by themselves as labels arrive, and with an accuracy target the learner
// accepts the items it is sure of (cost method automatic) and sends a QA share of them to review.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { LearningStatus } from '@cadre/contract';
import { readFileSync } from 'node:fs';
import { banking77, readConll } from '@cadre/textml';
import { buildApp, dispenser, machine, projectService, submissions, type Actor } from '../src/index.ts';
import { needsSharedData, SHARED_DATA } from '../src/import/testing.ts';
import { queueDueLearning } from '../src/services/machine/jobs.service.ts';
import { review } from '../src/services/workflow/review.service.ts';
import { harness, signIn, type Harness } from './harness.ts';
import { sleep } from './cadre-process.ts';

const CLASSES = ['card_arrival', 'exchange_rate', 'lost_or_stolen_card', 'top_up_failed', 'transfer_not_received_by_recipient', 'pin_blocked'];
const PER_CLASS = 80;

let h: Harness;
let app: FastifyInstance;
let cookie: string;
let projectId: string;
let person: Actor;
const truth = new Map<string, string>();

before(async () => {
  h = await harness();
  app = await buildApp(h.deps);
  cookie = await signIn(app, 'admin@test.local', 'admin-password');
  if ('skip' in needsSharedData) return;
  const rows = banking77(new URL('.', SHARED_DATA).pathname);
  const chosen = CLASSES.flatMap((c) => rows.filter((r) => r.label === c).slice(0, PER_CLASS));
  for (const r of chosen) truth.set(r.text, r.label);
  projectId = (await projectService.createProject(h.deps, h.admin, {
    name: 'Banking intents', ontology: { classes: CLASSES.map((name) => ({ name, kind: 'text_class' })) },
    settings: { stages: ['annotate', 'review'], reviewRate: 0, activeLearning: 'margin', learningRandomShare: 0.2, learningRetrainAfter: 60, autoAcceptTarget: 0.9, autoAcceptQaShare: 0.3 },
  })).id;
  const csv = `text\n${chosen.map((r) => `"${r.text.replace(/"/g, '""')}"`).join('\n')}\n`;
  const imported = await app.inject({ method: 'POST', url: `/api/projects/${projectId}/import?file=intents.csv`, headers: { cookie, 'content-type': 'text/csv' }, payload: csv });
  assert.equal(imported.statusCode, 200, imported.body);
  person = await h.user('labeller@test.local');
  await h.member(projectId, person, 'annotator');
});
after(async () => { await app.close(); await h.close(); });

const call = (method: 'GET' | 'POST', url: string) => app.inject({ method, url, headers: { cookie } });

/** The person labels `n` items in the order the queue hands them out; returns the proposals' scores they saw. */
async function label(n: number): Promise<Array<{ score: number | null; picked: boolean }>> {
  const seen = [];
  for (let i = 0; i < n; i++) {
    const view = await dispenser.claimNextView(h.deps, person, projectId);
    if (!view) break;
    const proposal = view.predictions.find((p) => p.modelVersion === 'cadre-text@1');
    seen.push({ score: proposal?.score ?? null, picked: false });
    await submissions.submit(h.deps, person, view.task.id, randomUUID(), { schemaVersion: 1, objects: [{ id: 'c', kind: 'text_class', label: truth.get(view.item.text!)!, geometry: null, attributes: {} }] });
  }
  return seen;
}

async function waitForRound(runner: { stop(): Promise<void> } | null, rounds: number): Promise<LearningStatus> {
  const end = Date.now() + 60_000;
  for (;;) {
    const s = (await call('GET', `/api/projects/${projectId}/learning`)).json() as LearningStatus;
    if (s.rounds.length >= rounds && s.job && !['queued', 'running'].includes(s.job.state)) return s;
    assert.ok(Date.now() < end, `round ${rounds} did not come (${JSON.stringify(s.job)})`);
    await sleep(50);
  }
}

test('a text project learns from its labels: proposals, an uncertain-first queue, rounds by themselves, auto-accept with a QA share', needsSharedData, async () => {
  const runner = await machine.startJobRunner(h.deps, { media: { mediaDir: '/nonexistent', roots: [] }, staleSeconds: 1, onBeat: () => queueDueLearning(h.deps) });
  try {
    // Turning learning on starts a first round at once: nothing to learn from yet, so it shuffles the
    // queue (the import holds one intent after another) and the first labels are a random sample.
    let status = await waitForRound(runner, 1);
    assert.deepEqual([status.rounds[0]!.labels, status.rounds[0]!.proposals], [0, 0]);
    await label(60);
    status = await waitForRound(runner, 2);
    const first = status.rounds[1]!;
    assert.equal(first.labels, 60, 'the round trained on the 60 accepted labels');
    assert.equal(first.proposals, CLASSES.length * PER_CLASS - 60, 'every open item got a proposal');
    assert.equal(status.job!.state, 'done');
    assert.equal(status.job!.learning!.round, 2);
    // Each text was embedded by the shipped sentence encoder once, and kept for the next rounds.
    const stored = await h.deps.pool.query<{ n: number; encoders: string[] }>(
      'SELECT count(*)::int AS n, array_agg(DISTINCT e.encoder) AS encoders FROM text_embeddings e JOIN items i ON i.id = e.item_id WHERE i.project_id = $1', [projectId]);
    assert.equal(stored.rows[0]!.n, CLASSES.length * PER_CLASS);
    assert.equal(stored.rows[0]!.encoders.length, 1);
    assert.match(stored.rows[0]!.encoders[0]!, /^use-lite-/);
    const firstLabels = await h.deps.db.selectFrom('annotations').select('payload').where('project_id', '=', projectId).execute();
    assert.ok(new Set(firstLabels.map((a) => (a.payload as { objects: Array<{ label: string }> }).objects[0]!.label)).size >= 4, 'the first 60 labels span the intents');

    // The queue now comes most-unsure first: the next items carry the lowest proposal scores, with a
    // random one every fifth place.
    const next = await label(60);
    const scores = next.map((s) => s.score!).filter((s) => s !== null);
    assert.equal(scores.length, 60, 'every item handed out carried the learner\'s proposal');
    const openScores = (await h.deps.db.selectFrom('predictions').select('score').where('project_id', '=', projectId).execute()).map((r) => r.score!).sort((a, b) => a - b);
    const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
    assert.ok(median(scores) < median(openScores), `uncertain first: median score handed out ${median(scores)} against ${median(openScores)} over all proposals`);

    // The second round starts by itself after 60 more labels; the random picks people labelled are held out.
    status = await waitForRound(runner, 3);
    assert.equal(status.rounds[2]!.accepted, 120);
    assert.ok(status.rounds[2]!.validation >= 8 && status.rounds[2]!.labels + status.rounds[2]!.validation === 120, JSON.stringify(status.rounds[2]));
    assert.ok(status.curve.length >= 1 && status.curve[0]!.items >= 8, `learning curve on the random share: ${JSON.stringify(status.curve)}`);

    // More rounds until the held-out share is large enough to trust a threshold; then auto-accept fills in part of the project.
    for (let r = 4; r <= 7 && status.automatic === 0; r++) {
      await label(60);
      status = await waitForRound(runner, r);
    }
    console.log(JSON.stringify({ rounds: status.rounds.map((r) => ({ labels: r.labels, validation: r.validation, accuracy: r.validationAccuracy, threshold: r.threshold, auto: r.autoAccepted, qa: r.qaSampled })), curve: status.curve }));
    assert.ok(status.automatic > 0, 'the learner accepted some items on its own');
    assert.ok(status.threshold !== null && status.threshold > 0.3);
    const auto = await h.deps.db.selectFrom('annotations').select(['item_id', 'payload', 'state']).where('project_id', '=', projectId).where('author_kind', '=', 'machine').execute();
    assert.equal(auto.length, status.automatic);
    const texts = new Map((await h.deps.db.selectFrom('items').select(['id', 'content']).where('project_id', '=', projectId).execute()).map((i) => [i.id, i.content!]));
    const right = auto.filter((a) => (a.payload as { objects: Array<{ label: string }> }).objects[0]!.label === truth.get(texts.get(a.item_id)!)).length;
    assert.ok(right / auto.length >= 0.85, `auto-accepted labels right: ${right}/${auto.length}`);
    assert.ok(auto.every((a) => (a.payload as { objects: Array<{ origin: string }> }).objects[0]!.origin === 'prediction_accepted'));
    // A QA share went to review, the rest is accepted.
    const stages = await h.deps.db.selectFrom('tasks').select(['stage']).where('item_id', 'in', auto.map((a) => a.item_id)).execute();
    const inReview = stages.filter((t) => t.stage === 'review').length;
    assert.equal(inReview, status.qa.sampled);
    assert.ok(inReview > 0 && inReview < auto.length, `${inReview} of ${auto.length} sent to QA`);
    assert.equal(stages.filter((t) => t.stage === 'accepted').length, auto.length - inReview);

    // QA finds the automatic labels below the target: a reviewer corrects 20 of them, and the next
    // round raises the threshold's floor above the last threshold.
    const reviewer = await h.user('qa@test.local');
    await h.member(projectId, reviewer, 'reviewer');
    for (let i = 0; i < 20; i++) {
      const view = (await dispenser.claimNextView(h.deps, reviewer, projectId, 'review'))!;
      const given = (view.latest!.payload as { objects: Array<{ label: string }> }).objects[0]!.label;
      const other = CLASSES.find((c) => c !== given)!;
      await review(h.deps, reviewer, view.task.id, { decisionId: randomUUID(), verdict: 'accept', annotation: { schemaVersion: 1, objects: [{ id: 'q', kind: 'text_class', label: other, geometry: null, attributes: {} }] } });
    }
    const last = status.threshold!;
    assert.equal((await call('POST', `/api/projects/${projectId}/learn`)).statusCode, 201);
    status = await waitForRound(runner, status.rounds.length + 1);
    assert.deepEqual([status.qa.checked, status.qa.right], [20, 0], JSON.stringify(status.qa));
    assert.ok(Math.abs(status.floor! - (last + 0.02)) < 1e-9, `floor ${status.floor} after a threshold of ${last}`);
    assert.ok(status.threshold === null || status.threshold >= status.floor!, 'the threshold keeps to the floor');
  } finally {
    await runner.stop();
  }
});

test('learning is refused in words where it cannot run, and the settings are checked', async () => {
  const images = (await projectService.createProject(h.deps, h.admin, { name: 'Boxes', ontology: { classes: [{ name: 'car', kind: 'bbox2d' }] } })).id;
  const refused = await call('POST', `/api/projects/${images}/learn`);
  assert.equal(refused.statusCode, 422, refused.body);
  assert.match(refused.json().error.message, /at least two text classification \(text_class\) classes/);
  const bad = await app.inject({ method: 'PATCH', url: `/api/projects/${images}`, headers: { cookie }, payload: { settings: { activeLearning: 'smart', autoAcceptTarget: 1.5 } } });
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /activeLearning.*must be one of/);
  assert.match(bad.body, /autoAcceptTarget.*must be null or an accuracy/);
});

test('a span project: the learner\'s tagger, trained on the accepted NCBI disease sentences, proposes disease spans on the open ones', needsSharedData, async () => {
  const dir = new URL('text/ncbi-disease/', SHARED_DATA);
  const take = (text: string, n: number) => `${text.split(/\n\s*\n/).filter((s) => s.trim() !== '').slice(0, n).join('\n\n')}\n`;
  const train = take(readFileSync(new URL('train.tsv', dir), 'utf8'), 1500);
  const devel = take(readFileSync(new URL('devel.tsv', dir), 'utf8'), 200);
  const spansProject = (await projectService.createProject(h.deps, h.admin, { name: 'Diseases', ontology: { classes: [{ name: 'Disease', kind: 'text_span' }] }, settings: { stages: ['annotate'] } })).id;
  const put = async (file: string, body: string, query: string) => {
    const r = await app.inject({ method: 'POST', url: `/api/projects/${spansProject}/import?file=${file}&${query}`, headers: { cookie, 'content-type': 'text/tab-separated-values' }, payload: body });
    assert.equal(r.statusCode, 200, r.body);
  };
  await put('train.tsv', train, 'conllLabels=as-annotations&as=labels');
  await put('devel.tsv', devel, 'conllLabels=ignore');
  const started = await call('POST', `/api/projects/${spansProject}/learn`);
  assert.equal(started.statusCode, 201, started.body);
  const runner = await machine.startJobRunner(h.deps, { media: { mediaDir: '/nonexistent', roots: [] } });
  try {
    for (let end = Date.now() + 60_000; ;) {
      const s = (await call('GET', `/api/projects/${spansProject}/learning`)).json() as LearningStatus;
      if (s.job && ['done', 'failed'].includes(s.job.state)) { assert.equal(s.job.state, 'done', s.job.error ?? ''); break; }
      assert.ok(Date.now() < end, 'the round ends');
      await sleep(50);
    }
  } finally {
    await runner.stop();
  }
  // Proposed spans against devel's: exact character spans over the sentence text (tokens joined by spaces).
  const truth = new Map(readConll(devel).map((s) => {
    const starts: number[] = [];
    let at = 0;
    for (const t of s.tokens) { starts.push(at); at += t.length + 1; }
    return [s.tokens.join(' '), new Set(s.spans.map((x) => `${starts[x.start]}:${starts[x.end - 1]! + s.tokens[x.end - 1]!.length}`))];
  }));
  const rows = await h.deps.pool.query<{ content: string; payload: { objects: Array<{ kind: string; geometry: { start: number; end: number } }> } }>(
    'SELECT i.content, p.payload FROM predictions p JOIN items i ON i.id = p.item_id WHERE p.project_id = $1', [spansProject]);
  assert.equal(rows.rows.length, 200, 'every open sentence has the learner\'s proposal');
  let tp = 0, predicted = 0, gold = 0;
  for (const r of rows.rows) {
    const want = truth.get(r.content)!;
    const got = r.payload.objects.filter((o) => o.kind === 'text_span').map((o) => `${o.geometry.start}:${o.geometry.end}`);
    predicted += got.length;
    gold += want.size;
    tp += got.filter((g) => want.has(g)).length;
  }
  const f1 = (2 * tp) / (predicted + gold);
  console.log(JSON.stringify({ spanF1: f1, predicted, gold }));
  assert.ok(f1 >= 0.5, `span F1 ${f1}`);
});
