// Every route of the contract, called as every kind of person, against the expected-access table
// (src/http/access-rules.ts): a route without a rule fails here. A refusal is 401 for anonymous, the
// same 404 as a missing id for a person outside the project, 403 (or 404 for someone else's row)
// for a member without the role, and changes nothing in the database; an allowed call is never
// refused for access (it may be a 4xx for what it asks, never a 5xx). One app, one fixture project
// with one of everything a path can name; refusals run first on the untouched fixture, then the
// allowed calls, the destructive ones on fresh rows of their own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { routes } from '@cadre/contract';
import { machineJobs } from '@cadre/db';
import { auth, dispenser, projectService, removalService, submissions, teamService, type Actor } from '../src/index.ts';
import { ACCESS, allows, type Caller, type RouteName, type Rule } from '../src/http/access-rules.ts';
import { closePeriod, writeRateCard } from '../src/services/pay/index.ts';
import { attachShippedLidar } from '../src/services/machine/models.service.ts';
import { everyRouteApp, harness, ontology, type Harness } from './harness.ts';
import { changedTables, fingerprint, type Fingerprint } from './db-fingerprint.ts';

type Who = 'admin' | 'manager' | 'reviewer' | 'annotator' | 'client' | 'outsider' | 'anonymous';
const EVERYONE: readonly Who[] = ['admin', 'manager', 'reviewer', 'annotator', 'client', 'outsider', 'anonymous'];
const PROJECT_ROLES = ['manager', 'reviewer', 'annotator', 'client'] as const;
type ProjectRole = (typeof PROJECT_ROLES)[number];
const isProjectRole = (w: Who): w is ProjectRole => (PROJECT_ROLES as readonly string[]).includes(w);

const caller = (who: Who): Caller => {
  if (who === 'anonymous') return { kind: 'anonymous' };
  if (who === 'admin') return { kind: 'admin' };
  if (who === 'outsider') return { kind: 'person', roles: [], managesSomewhere: true }; // a manager of another project
  return { kind: 'person', roles: [who], managesSomewhere: who === 'manager' };
};

const table = routes as unknown as Record<RouteName, { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string }>;
const NAMES = Object.keys(table) as RouteName[];
/** Held open until the client goes: answered over a real socket, the status read from the headers. */
const STREAMS: ReadonlySet<RouteName> = new Set<RouteName>(['dashboardStream', 'jobStream']);

const CARD = { currency: 'CNY', annotator: { perItem: 10, perObject: 20 }, review: { perItem: 4 }, client: { perItem: 40 } };
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108020000009077' + '53de0000000c4944415408d763f8cfc0000003010100c9fe92ef0000000049454e44ae426082', 'hex');

/** What the path can name, all in the fixture project (and the one other project the outsider manages). */
interface Ids {
  project: string; projectName: string; item: string; task: string; batch: string; model: string; job: string; team: string;
  statement: string; invoice: string; entry: string; spare: string; leaving: string; token: string;
}

let h: Harness;
let app: FastifyInstance;
let base: string;
let mediaTmp: string;
let w: Ids;
const people = {} as Record<Exclude<Who, 'anonymous' | 'admin'> | 'worker' | 'leaving' | 'spare' | 'visitor', Actor>;
const credentials = {} as Record<Who, Record<string, string>>;
let seq = 0;

const emailOf = (who: string) => (who === 'admin' ? 'admin@test.local' : `${who}@matrix.test`);
const passwordOf = (who: string) => (who === 'admin' ? 'admin-password' : 'user-password');

/** A session cookie for people in the project, an API token for the outsider: both ways in are held to the table. */
async function signInAs(who: Who): Promise<Record<string, string>> {
  if (who === 'anonymous') return {};
  if (who === 'outsider') return { authorization: `Bearer ${(await auth.createApiToken(h.deps, people.outsider, `matrix ${seq++}`)).token}` };
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: emailOf(who), password: passwordOf(who) } });
  assert.equal(res.statusCode, 200, res.body);
  return { cookie: `cadre_session=${res.cookies.find((c) => c.name === 'cadre_session')!.value}` };
}

const actorOf = (who: Who): Actor => (who === 'admin' ? h.admin : people[who as Exclude<Who, 'anonymous' | 'admin'>]);

async function importRow(projectId: string): Promise<{ item: string; task: string }> {
  const n = seq++;
  await h.importText(projectId, `{"data":{"image":"https://images.example/${n}.jpg","width":640,"height":480}}\n`);
  const row = await h.deps.db.selectFrom('items').innerJoin('tasks', 'tasks.item_id', 'items.id')
    .select(['items.id as item', 'tasks.id as task']).where('items.project_id', '=', projectId)
    .where('items.asset', '=', `https://images.example/${n}.jpg`).executeTakeFirstOrThrow();
  return row;
}

