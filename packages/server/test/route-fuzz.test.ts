// Every route that takes a body or a query string, and the importers' files, fed what a careless or
// hostile client sends (wrong types, missing and extra fields, huge strings, "NaN" and "1e999",
// numbers past every column's range, dates past PostgreSQL's, deep nesting, odd Unicode, broken
// JSON) as an administrator, so the request reaches the service: the answer is a 2xx or a 4xx in the
// house shape, never a 5xx, and a refused request commits nothing. Fixed seed; FUZZ_SEED and
// FUZZ_RUNS vary it (FUZZ_SHRINK=1 shrinks a failure to its smallest case, slowly).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { routes } from '@cadre/contract';
import { dispenser, projectService, submissions, teamService } from '../src/index.ts';
import type { RouteName } from '../src/http/access-rules.ts';
import { writeRateCard } from '../src/services/pay/index.ts';
import { attachShippedLidar } from '../src/services/machine/models.service.ts';
import { everyRouteApp, harness, ontology, signIn, SUBMIT_IS_FINAL, type Harness } from './harness.ts';
import { changedTables, fingerprint } from './db-fingerprint.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 19);
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const options = { seed: SEED, numRuns: RUNS, endOnFailure: !process.env.FUZZ_SHRINK, includeErrorInReport: true };

type RouteDef = { method: string; url: string; schema: { body?: unknown; querystring?: { properties?: Record<string, Schema> } } };
type Schema = { type?: string; anyOf?: Array<{ const?: unknown }>; default?: unknown };
const table = routes as unknown as Record<RouteName, RouteDef>;

let h: Harness;
let app: FastifyInstance;
let cookie: string;
let tmp: string;
const ids = {} as {
  project: string; text: string; doomed: string; item: string; task: string; model: string; team: string; entry: string; spare: string; folder: string;
};

before(async () => {
  h = await harness();
  ({ app, dir: tmp } = await everyRouteApp(h, 'cadre-fuzz-'));
  cookie = await signIn(app, 'admin@test.local', 'admin-password');
  const project = await h.project('Fuzz');
  await h.importText(project, h.imageRows(6));
  const worker = await h.user('worker@fuzz.test');
  await h.member(project, worker, 'annotator');
  await writeRateCard(h.deps.db, project, ['car', 'lane'], { currency: 'CNY', annotator: { perItem: 10, perObject: 20 }, client: { perItem: 40 } }, h.admin.userId, new Date(Date.now() - 60_000));
  const done = (await dispenser.claimNext(h.deps, worker, project))!;
  await submissions.submit(h.deps, worker, done.id, randomUUID(), { schemaVersion: 1, objects: [{ id: 'c1', label: 'car', kind: 'bbox2d', geometry: { x: 1, y: 1, width: 5, height: 5 }, attributes: { occluded: false } }] });
  const entry = await h.deps.db.selectFrom('ledger_entries').select('id').where('project_id', '=', project).executeTakeFirstOrThrow();
  const text = (await projectService.createProject(h.deps, h.admin, {
    name: 'Fuzz texts', settings: SUBMIT_IS_FINAL,
    ontology: { classes: [{ name: 'positive', kind: 'text_class' }, { name: 'negative', kind: 'text_class' }, { name: 'Disease', kind: 'text_span' }] },
  })).id;
  Object.assign(ids, {
    project, text, doomed: await h.project('Doomed'), item: done.item_id, task: done.id, entry: entry.id,
    model: (await attachShippedLidar(h.deps, project)).id, team: (await teamService.createTeam(h.deps, h.admin, 'Fuzzers')).id,
    spare: (await h.user('spare@fuzz.test')).userId, folder: join(tmp, 'roots', 'empty'),
  });
});
after(async () => {
  await app.close();
  await h.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** A task the administrator holds, so drafts and submits reach the annotation checks. */
async function heldTask(): Promise<string> {
  const held = await h.deps.db.selectFrom('tasks').select('id')
    .where('project_id', '=', ids.project).where('assignee_id', '=', h.admin.userId).where('status', '=', 'leased').executeTakeFirst();
  if (held) return held.id;
  let task = await dispenser.claimNext(h.deps, h.admin, ids.project);
  if (!task) {
    await h.importText(ids.project, h.imageRows(4));
    task = await dispenser.claimNext(h.deps, h.admin, ids.project);
  }
  return task!.id;
}

// ---- what a client may send -------------------------------------------------------------------

const NASTY_STRINGS = [
  '', ' ', 'NaN', 'Infinity', '-Infinity', '1e999', '-1e999', '-0', '0x10', '9223372036854775808', '99999999999999999999',
  'null', 'true', '[]', '{}', '\u0000', 'a\u0000b', '\ud800', '\udfff', '\u202e', '\ufeff', 'ﷺ', 'é', '👩‍👩‍👧‍👦', 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǵ̞̘o',
  '../../../../etc/passwd', '/etc/passwd', 'C:\\Windows', "' OR 1=1 --", '"; DROP TABLE users; --', '<script>alert(1)</script>', '%00', '%', '\\',
  '0000-00-00', '-271821-04-19T00:00:00Z', '+275760-09-13T00:00:00Z', '1970-01-01', 'not-a-uuid', '00000000-0000-0000-0000-000000000000',
];
const NASTY_NUMBERS = [-1, 0, 0.5, -0.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e20, -1e20, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER];

/** Nested `levels` deep: an object or an array at each level. */
const nested = (levels: number, array: boolean): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = array ? [v] : { a: v };
  return v;
};

const weird: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) }, { weight: 3, arbitrary: fc.constantFrom(...NASTY_NUMBERS) },
  fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('x'.repeat(5000), '漢'.repeat(70_000), 'a,'.repeat(3000)),
  { weight: 2, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
  fc.uuid(),
  fc.jsonValue({ maxDepth: 3 }),
  fc.tuple(fc.integer({ min: 5, max: 80 }), fc.boolean()).map(([n, a]) => nested(n, a)),
);

