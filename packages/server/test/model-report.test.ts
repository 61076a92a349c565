// A model's proposals measured against people: a person keeps some untouched, edits one, deletes
// one and draws one; a reviewer accepts. The report shows exactly those outcomes, precision and
// recall from them, people's seconds with and without pre-labels, and cost per item by method with
// the model's machine time at its hour rate. Every figure is worked out by hand in the comments.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { auth, dispenser, submissions, type Actor } from '../src/index.ts';
import { buildModelReport, type ModelReport } from '../src/services/machine-report/index.ts';
import { accept } from '../src/services/workflow/outcomes.ts';
import { projectMoney, writeRateCard } from '../src/services/pay/index.ts';
import { harness, httpApp, signIn, type Harness } from './harness.ts';
import { crew, decide } from './workflow-harness.ts';

let h: Harness;
before(async () => { h = await harness(); });
after(async () => { await h.close(); });

// CNY, fen. Annotator: 0.10 an item, 0.20 an object; a pre-label kept untouched pays 25 %, edited 50 %.
// Review 0.04 an item. No flat machine cost: the model's own is measured.
const CARD = {
  currency: 'CNY', annotator: { perItem: 10, perObject: 20, originBps: { human: 10000, prediction_edited: 5000, prediction_accepted: 2500 } },
  review: { perItem: 4 }, client: { perItem: 40 }, machinePerItem: 0,
};
// 72 CNY a machine hour: 1 s of machine time = 2 fen.
const HOUR_RATE = 7200;

const car = (id: string, x: number, extra: Record<string, unknown> = {}) => ({ id, label: 'car', kind: 'bbox2d', geometry: { x, y: 10, width: 20, height: 30 }, attributes: { occluded: false }, ...extra });
const lane = (id: string) => ({ id, label: 'lane', kind: 'polyline', geometry: { points: [[1, 1], [30, 40]] }, attributes: {} });

async function modelRow(name: string, version: string): Promise<string> {
  const worker = await auth.createUser(h.deps, { email: `${name}-${version}@machines.local`, password: 'not-a-person-pw' });
  await sql`UPDATE users SET machine = true WHERE id = ${worker.id}`.execute(h.deps.db);
  const id = randomUUID();
  await h.deps.db.insertInto('models').values({ id, name, version, spec: JSON.stringify({ type: 'default' }) as never, worker_id: worker.id, hour_rate_minor: HOUR_RATE }).execute();
  return id;
}

async function predict(projectId: string, itemId: string, modelId: string, version: string, objects: unknown[], machineMs: number, costMinor: number | null): Promise<string> {
  const id = randomUUID();
  await h.deps.db.insertInto('predictions').values({
    id, project_id: projectId, item_id: itemId, model_version: version, score: 0.5, schema_version: 1,
    payload: JSON.stringify({ format: 'cadre', objects }) as never, created_at: new Date(), model_id: modelId, machine_ms: machineMs, cost_minor: costMinor,
  }).execute();
  return id;
}

async function itemIds(projectId: string): Promise<string[]> {
  return (await h.deps.db.selectFrom('items').select('id').where('project_id', '=', projectId).orderBy('id').execute()).map((r) => r.id);
}

/** The person's labelling on this item took exactly `seconds`: its submit moved to that long after its lease. */
async function took(itemId: string, seconds: number) {
  await sql`
    UPDATE work_attempts w SET created_at = (
      SELECT e.at FROM events e WHERE e.entity = 'task' AND e.entity_id = w.task_id::text AND e.action = 'leased' AND e.actor_id = w.user_id
      ORDER BY e.at DESC LIMIT 1) + make_interval(secs => ${seconds})
    WHERE w.item_id = ${itemId} AND w.stage = 'annotate'`.execute(h.deps.db);
}

const strip = (r: ModelReport) => ({ ...r, at: '' });

