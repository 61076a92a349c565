// An LLM as an annotator of a text project, against a local server that speaks OpenAI's chat
// protocol: registered with its endpoint (the key stays in the environment), it pre-labels the open
// texts as a machine job (a rate limit and a malformed answer on the way), its tokens are its cost,
// and the quality page puts its agreement with the accepted labels (accuracy, Cohen's kappa, per
// class) beside each person's.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { MachineJob, Model, Quality } from '@cadre/contract';
import { startOpenAiServer } from '@cadre/models/testing';
import { buildApp, dispenser, machine, projectService, submissions, type Actor } from '../src/index.ts';
import { harness, signIn, type Harness } from './harness.ts';
import { sleep } from './cadre-process.ts';

const KEY = 'sk-llm-test-7c2e91f0';
const CLASSES = ['card', 'fee', 'refund'];
const TEXTS = Array.from({ length: 30 }, (_, i) => ({ text: `${['my card is late', 'why this fee', 'I want a refund'][i % 3]} (${i})`, label: CLASSES[i % 3]! }));

let h: Harness;
let app: FastifyInstance;
let cookie: string;
let projectId: string;
let person: Actor;
let server: Awaited<ReturnType<typeof startOpenAiServer>>;

before(async () => {
  process.env.CADRE_TEST_LLM_KEY = KEY;
  // The LLM is right by keyword, except that it calls every third refund a fee, and answers one text in prose.
  let refunds = 0;
  server = await startOpenAiServer(KEY, (text, req) => {
    if (req.model === 'gpt-careless') return JSON.stringify({ label: 'fee' });
    if (text.startsWith('That answer') || text.includes('(13)')) return 'Sure! It is about a card, I think.';
    if (/refund/.test(text)) return JSON.stringify({ label: ++refunds % 3 === 0 ? 'fee' : 'refund' });
    return JSON.stringify({ label: /card/.test(text) ? 'card' : 'fee' });
  });
  h = await harness();
  app = await buildApp(h.deps);
  cookie = await signIn(app, 'admin@test.local', 'admin-password');
  projectId = (await projectService.createProject(h.deps, h.admin, { name: 'LLM beside people', ontology: { classes: CLASSES.map((name) => ({ name, kind: 'text_class' })) }, settings: { stages: ['annotate'] } })).id;
  const csv = `text\n${TEXTS.map((t) => t.text).join('\n')}\n`;
  const imported = await app.inject({ method: 'POST', url: `/api/projects/${projectId}/import?file=t.csv`, headers: { cookie, 'content-type': 'text/csv' }, payload: csv });
  assert.equal(imported.statusCode, 200, imported.body);
  person = await h.user('person@test.local');
  await h.member(projectId, person, 'annotator');
});
after(async () => { await app.close(); await h.close(); await server.close(); delete process.env.CADRE_TEST_LLM_KEY; });

const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const truthOf = (text: string) => TEXTS.find((t) => t.text === text)!.label;

async function labelAll(n = Infinity): Promise<number> {
  let done = 0;
  for (; done < n; done++) {
    const view = await dispenser.claimNextView(h.deps, person, projectId);
    if (!view) break;
    await submissions.submit(h.deps, person, view.task.id, randomUUID(), { schemaVersion: 1, objects: [{ id: 'c', kind: 'text_class', label: truthOf(view.item.text!), geometry: null, attributes: {} }] });
  }
  return done;
}