before(async () => {
  h = await harness();
  ({ app, dir: mediaTmp } = await everyRouteApp(h, 'cadre-matrix-'));
  base = await app.listen({ port: 0, host: '127.0.0.1' });

  for (const who of ['manager', 'reviewer', 'annotator', 'client', 'outsider', 'worker', 'leaving', 'spare', 'visitor'] as const) people[who] = await h.user(emailOf(who));
  const project = await h.project('Matrix');
  for (const role of PROJECT_ROLES) await h.member(project, people[role], role);
  await h.member(project, people.worker, 'annotator');
  await h.member(project, people.leaving, 'annotator');
  const other = await h.project('Elsewhere');
  await h.member(other, people.outsider, 'manager');

  // The worker's accepted work, paid and closed into a period: an item with annotations, a ledger entry, a statement and an invoice.
  await writeRateCard(h.deps.db, project, ['car', 'lane'], CARD, h.admin.userId, new Date(Date.now() - 60_000));
  const done = await importRow(project);
  const open = await importRow(project);
  for (let i = 0; i < 4; i++) await importRow(project);
  const claimed = await dispenser.claimNext(h.deps, people.worker, project);
  assert.equal(claimed?.id, done.task, 'the worker takes the first task');
  await submissions.submit(h.deps, people.worker, done.task, randomUUID(), { schemaVersion: 1, objects: [{ id: 'c1', label: 'car', kind: 'bbox2d', geometry: { x: 1, y: 1, width: 5, height: 5 }, attributes: { occluded: false } }] });
  const now = new Date();
  await closePeriod(h.deps.pool, project, now, h.admin.userId, new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 0, 0, 1)));
  const one = async <T>(q: Promise<T | undefined>, what: string): Promise<T> => { const r = await q; assert.ok(r, `the fixture has ${what}`); return r; };
  const statement = await one(h.deps.db.selectFrom('statements').select('id').where('project_id', '=', project).executeTakeFirst(), 'a statement');
  const invoice = await one(h.deps.db.selectFrom('invoices').select('id').where('project_id', '=', project).executeTakeFirst(), 'an invoice');
  const entry = await one(h.deps.db.selectFrom('ledger_entries').select('id').where('project_id', '=', project).executeTakeFirst(), 'a ledger entry');
  const batch = randomUUID();
  await h.deps.db.insertInto('qa_batches').values({ id: batch, project_id: project, annotator_id: people.worker.userId, key: 'matrix' } as never).execute();
  const model = await attachShippedLidar(h.deps, project);
  const job = await machineJobs.insertJob(h.deps.db, { id: randomUUID(), projectId: project, modelId: model.id, kind: 'prelabel', options: { scope: 'open' }, createdBy: people.worker.userId });
  const team = await teamService.createTeam(h.deps, h.admin, 'Matrix team');
  const token = (await auth.createApiToken(h.deps, people.worker, 'the worker\'s')).id;
  w = {
    project, projectName: 'Matrix', item: done.item, task: open.task, batch, model: model.id, job: job.id, team: team.id,
    statement: statement.id, invoice: invoice.id, entry: entry.id, spare: people.spare.userId, leaving: people.leaving.userId, token,
  };
  for (const who of EVERYONE) credentials[who] = await signInAs(who);
});
after(async () => {
  await app.close();
  await h.close();
  rmSync(mediaTmp, { recursive: true, force: true });
});

interface Request { method: string; url: string; headers: Record<string, string>; payload?: string | Buffer }