test('the report shows exactly what people did with the proposals, and what each item cost by method', async () => {
  const c = await crew(h, 'Model report', { stages: ['annotate', 'review'], reviewRate: 1 }, 3);
  const P = c.projectId, A: Actor = c.annotator, R = c.reviewer;
  await writeRateCard(h.deps.db, P, ['car', 'lane'], CARD, h.admin.userId, new Date(Date.now() - 60_000));
  const modelId = await modelRow('street-detector', '1.2');
  const [i1, i2, i3] = await itemIds(P);

  // Item 1: four proposals (three cars, a lane), stored without a cost: 1.5 s of machine time at the rate = 3 fen.
  const p1 = await predict(P, i1!, modelId, '1.2', [car('a', 10, { score: 0.9 }), car('b', 100), car('c', 200), lane('d')], 1500, null);
  // Item 2: two cars; the prediction's stored cost (say an API's charge) is 4 fen, whatever its 0.5 s.
  const p2 = await predict(P, i2!, modelId, '1.2', [car('a', 10), car('b', 100)], 500, 4);
  // Item 3: nobody pre-labelled it.

  const work: Record<string, unknown[]> = {
    // a and b kept untouched, c moved 5 px (an edit), the lane deleted, one car drawn by hand.
    [i1!]: [
      car('o1', 10, { origin: 'prediction_accepted', predictionId: `${p1}:a` }),
      car('o2', 100, { origin: 'prediction_accepted', predictionId: `${p1}:b` }),
      car('o3', 205, { origin: 'prediction_accepted', predictionId: `${p1}:c` }), // the server decides it was edited
      car('mine', 300),
    ],
    // Both kept untouched: automatic.
    [i2!]: [car('k1', 10, { origin: 'prediction_accepted', predictionId: `${p2}:a` }), car('k2', 100, { origin: 'prediction_accepted', predictionId: `${p2}:b` })],
    // By hand.
    [i3!]: [car('h1', 50)],
  };
  for (let n = 0; n < 3; n++) {
    const view = await dispenser.claimNextView(h.deps, A, P);
    assert.ok(view, 'a labelling task');
    await submissions.submit(h.deps, A, view.task.id, randomUUID(), { schemaVersion: 1, objects: work[view.item.id] });
  }
  for (let n = 0; n < 3; n++) await decide(h, P, R, 'review', 'accept');
  // People's seconds: 40 and 20 on the pre-labelled items (median 30), 90 by hand.
  await took(i1!, 40); await took(i2!, 20); await took(i3!, 90);

  const report = await buildModelReport(h.deps.db, P);
  assert.equal(report.models.length, 1);
  const m = report.models[0]!;
  assert.deepEqual([m.modelId, m.name, m.version, m.hourRateMinor, m.items], [modelId, 'street-detector', '1.2', HOUR_RATE, 2]);
  // Proposals 6: accepted a, b (item 1) + a, b (item 2) = 4, edited c = 1, deleted the lane = 1; drawn 1.
  // Precision (4 + 1) / 6; recall (4 + 1) / (4 + 1 + 1).
  assert.deepEqual(
    { proposals: m.outcomes.proposals, accepted: m.outcomes.accepted, edited: m.outcomes.edited, deleted: m.outcomes.deleted, drawn: m.outcomes.drawn },
    { proposals: 6, accepted: 4, edited: 1, deleted: 1, drawn: 1 },
  );
  assert.equal(m.outcomes.precision, 5 / 6);
  assert.equal(m.outcomes.recall, 5 / 6);
  assert.deepEqual(m.outcomes.shares, { accepted: 4 / 7, edited: 1 / 7, deleted: 1 / 7, drawn: 1 / 7 });
  const byClass = Object.fromEntries(m.classes.map((k) => [k.class, [k.accepted, k.edited, k.deleted, k.drawn, k.precision, k.recall]]));
  assert.deepEqual(byClass, { car: [4, 1, 0, 1, 1, 5 / 6], lane: [0, 0, 1, 0, 0, null] });
  assert.deepEqual(m.seconds, { withPrelabels: { items: 2, medianSeconds: 30 }, withoutPrelabels: { items: 1, medianSeconds: 90 } });
  assert.equal(m.machineSeconds, 2);
  assert.deepEqual(m.projects.map((p) => [p.projectId, p.items, p.outcomes.proposals]), [[P, 2, 6]]);

  // Labour (ledger): item 1 = 10 + 5 + 5 + 10 (edited) + 20 (by hand) + review 4 = 54; item 2 = 10 + 5 + 5 + 4 = 24;
  // item 3 = 10 + 20 + 4 = 34. Machine: item 1 = 3, item 2 = 4.
  const cost = (rows: ModelReport['costPerItem']) => Object.fromEntries(rows.map((r) => [r.method, [r.items, r.labourMinor, r.machineMinor, r.perItemMinor]]));
  assert.deepEqual(cost(report.costPerItem), { manual: [1, 34, 0, 34], prelabeled: [1, 54, 3, 57], automatic: [1, 24, 4, 28] });
  assert.ok(report.costPerItem.every((r) => r.currency === 'CNY'));
  assert.deepEqual(cost(m.costPerItem), { manual: [0, 0, 0, null], prelabeled: [1, 54, 3, 57], automatic: [1, 24, 4, 28] });
  assert.deepEqual(report.seconds, { withPrelabels: { items: 2, medianSeconds: 30 }, withoutPrelabels: { items: 1, medianSeconds: 90 } });

  // The ledger holds each model cost once, and the dashboard's cost per item adds it to labour.
  const entries = await h.deps.db.selectFrom('ledger_entries').select(['key', 'amount_minor']).where('project_id', '=', P).where('key', 'like', 'model:%').orderBy('amount_minor').execute();
  assert.deepEqual(entries, [{ key: `model:${p1}`, amount_minor: 3 }, { key: `model:${p2}`, amount_minor: 4 }]);
  const money = await projectMoney(h.deps.db, P);
  assert.equal(money.machineMinor, 7);
  assert.deepEqual(money.costPerItem, [
    { method: 'manual', items: 1, labourMinor: 34, perItemMinor: 34, machineMinor: 0, totalPerItemMinor: 34 },
    { method: 'prelabeled', items: 1, labourMinor: 54, perItemMinor: 54, machineMinor: 3, totalPerItemMinor: 57 },
    { method: 'automatic', items: 1, labourMinor: 24, perItemMinor: 24, machineMinor: 4, totalPerItemMinor: 28 },
  ]);

  // A retried acceptance of the same work (the same task and annotation) counts nothing twice.
  const task = await h.deps.db.selectFrom('tasks').selectAll().where('item_id', '=', i1!).executeTakeFirstOrThrow();
  const annotationId = (await h.deps.db.selectFrom('annotations').select('id').where('item_id', '=', i1!).where('state', '=', 'accepted').executeTakeFirstOrThrow()).id;
  await accept(h.deps.db, { task, annotationId, annotatorId: A.userId }, { id: null, kind: 'system' });
  assert.deepEqual(strip(await buildModelReport(h.deps.db, P)), strip(report));
  assert.equal((await h.deps.db.selectFrom('ledger_entries').select('id').where('key', '=', `model:${p1}`).execute()).length, 1);
});