const DROP = Symbol('drop');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The valid body with fields kept, dropped or replaced (nested objects likewise), and extra fields. */
function mutated(base: Record<string, unknown>, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(base);
  const field = (v: unknown): fc.Arbitrary<unknown> => fc.oneof(
    { weight: 3, arbitrary: fc.constant(v) },
    { weight: 1, arbitrary: fc.constant(DROP) },
    { weight: 3, arbitrary: weird },
    ...(isObject(v) && depth < 3 ? [{ weight: 3, arbitrary: mutated(v, depth + 1) as fc.Arbitrary<unknown> }] : []),
    ...(Array.isArray(v) && v.length > 0 && isObject(v[0]) && depth < 3 ? [{ weight: 3, arbitrary: fc.array(mutated(v[0] as Record<string, unknown>, depth + 1), { maxLength: 3 }) as fc.Arbitrary<unknown> }] : []),
  );
  return fc.tuple(fc.tuple(...keys.map((k) => field(base[k]))), fc.dictionary(fc.string({ maxLength: 12 }), weird, { maxKeys: 3 }))
    .map(([values, extra]) => {
      const out: Record<string, unknown> = { ...extra };
      keys.forEach((k, i) => { if (values[i] !== DROP) out[k] = values[i]; });
      return out;
    });
}