test('an LLM registered by its endpoint pre-labels texts as a job and stands beside people on the quality page', async () => {
  // The key is never stored with the model: a spec that carries one is refused in words.
  const keyed = await call('POST', '/api/models', { name: 'gpt-test', version: '1', spec: { type: 'llm', baseUrl: `${server.url}v1`, model: 'gpt-test', apiKey: KEY } });
  assert.equal(keyed.statusCode, 422);
  assert.match(keyed.json().error.message, /the key is not stored with the model/);
  assert.ok(!keyed.body.includes(KEY));
  const registered = await call('POST', '/api/models', {
    name: 'gpt-test', version: '1', spec: { type: 'llm', baseUrl: `${server.url}v1`, model: 'gpt-test', apiKeyEnv: 'CADRE_TEST_LLM_KEY', priceInputPerMillionMinor: 15_000, priceOutputPerMillionMinor: 60_000 },
  });
  assert.equal(registered.statusCode, 201, registered.body);
  const model = registered.json() as Model;
  assert.equal(model.type, 'llm');
  assert.equal((await call('PUT', `/api/projects/${projectId}/models/${model.id}`, {})).statusCode, 200);

  // People label six texts first: the LLM's prompt takes its examples from them.
  assert.equal(await labelAll(6), 6);
  server.misbehave('/v1/chat/completions', { status: 429, body: '{"error":{"message":"Rate limit reached"}}', headers: { 'retry-after': '0' } });
  const started = await call('POST', `/api/projects/${projectId}/jobs`, { kind: 'prelabel', modelId: model.id, scope: 'open' });
  assert.equal(started.statusCode, 201, started.body);
  const runner = await machine.startJobRunner(h.deps, { media: { mediaDir: '/nonexistent', roots: [] } });
  let job: MachineJob;
  try {
    const end = Date.now() + 60_000;
    for (;;) {
      job = (await call('GET', `/api/jobs/${(started.json() as MachineJob).id}`)).json() as MachineJob;
      if (['done', 'failed', 'cancelled'].includes(job.state)) break;
      assert.ok(Date.now() < end, `job ${job.state} ${job.done}/${job.total}`);
      await sleep(50);
    }
  } finally {
    await runner.stop();
  }
  assert.equal(job.state, 'done', job.error ?? '');
  assert.deepEqual([job.done, job.failed], [23, 1], 'every open text labelled but the one answered in prose');
  assert.match(job.failures[0]!.error, /not a JSON object, also after a correction/);
  const prompt = server.chats().find((c) => (c.body as { messages: unknown[] }).messages.length > 2)!.body as { messages: Array<{ role: string; content: string }> };
  assert.match(prompt.messages[0]!.content, /card\n- fee\n- refund/);
  assert.ok(prompt.messages.some((m) => m.role === 'assistant' && /"label"/.test(m.content)), 'accepted labels are its examples');
  const cost = await h.deps.pool.query<{ cost: string; n: string }>('SELECT sum(cost_minor) AS cost, count(*) AS n FROM predictions WHERE model_id = $1', [model.id]);
  assert.equal(Number(cost.rows[0]!.n), 23);
  assert.ok(Number(cost.rows[0]!.cost) > 0, 'its tokens are its cost');

  // People label the rest, seeing the LLM's proposals; the quality page puts it beside them.
  await labelAll();
  const q = (await call('GET', `/api/projects/${projectId}/quality`)).json() as Quality;
  const llm = q.textAgreement.find((r) => r.kind === 'model')!;
  const them = q.textAgreement.find((r) => r.kind === 'person')!;
  assert.equal(llm.name, 'gpt-test@1');
  assert.equal(llm.items, 23);
  const wrong = 2; // every third refund called a fee: 8 refunds among the 23
  assert.equal(Math.round(llm.accuracy * 23), 23 - wrong);
  assert.ok(llm.kappa > 0.8 && llm.kappa < 1, `kappa ${llm.kappa}`);
  assert.deepEqual(llm.classes.map((c) => c.class), CLASSES);
  assert.ok(llm.classes.find((c) => c.class === 'refund')!.accuracy < 1);
  assert.deepEqual([them.name, them.items, them.kappa], ['person', 30, 1]);
  for (const body of [JSON.stringify(q), JSON.stringify(job), (await call('GET', '/api/models')).body]) assert.ok(!body.includes(KEY), 'the key appears nowhere');
});

test('in a consensus project the LLM is one more vote: Dawid–Skene learns its confusion beside the people\'s', async () => {
  const consensusProject = (await projectService.createProject(h.deps, h.admin, {
    name: 'LLM votes', ontology: { classes: CLASSES.map((name) => ({ name, kind: 'text_class' })) }, settings: { stages: ['annotate', 'review'], reviewRate: 0, overlap: 2 },
  })).id;
  const csv = `text\n${TEXTS.slice(0, 18).map((t) => t.text.replace('(13)', '(13b)')).join('\n')}\n`;
  assert.equal((await app.inject({ method: 'POST', url: `/api/projects/${consensusProject}/import?file=c.csv`, headers: { cookie, 'content-type': 'text/csv' }, payload: csv })).statusCode, 200);
  const model = (await call('POST', '/api/models', { name: 'gpt-test', version: '2', spec: { type: 'llm', baseUrl: `${server.url}v1`, model: 'gpt-test', apiKeyEnv: 'CADRE_TEST_LLM_KEY', examples: 0 } })).json() as Model;
  await call('PUT', `/api/projects/${consensusProject}/models/${model.id}`, {});
  const job = (await call('POST', `/api/projects/${consensusProject}/jobs`, { kind: 'prelabel', modelId: model.id, scope: 'open' })).json() as MachineJob;
  const runner = await machine.startJobRunner(h.deps, { media: { mediaDir: '/nonexistent', roots: [] } });
  try {
    for (let end = Date.now() + 30_000; ;) {
      const j = (await call('GET', `/api/jobs/${job.id}`)).json() as MachineJob;
      if (j.state === 'done') { assert.equal(j.done, 18); break; }
      assert.ok(!['failed', 'cancelled'].includes(j.state) && Date.now() < end, `${j.state} ${j.error ?? ''}`);
      await sleep(50);
    }
  } finally {
    await runner.stop();
  }
  // Two people label every text; one of them slips on every other one.
  const careful = await h.user('careful@test.local');
  const careless = await h.user('careless@test.local');
  for (const who of [careful, careless]) await h.member(consensusProject, who, 'annotator');
  for (const [who, slips] of [[careful, false], [careless, true]] as const) {
    for (let k = 0; ; k++) {
      const view = await dispenser.claimNextView(h.deps, who, consensusProject);
      if (!view) break;
      const right = truthOf(view.item.text!.replace('(13b)', '(13)'));
      const label = slips && k % 2 === 0 ? CLASSES[(CLASSES.indexOf(right) + 1) % 3]! : right;
      await submissions.submit(h.deps, who, view.task.id, randomUUID(), { schemaVersion: 1, objects: [{ id: 'c', kind: 'text_class', label, geometry: null, attributes: {} }] });
    }
  }
  const ds = await call('POST', `/api/projects/${consensusProject}/consensus/dawid-skene`, {});
  assert.equal(ds.statusCode, 200, ds.body);
  const annotators = (ds.json() as { annotators: Array<{ userId: string; accuracy: number }> }).annotators;
  const llm = annotators.find((a) => a.userId === model.workerId);
  assert.ok(llm, `the LLM votes as its worker user: ${JSON.stringify(annotators)}`);
  const sloppy = annotators.find((a) => a.userId === careless.userId)!;
  assert.ok(llm.accuracy > sloppy.accuracy, `the LLM (${llm.accuracy}) is trusted above the careless person (${sloppy.accuracy})`);
});