test('over HTTP: managers read their project\'s report, administrators every project\'s; others are refused', async () => {
  const c = await crew(h, 'Model report http', { stages: ['annotate'] }, 2);
  const P = c.projectId;
  const modelId = await modelRow('http-detector', '0.1');
  const [i1] = await itemIds(P);
  const p1 = await predict(P, i1!, modelId, '0.1', [car('a', 10), car('b', 100)], 3000, null);
  for (let n = 0; n < 2; n++) {
    const view = (await dispenser.claimNextView(h.deps, c.annotator, P))!;
    const objects = view.item.id === i1 ? [car('x', 10, { origin: 'prediction_accepted', predictionId: `${p1}:a` })] : [car('y', 10)];
    await submissions.submit(h.deps, c.annotator, view.task.id, randomUUID(), { schemaVersion: 1, objects });
  }
  const manager = await h.user('model-report-manager@test.local');
  await h.member(P, manager, 'manager');

  const app = await httpApp(h);
  try {
    const asManager = await signIn(app, 'model-report-manager@test.local', 'user-password');
    const res = await app.inject({ method: 'GET', url: `/api/projects/${P}/model-report`, headers: { cookie: asManager } });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as ModelReport;
    assert.deepEqual(strip(body), strip(await buildModelReport(h.deps.db, P)), 'nothing is lost on the wire');
    const m = body.models[0]!;
    assert.deepEqual([m.name, m.outcomes.accepted, m.outcomes.deleted, m.outcomes.drawn, m.outcomes.precision, m.outcomes.recall], ['http-detector', 1, 1, 0, 0.5, 1]);
    // Without a rate card there is no pay, and the machine cost (3 s × 2 fen) is still measured. Every
    // object kept is a pre-label untouched, so the item is automatic by the pay's rule (methodOf).
    assert.deepEqual(body.costPerItem.map((r) => [r.currency, r.method, r.items, r.machineMinor]), [['XXX', 'manual', 1, 0], ['XXX', 'prelabeled', 0, 0], ['XXX', 'automatic', 1, 6]]);

    const asAnnotator = await signIn(app, 'model-report-http-ann@test.local', 'user-password');
    assert.equal((await app.inject({ method: 'GET', url: `/api/projects/${P}/model-report`, headers: { cookie: asAnnotator } })).statusCode, 403);
    assert.equal((await app.inject({ method: 'GET', url: '/api/model-report', headers: { cookie: asManager } })).statusCode, 403);

    const asAdmin = await signIn(app, 'admin@test.local', 'admin-password');
    const all = await app.inject({ method: 'GET', url: '/api/model-report', headers: { cookie: asAdmin } });
    assert.equal(all.statusCode, 200, all.body);
    const names = (all.json() as ModelReport).models.map((x) => x.name);
    assert.ok(names.includes('http-detector') && names.includes('street-detector'), names.join(', '));
    assert.equal((all.json() as ModelReport).projectId, null);
  } finally {
    await app.close();
  }
});