/** The request for a route: its path filled from `ids`, a query and a body that pass the schema. */
function requestFor(name: RouteName, who: Who, ids: Ids): Request {
  const r = table[name];
  const value: Record<string, string> = {
    projectId: ids.project, userId: name === 'removeMember' ? ids.leaving : ids.spare, tokenId: ids.token, teamId: ids.team,
    id: r.url.startsWith('/api/items/') ? ids.item : ids.task, taskId: ids.task, itemId: ids.item, batchId: ids.batch, view: 'admin',
    statementId: ids.statement, invoiceId: ids.invoice, entryId: ids.entry, modelId: ids.model, jobId: ids.job,
  };
  const path = r.url.replace(/:(\w+)/g, (_, p: string) => {
    assert.ok(value[p], `${name}: no fixture value for :${p}`);
    return value[p];
  });
  const query: Partial<Record<RouteName, string>> = { importFile: 'file=rows.jsonl&format=jsonl', upload: 'name=one.png', claimTask: 'stage=annotate', myTasks: 'stage=annotate' };
  const n = seq++;
  const bodies: Partial<Record<RouteName, unknown>> = {
    login: { email: emailOf('visitor'), password: 'user-password' },
    changePassword: { currentPassword: 'not my password', newPassword: 'a brand new password' },
    createToken: { name: `matrix ${n}` },
    addUser: { email: `new-${n}@matrix.test`, password: 'user-password' },
    setPassword: { password: 'another password' },
    createTeam: { name: `Team ${n}` },
    setTeamMember: { userId: ids.spare, role: 'member' },
    createProject: { name: `Made ${n}`, ontology },
    updateProject: { description: 'changed by the matrix' },
    setMember: { userId: ids.spare, role: 'annotator' },
    deleteProject: { name: ids.projectName },
    saveDraft: { annotation: { schemaVersion: 1, objects: [] } },
    submitTask: { submissionId: randomUUID(), annotation: { schemaVersion: 1, objects: [] } },
    skipTask: {},
    importFolder: { path: join(mediaTmp, 'roots', 'empty'), perFrame: false, skipInvalid: false },
    reviewTask: { decisionId: randomUUID(), verdict: 'accept' },
    dawidSkene: {},
    makeGold: { itemId: ids.item },
    putRateCard: CARD,
    closePayPeriod: {},
    correctLedger: { amountMinor: 0, note: 'matrix' },
    registerModel: { name: `matrix-${n}`, version: '1', spec: { type: 'lidar' } },
    updateModel: { hourRateMinor: 0 },
    attachModel: {},
    startJob: { kind: 'prelabel', modelId: ids.model },
    autoLabelItem: {},
    bulkTasks: { action: { kind: 'priority', mode: 'raise', value: 0 }, taskIds: [ids.task] },
  };
  const headers = { ...credentials[who] };
  const q = query[name];
  const url = q ? `${path}?${q}` : path;
  if (name === 'importFile') return { method: r.method, url, headers: { ...headers, 'content-type': 'application/x-ndjson' }, payload: `{"data":{"image":"https://images.example/import-${n}.jpg"}}\n` };
  if (name === 'upload') return { method: r.method, url, headers: { ...headers, 'content-type': 'image/png' }, payload: PNG };
  if (name in bodies) return { method: r.method, url, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(bodies[name]) };
  return { method: r.method, url, headers };
}

interface Answer { status: number; code?: string; message?: string }

async function send(name: RouteName, req: Request): Promise<Answer> {
  if (STREAMS.has(name)) {
    const stop = new AbortController();
    const res = await fetch(base + req.url, { method: req.method, headers: req.headers, signal: stop.signal });
    const answer: Answer = { status: res.status };
    if (res.status >= 400) Object.assign(answer, ((await res.json()) as { error: Answer }).error);
    stop.abort();
    await res.body?.cancel().catch(() => undefined);
    return answer;
  }
  const res = await app.inject(req as never);
  if (res.statusCode < 400) return { status: res.statusCode };
  const body = res.json() as { error?: { code?: unknown; message?: unknown } };
  assert.ok(typeof body.error?.code === 'string' && typeof body.error.message === 'string', `${name}: ${res.statusCode} without the house error shape: ${res.body}`);
  return { status: res.statusCode, code: body.error.code, message: body.error.message };
}

const describeRule = (rule: Rule) => (typeof rule === 'string' ? rule : `project: ${rule.project.join(', ')}${rule.ownOnly ? `; own rows only: ${rule.ownOnly.join(', ')}` : ''}`);

test('every route of the contract has an access rule, and every rule names a route', () => {
  const missing = NAMES.filter((n) => !(n in ACCESS));
  assert.deepEqual(missing, [], 'routes with no access rule: add them to ACCESS in src/http/access-rules.ts');
  const unknown = Object.keys(ACCESS).filter((n) => !(n in table));
  assert.deepEqual(unknown, [], 'access rules for routes that do not exist');
  for (const n of NAMES) assert.ok(allows(ACCESS[n], { kind: 'admin' }) || ACCESS[n] === 'self', `${n}: some rule must let an administrator in`);
});

/** Outsiders' refusals that differ from the answer to an id that does not exist. */
const probes: string[] = [];