/** JSON text as sent: as it is, cut short, with a number no double holds, wrapped, or with another content type. */
const sent = (body: fc.Arbitrary<unknown>): fc.Arbitrary<{ text: string; type: string }> =>
  fc.tuple(body, fc.constantFrom('as-is', 'as-is', 'as-is', 'as-is', 'cut', 'bignum', 'array', 'text/plain', 'empty', 'duplicate-key'), fc.nat())
    .map(([b, how, n]) => {
      const text = JSON.stringify(b) ?? 'null';
      switch (how) {
        case 'cut': return { text: text.slice(0, n % Math.max(1, text.length)), type: 'application/json' };
        case 'bignum': return { text: text.replace(/-?\d+(\.\d+)?/, n % 2 ? '1e999' : '-123456789012345678901234567890'), type: 'application/json' };
        case 'array': return { text: `[${text}]`, type: 'application/json' };
        case 'text/plain': return { text, type: 'text/plain' };
        case 'empty': return { text: '', type: 'application/json' };
        case 'duplicate-key': return { text: text.startsWith('{"') ? text.replace(/^\{("[^"]*"):/, '{$1:"x",$1:') : text, type: 'application/json' };
        default: return { text, type: 'application/json' };
      }
    });

/** A query string from the schema's parameters: valid values, nasty ones, missing ones, repeated ones and extra ones. */
function queryOf(def: RouteDef, fixed: Record<string, string> = {}): fc.Arbitrary<string> {
  const props = def.schema.querystring?.properties ?? {};
  const keys = Object.keys(props).filter((k) => !(k in fixed));
  const valid = (s: Schema): string[] => [
    ...(s.anyOf ?? []).map((a) => String(a.const)),
    ...(s.type === 'boolean' ? ['true', 'false'] : s.type === 'integer' ? ['0', '1', '100'] : s.type === 'string' ? ['x'] : []),
  ];
  const value = (s: Schema) => fc.oneof(
    fc.constant(undefined),
    ...(valid(s).length > 0 ? [fc.constantFrom(...valid(s))] : []),
    weird.map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '')),
    fc.array(fc.constantFrom(...NASTY_STRINGS), { minLength: 2, maxLength: 3 }),
  );
  return fc.tuple(fc.tuple(...keys.map((k) => value(props[k]!))), fc.dictionary(fc.string({ maxLength: 8 }), fc.constantFrom(...NASTY_STRINGS), { maxKeys: 2 }))
    .map(([values, extra]) => {
      const q = new URLSearchParams(fixed);
      keys.forEach((k, i) => {
        const v = values[i];
        if (Array.isArray(v)) for (const x of v) q.append(k, x);
        else if (v !== undefined) q.append(k, v as string);
      });
      for (const [k, v] of Object.entries(extra)) q.append(k, v);
      return q.toString();
    });
}

// ---- the routes -------------------------------------------------------------------------------

interface Target {
  /** The path's ids (asked before each run: some change as the run goes). */
  params?: () => Promise<Record<string, string>> | Record<string, string>;
  /** A body the route accepts, for the mutations to start from. */
  body?: Record<string, unknown>;
  /** Query parameters that stay as given. */
  query?: Record<string, string>;
  /** Tables a refused request may still write by design (failed sign-ins count against the limits). */
  bookkeeping?: string[];
}

const annotation = { schemaVersion: 1, objects: [{ id: 'o1', label: 'car', kind: 'bbox2d', geometry: { x: 10, y: 10, width: 20, height: 30 }, attributes: { occluded: false } }] };
const card = {
  currency: 'CNY', period: 'monthly', effectiveFrom: '2020-01-01T00:00:00Z', annotator: { perItem: 10, perObject: 20, objects: [{ class: 'car', kind: 'bbox2d', minor: 50 }] },
  difficulty: [{ class: 'car', bps: 15000 }], review: { perItem: 8 }, qa: { perItem: 12 }, client: { perItem: 40 }, machinePerItem: 5, reassignedShareBps: 3000,
};

const TARGETS: Partial<Record<RouteName, Target>> = {
  login: { body: { email: 'spare@fuzz.test', password: 'wrong-password' }, bookkeeping: ['login_failures'] },
  changePassword: { body: { currentPassword: 'not it', newPassword: 'a brand new password' }, bookkeeping: ['login_failures'] },
  createToken: { body: { name: 'fuzz' } },
  addUser: { body: { email: 'new@fuzz.test', name: 'New', password: 'user-password', isAdmin: false } },
  setPassword: { params: () => ({ userId: ids.spare }), body: { password: 'another password' } },
  createTeam: { body: { name: 'Team' } },
  setTeamMember: { params: () => ({ teamId: ids.team }), body: { userId: ids.spare, email: 'spare@fuzz.test', role: 'member' } },
  createProject: { body: { name: 'Made', description: 'd', ontology, settings: { stages: ['annotate', 'review'], maxHeldTasks: 2, overlap: 1 } } },
  updateProject: { params: () => ({ projectId: ids.project }), body: { name: 'Fuzz', description: 'd', settings: { maxHeldTasks: 3, leaseSeconds: 600 } } },
  setMember: { params: () => ({ projectId: ids.project }), body: { userId: ids.spare, email: 'spare@fuzz.test', role: 'annotator' } },
  deleteProject: { params: () => ({ projectId: ids.doomed }), body: { name: 'not its name' } },
  claimTask: { params: () => ({ projectId: ids.project }) },
  myTasks: { params: () => ({ projectId: ids.project }) },
  listTasks: { params: () => ({ projectId: ids.project }) },
  saveDraft: { params: async () => ({ taskId: await heldTask() }), body: { annotation } },
  submitTask: { params: async () => ({ taskId: await heldTask() }), body: { submissionId: randomUUID(), annotation } },
  skipTask: { params: () => ({ taskId: ids.task }), body: { reason: 'unclear', note: 'n' } },
  importFolder: { params: () => ({ projectId: ids.project }), body: { path: ids.folder, layout: 'plain', perFrame: false, skipInvalid: false, boxes: ids.folder }, bookkeeping: ['imports', 'events'] },
  exportProject: { params: () => ({ projectId: ids.project }), bookkeeping: ['audit_log'] },
  itemAsset: { params: () => ({ itemId: ids.item }) },
  itemInfo: { params: () => ({ itemId: ids.item }) },
  upload: { params: () => ({ projectId: ids.project }) },
  reviewTask: { params: () => ({ taskId: ids.task }), body: { decisionId: randomUUID(), verdict: 'reject', reasons: [{ code: 'wrong_class', objectId: null, note: 'n' }], annotation } },
  dawidSkene: { params: () => ({ projectId: ids.project }), body: { apply: false } },
  makeGold: { params: () => ({ projectId: ids.project }), body: { itemId: ids.item, annotation } },
  putRateCard: { params: () => ({ projectId: ids.project }), body: card },
  closePayPeriod: { params: () => ({ projectId: ids.project }), body: { at: '2021-03-04T00:00:00Z' } },
  correctLedger: { params: () => ({ projectId: ids.project, entryId: ids.entry }), body: { amountMinor: 5, note: 'fix' } },
  registerModel: { body: { name: 'fuzz', version: '1', spec: { type: 'lidar', minScore: 0.5 }, hourRateMinor: 0, classes: ['Car'] } },
  updateModel: { params: () => ({ modelId: ids.model }), body: { hourRateMinor: 100, archived: false } },
  attachModel: { params: () => ({ projectId: ids.project, modelId: ids.model }), body: { classMap: { Car: 'car', Pedestrian: null }, minScore: 0.3 } },
  startJob: { params: () => ({ projectId: ids.project }), body: { kind: 'prelabel', modelId: ids.model, scope: 'open', importId: randomUUID() } },
  autoLabelItem: { params: () => ({ itemId: ids.item }), body: { modelId: ids.model } },
  auditLog: {},
  auditCsv: { bookkeeping: ['audit_log'] },
  charts: { params: () => ({ projectId: ids.project }), query: { days: '7' } },
  projectAlerts: { params: () => ({ projectId: ids.project }), query: { open: 'true' } },
  tasksView: { params: () => ({ projectId: ids.project }), query: { stage: 'annotate', sort: 'priority' } },
  bulkTasks: { params: () => ({ projectId: ids.project }), body: { action: { kind: 'priority', mode: 'raise', value: 1 }, taskIds: [ids.task] }, bookkeeping: ['audit_log'] },
};

const takesInput = (def: RouteDef) => def.schema.body !== undefined || def.schema.querystring !== undefined;

test('every route that takes a body or a query string is fuzzed here, or is an importer fuzzed below', () => {
  const importers: RouteName[] = ['importFile'];
  const left = (Object.keys(table) as RouteName[]).filter((n) => takesInput(table[n]) && !(n in TARGETS) && !importers.includes(n));
  assert.deepEqual(left, [], 'routes with input and no fuzz target');
});

/** One request as the administrator; the answer is a 2xx/3xx, or a 4xx in the house shape that committed nothing. */
async function check(name: RouteName, t: Target, req: { url: string; payload?: string | Buffer; type?: string }) {
  const before = await fingerprint(h.deps.db);
  const res = await app.inject({ method: table[name].method as 'GET', url: req.url, headers: { cookie, ...(req.type ? { 'content-type': req.type } : {}) }, ...(req.payload !== undefined ? { payload: req.payload } : {}) });
  const shown = `${table[name].method} ${req.url.slice(0, 300)} ${typeof req.payload === 'string' ? req.payload.slice(0, 300) : ''} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  assert.ok(res.statusCode < 500, `a server error: ${shown}`);
  if (res.statusCode < 400) return res;
  const error = (res.json() as { error?: { code?: unknown; message?: unknown } }).error;
  assert.ok(typeof error?.code === 'string' && typeof error.message === 'string' && error.message.length > 0, `not the house error shape: ${shown}`);
  const changed = changedTables(before, await fingerprint(h.deps.db)).filter((x) => !(t.bookkeeping ?? []).includes(x));
  assert.deepEqual(changed, [], `a refused request changed the database: ${shown}`);
  return res;
}

const pathOf = (def: RouteDef, params: Record<string, string>) => def.url.replace(/:(\w+)/g, (_, p: string) => params[p] ?? randomUUID());

for (const [name, target] of Object.entries(TARGETS) as Array<[RouteName, Target]>) {
  test(`${name}: fuzzed input is a 2xx or a clear 4xx that changed nothing, never a 5xx`, async () => {
    const def = table[name];
    const body: fc.Arbitrary<{ text: string; type: string } | null> = def.schema.body !== undefined
      ? sent(fc.oneof({ weight: 1, arbitrary: weird }, { weight: 5, arbitrary: mutated(target.body ?? {}) }))
      : name === 'upload' ? fc.uint8Array({ maxLength: 2000 }).map((b) => ({ text: Buffer.from(b).toString('latin1'), type: 'image/png' })) : fc.constant(null);
    const query = def.schema.querystring !== undefined ? queryOf(def, target.query) : fc.constant('');
    await fc.assert(fc.asyncProperty(body, query, async (b, q) => {
      const path = pathOf(def, { ...(await target.params?.()) });
      const url = q ? `${path}?${q}` : path;
      await check(name, target, { url, ...(b ? { payload: name === 'upload' ? Buffer.from(b.text, 'latin1') : b.text, type: b.type } : {}) });
    }), options);
  });
}

// ---- the importers ----------------------------------------------------------------------------

/** What an import may not leave behind when it is refused. */
const CONTENT = ['items', 'tasks', 'annotations', 'predictions', 'drafts', 'gold_items', 'projects'];
const contentOf = async () => Object.fromEntries(Object.entries(await fingerprint(h.deps.db)).filter(([t]) => CONTENT.includes(t)));
const itemCount = async (projectId: string) => Number((await h.deps.db.selectFrom('items').select((e) => e.fn.countAll().as('n')).where('project_id', '=', projectId).executeTakeFirstOrThrow()).n);

const cell = fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.string({ maxLength: 12 }), fc.constantFrom('"', '""', '"a,b"', 'a\nb', '"unclosed', ',', '\r', 'https://images.example/a.jpg', '/images/1.jpg'));
const region = mutated({
  type: 'rectanglelabels', from_name: 'label', to_name: 'image', original_width: 640, original_height: 480,
  value: { x: 10, y: 10, width: 20, height: 30, rotation: 0, rectanglelabels: ['car'] },
});
const row = fc.oneof(
  { weight: 3, arbitrary: mutated({ data: { image: 'https://images.example/a.jpg', width: 640, height: 480 }, priority: 1, predictions: [{ model_version: 'm', score: 0.5, result: [{}] }] })
    .chain((r) => fc.array(region, { maxLength: 3 }).map((result) => (isObject(r) && Array.isArray(r.predictions) && isObject(r.predictions[0]) ? { ...r, predictions: [{ ...r.predictions[0], result }] } : r))) },
  { weight: 1, arbitrary: mutated({ text: 'a sentence', meta: { source: 'x' } }) },
  { weight: 1, arbitrary: weird },
);
const lines = (one: fc.Arbitrary<string>) => fc.tuple(fc.array(one, { maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.boolean())
  .map(([ls, eol, bom, end]) => (bom ? '\ufeff' : '') + ls.join(eol) + (end ? eol : ''));

interface ImportCase { file: string; type: string; query: string; content: string; projectId: string }
const importCases: fc.Arbitrary<ImportCase> = fc.oneof(
  // JSON Lines of task rows, some broken.
  fc.tuple(lines(fc.oneof({ weight: 4, arbitrary: row.map((r) => JSON.stringify(r) ?? '') }, { weight: 1, arbitrary: fc.constantFrom('', '{', '{"data":', 'not json', '[1,2', '{"data":{}}}') })), fc.boolean(), fc.boolean())
    .map(([content, skip, strict]) => ({ file: 'rows.jsonl', type: 'application/x-ndjson', query: `format=jsonl&skipInvalid=${skip}&strict=${strict}`, content, projectId: ids.project })),
  // One JSON document: an array of rows, or anything else, maybe cut short.
  fc.tuple(fc.oneof(fc.array(row, { maxLength: 6 }), weird), fc.nat(), fc.boolean(), fc.boolean())
    .map(([doc, cut, whole, skip]) => {
      const text = JSON.stringify(doc) ?? '';
      return { file: 'rows.json', type: 'application/json', query: `format=json&skipInvalid=${skip}`, content: whole ? text : text.slice(0, cut % Math.max(1, text.length)), projectId: ids.project };
    }),
  // CSV of task rows.
  fc.tuple(fc.array(fc.oneof(fc.constantFrom('image', 'text', 'caption', 'priority', 'data', ''), cell), { minLength: 1, maxLength: 4 }), lines(fc.array(cell, { maxLength: 5 }).map((c) => c.join(','))), fc.boolean())
    .map(([header, body, skip]) => ({ file: 'rows.csv', type: 'text/csv', query: `format=csv&skipInvalid=${skip}`, content: `${header.join(',')}\n${body}`, projectId: ids.project })),
  // A labelled table of texts.
  fc.tuple(lines(fc.tuple(cell, fc.oneof(fc.constantFrom('positive', 'negative', 'positive|negative', ''), cell)).map(([t, l]) => `${t},${l}`)), fc.constantFrom('label', 'nope'), fc.constantFrom('', '&multiLabel=%7C'), fc.constantFrom('labels', 'drafts', 'prelabels'))
    .map(([body, column, multi, as]) => ({ file: 'texts.csv', type: 'text/csv', query: `format=csv&labelColumn=${column}${multi}&as=${as}`, content: `text,label\n${body}`, projectId: ids.text })),
  // CoNLL: tokens and tags, blank lines between sentences.
  fc.tuple(lines(fc.oneof(fc.tuple(cell, fc.constantFrom('O', 'B-Disease', 'I-Disease', 'E-Disease', 'S-X', 'B-', 'I-Other', '-DOCSTART-', 'B-Disease\tx')).map(([t, g]) => `${t}\t${g}`), fc.constant(''), cell)),
    fc.constantFrom('as-predictions', 'as-annotations', 'ignore'), fc.constantFrom('', '&tagScheme=iob2', '&tagScheme=bioes', '&separator=space', '&tagColumn=3'), fc.boolean())
    .map(([content, labels, extra, skip]) => ({ file: 'x.conll', type: 'text/tab-separated-values', query: `format=conll&conllLabels=${labels}${extra}&skipInvalid=${skip}`, content, projectId: ids.text })),
);

test('importers: a fuzzed file is imported as its report says, or refused with a 4xx that leaves no items, tasks or annotations behind', async () => {
  let n = 0;
  await fc.assert(fc.asyncProperty(importCases, async (c) => {
    // A new name each time: a file imported before is its own (reported) case, not the one fuzzed here.
    const url = `/api/projects/${c.projectId}/import?file=${n++}-${c.file}&${c.query}`;
    const content = await contentOf();
    const items = await itemCount(c.projectId);
    const res = await check('importFile', { bookkeeping: ['imports', 'events', 'audit_log', ...CONTENT] }, { url, payload: c.content, type: c.type });
    const shown = `${url}\n${c.content.slice(0, 500)}\n→ ${res.statusCode} ${res.body.slice(0, 300)}`;
    if (res.statusCode >= 400) {
      assert.deepEqual(changedTables(content, await contentOf()), [], `a refused import left rows behind: ${shown}`);
      return;
    }
    const report = res.json() as { imported: number };
    assert.equal(await itemCount(c.projectId) - items, report.imported, `the report says ${report.imported} items: ${shown}`);
  }), { ...options, numRuns: RUNS * 8 });
});

test('the inputs fuzzing found to be server errors stay clear answers', async () => {
  const cases: Array<[RouteName, Record<string, string>, string, unknown, number]> = [
    // Past the integer column: a schema maximum.
    ['updateModel', { modelId: ids.model }, '', { hourRateMinor: 2_147_483_648 }, 400],
    ['registerModel', {}, '', { name: 'big', version: '1', spec: { type: 'lidar' }, hourRateMinor: 1e20 }, 400],
    // "1e999" becomes Infinity in the schema check, within any bounds: refused naming the field.
    ['updateModel', { modelId: ids.model }, '', { hourRateMinor: '1e999' }, 400],
    ['listTasks', { projectId: ids.project }, 'limit=1e999', undefined, 400],
    ['itemAsset', { itemId: ids.item }, 'frame=Infinity', undefined, 400],
    // A date whose pay period ends past what a date holds.
    ['closePayPeriod', { projectId: ids.project }, '', { at: '+275760-09-13T00:00:00.000Z' }, 422],
    // A change that changes nothing (no field, or only unknown ones): the model as it is, not an UPDATE without SET.
    ['updateModel', { modelId: ids.model }, '', { 'v:': 'Zalgo' }, 200],
    // A cursor past the largest bigint is before every entry.
    ['auditLog', {}, 'before=9999999999999999999', undefined, 200],
  ];
  for (const [name, params, query, body, status] of cases) {
    const path = pathOf(table[name], params);
    const res = await check(name, {}, { url: query ? `${path}?${query}` : path, ...(body !== undefined ? { payload: JSON.stringify(body), type: 'application/json' } : {}) });
    assert.equal(res.statusCode, status, `${name} ${query} ${JSON.stringify(body)}: ${res.body}`);
  }
  // JSON's own 1e999 where the schema takes any value: no column would keep it.
  const json = await check('saveDraft', {}, { url: pathOf(table.saveDraft, { taskId: await heldTask() }), payload: '{"annotation":{"schemaVersion":1,"objects":[{"geometry":{"x":1e999}}]}}', type: 'application/json' });
  assert.equal(json.statusCode, 400);
  assert.match(json.json().error.message, /^body\.annotation\.objects\.0\.geometry\.x: is Infinity, not a finite number/);
});