test('cadre model report prints the table, the same report as JSON, and names a bad argument', async () => {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const bin = new URL('../../cli/bin/cadre.mjs', import.meta.url).pathname;
  const env = { ...process.env, DATABASE_URL: h.t.url, CADRE_DEMO: 'false' };
  const cadre = (...args: string[]) => promisify(execFile)(process.execPath, [bin, 'model', 'report', ...args], { env });
  const P = (await h.deps.db.selectFrom('projects').select('id').where('name', '=', 'Model report').executeTakeFirstOrThrow()).id;

  const json = JSON.parse((await cadre('--project', 'Model report', '--json')).stdout) as ModelReport;
  assert.deepEqual(strip(json), strip(await buildModelReport(h.deps.db, P)));

  const { stdout } = await cadre('--project', P);
  assert.match(stdout, /Model report, project Model report/);
  assert.match(stdout, /street-detector 1\.2: 2 accepted items/);
  // all classes: 6 proposals, 4 accepted (4/7), 1 edited, 1 deleted, 1 drawn; precision and recall 5/6.
  assert.match(stdout, /all classes\s+6\s+4 \(57\.1%\)\s+1 \(14\.3%\)\s+1 \(14\.3%\)\s+1 \(14\.3%\)\s+83\.3%\s+83\.3%/);
  assert.match(stdout, /with pre-labels 30 s \(2 items\), without 90 s \(1 items\)/);
  assert.match(stdout, /prelabeled\s+1\s+0\.54 CNY\s+0\.03 CNY\s+0\.57 CNY/);

  await assert.rejects(cadre('--project'), (e: { stderr: string }) => /--project needs a project id or name/.test(e.stderr));
  await assert.rejects(cadre('--frobnicate'), (e: { stderr: string }) => /unknown argument "--frobnicate"/.test(e.stderr));
});