test('a caller the rule refuses is refused, the same way as for a missing id where it is an outsider, and nothing changes', async (t) => {
  const untouched: Fingerprint = await fingerprint(h.deps.db);
  let refused = 0;
  for (const name of NAMES) {
    const rule = ACCESS[name];
    if (!rule) continue;
    const refusedBy = EVERYONE.filter((who) => !allows(rule, caller(who)));
    if (refusedBy.length === 0) continue;
    await t.test(`${name} (${describeRule(rule)}) refuses ${refusedBy.join(', ')}`, async () => {
      for (const who of refusedBy) {
        const answer = await send(name, requestFor(name, who, w));
        const where = `${table[name].method} ${table[name].url} as ${who}: ${JSON.stringify(answer)}`;
        if (who === 'anonymous') {
          assert.equal(answer.status, 401, where);
          assert.equal(answer.code, 'unauthenticated', where);
        } else if (who === 'outsider' && typeof rule === 'object') {
          assert.equal(answer.status, 404, `an outsider must not learn the project exists: ${where}`);
          const missing = await send(name, requestFor(name, who, withMissingIds(w)));
          assert.deepEqual([answer.status, answer.code], [missing.status, missing.code], `${where} differs from a missing id's ${JSON.stringify(missing)}`);
          if (answer.message !== missing.message) probes.push(`${name}: "${answer.message}" where a missing id gets "${missing.message}"`);
        } else {
          assert.ok(answer.status === 403 || answer.status === 404, where);
        }
        const now = await fingerprint(h.deps.db);
        assert.deepEqual(changedTables(untouched, now), [], `a refused request changed the database: ${where}`);
        refused++;
      }
    });
  }
  assert.ok(refused > 250, `${refused} refusals checked`);
});

test('an outsider\'s refusal says no more than a missing id\'s does', () => {
  assert.deepEqual(probes, []);
});

function withMissingIds(ids: Ids): Ids {
  const out = { ...ids };
  for (const k of Object.keys(out) as Array<keyof Ids>) if (/^[0-9a-f-]{36}$/.test(out[k])) out[k] = randomUUID();
  return out;
}

/** A fresh project the caller has their role in, for the routes that archive or delete one. */
async function freshProject(who: Who): Promise<Pick<Ids, 'project' | 'projectName'>> {
  const name = `Fresh ${seq++}`;
  const project = (await projectService.createProject(h.deps, h.admin, { name, ontology })).id;
  if (isProjectRole(who)) await h.member(project, people[who], who);
  return { project, projectName: name };
}

/** Fresh rows for the calls that use theirs up (delete, remove, revoke, detach, sign out). */
async function prepare(name: RouteName, who: Who): Promise<Ids> {
  switch (name) {
    case 'deleteProject': case 'archiveProject': return { ...w, ...(await freshProject(who)) };
    case 'restoreProject': {
      const fresh = await freshProject(who);
      await removalService.setArchived(h.deps, h.admin, fresh.project, true);
      return { ...w, ...fresh };
    }
    case 'removeItem': return { ...w, item: (await importRow(w.project)).item };
    case 'removeTask': return { ...w, task: (await importRow(w.project)).task };
    case 'removeMember': await h.member(w.project, people.leaving, 'annotator'); return w;
    case 'detachModel': await attachShippedLidar(h.deps, w.project); return w;
    case 'revokeToken': return { ...w, token: (await auth.createApiToken(h.deps, actorOf(who), `to revoke ${seq++}`)).id };
    default: return w;
  }
}

test('a caller the rule lets in is never refused for access, and no call is a server error', async (t) => {
  let allowed = 0;
  for (const name of NAMES) {
    const rule = ACCESS[name];
    if (!rule) continue;
    const allowedTo = EVERYONE.filter((who) => allows(rule, caller(who)));
    await t.test(`${name} (${describeRule(rule)}) lets in ${allowedTo.join(', ')}`, async () => {
      for (const who of allowedTo) {
        const answer = await send(name, requestFor(name, who, await prepare(name, who)));
        const where = `${table[name].method} ${table[name].url} as ${who}: ${JSON.stringify(answer)}`;
        assert.ok(answer.status < 500, where);
        assert.ok(![401, 403, 404].includes(answer.status), `refused for access: ${where}`);
        // Signing out ends the session the matrix reuses: sign in again.
        if (name === 'logout' || name === 'logoutEverywhere') credentials[who] = await signInAs(who);
        allowed++;
      }
    });
  }
  assert.ok(allowed > 200, `${allowed} allowed calls checked`);
});

test('a row of one\'s own: nobody, an administrator included, revokes another person\'s token, which is as unknown as a missing one', async () => {
  const untouched = await fingerprint(h.deps.db);
  for (const who of EVERYONE.filter((x) => x !== 'anonymous')) {
    const theirs = await send('revokeToken', requestFor('revokeToken', who, w)); // the worker's token
    const missing = await send('revokeToken', requestFor('revokeToken', who, { ...w, token: randomUUID() }));
    assert.deepEqual(theirs, missing, `${who}: ${JSON.stringify(theirs)}`);
    assert.equal(theirs.status, 404);
  }
  assert.deepEqual(changedTables(untouched, await fingerprint(h.deps.db)), []);
});