test('where newcomers qualify on gold, an LLM qualifies first: run on the gold items, scored like a person, then allowed or refused', async () => {
  const goldProject = (await projectService.createProject(h.deps, h.admin, { name: 'LLM qualifies', ontology: { classes: CLASSES.map((name) => ({ name, kind: 'text_class' })) }, settings: { stages: ['annotate'], qualificationAccuracy: 0.8 } })).id;
  const csv = `text\n${TEXTS.filter((t) => !t.text.includes('(13)')).slice(0, 12).map((t) => t.text).join('\n')}\n`;
  assert.equal((await app.inject({ method: 'POST', url: `/api/projects/${goldProject}/import?file=g.csv`, headers: { cookie, 'content-type': 'text/csv' }, payload: csv })).statusCode, 200);
  const goldItems = await h.deps.db.selectFrom('items').select(['id', 'content']).where('project_id', '=', goldProject).orderBy('id').limit(6).execute();
  for (const g of goldItems) {
    const made = await call('POST', `/api/projects/${goldProject}/gold`, { itemId: g.id, annotation: { schemaVersion: 1, objects: [{ id: 'g', kind: 'text_class', label: truthOf(g.content!), geometry: null, attributes: {} }] } });
    assert.equal(made.statusCode, 200, made.body);
  }
  const register = async (name: string) => {
    const m = (await call('POST', '/api/models', { name, version: '1', spec: { type: 'llm', baseUrl: `${server.url}v1`, model: name, apiKeyEnv: 'CADRE_TEST_LLM_KEY' } })).json() as Model;
    await call('PUT', `/api/projects/${goldProject}/models/${m.id}`, {});
    return m;
  };
  const run = async (modelId: string) => {
    const started = await call('POST', `/api/projects/${goldProject}/jobs`, { kind: 'prelabel', modelId, scope: 'gold' });
    assert.equal(started.statusCode, 201, started.body);
    const runner = await machine.startJobRunner(h.deps, { media: { mediaDir: '/nonexistent', roots: [] } });
    try {
      for (let end = Date.now() + 30_000; ;) {
        const j = (await call('GET', `/api/jobs/${(started.json() as MachineJob).id}`)).json() as MachineJob;
        if (['done', 'failed'].includes(j.state)) return j;
        assert.ok(Date.now() < end);
        await sleep(50);
      }
    } finally {
      await runner.stop();
    }
  };
  const good = await register('gpt-careful');
  const early = await call('POST', `/api/projects/${goldProject}/jobs`, { kind: 'prelabel', modelId: good.id, scope: 'open' });
  assert.equal(early.statusCode, 422);
  assert.match(early.json().error.message, /has not qualified in this project: run it on the gold items first/);
  const passed = await run(good.id);
  // It slips on every third refund (of all it has seen in this file), so five or six of six are right.
  const pq = passed.qualification!;
  assert.deepEqual([pq.items, pq.required, pq.status, pq.accuracy], [6, 0.8, 'qualified', pq.correct / 6]);
  assert.ok(pq.correct >= 5, `${pq.correct} right`);
  assert.equal((await call('POST', `/api/projects/${goldProject}/jobs`, { kind: 'prelabel', modelId: good.id, scope: 'open' })).statusCode, 201, 'qualified, it may label the rest');

  const bad = await register('gpt-careless');
  const failed = await run(bad.id);
  assert.equal(failed.qualification!.status, 'failed');
  assert.equal(failed.qualification!.correct, 2, 'it calls everything a fee: right only on the fee texts');
  const refused = await call('POST', `/api/projects/${goldProject}/jobs`, { kind: 'prelabel', modelId: bad.id, scope: 'open' });
  assert.match(refused.json().error.message, /failed qualification in this project \(33\.3% on the gold items, 80% needed\)/);
  // Its gold accuracy stands on the quality page beside the people's.
  const q = (await call('GET', `/api/projects/${goldProject}/quality`)).json() as Quality;
  const rows = new Map(q.annotators.map((a) => [a.userId, a]));
  assert.equal(rows.get(good.workerId)!.goldAccuracy, pq.accuracy);
  assert.ok(Math.abs(rows.get(bad.workerId)!.goldAccuracy! - 1 / 3) < 1e-9);
});
