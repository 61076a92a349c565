// Real PostgreSQL, real services, real HTTP pipeline (Fastify inject): the shared set-up of server tests.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from '@cadre/db/testing';
import type { TaskRow } from '@cadre/db';
import { auth, buildApp, dispenser, importer, projectService, type Actor, type ServiceDeps } from '../src/index.ts';
import { readTaskRows, type ImportFormat } from '../src/import/index.ts';

export const ontology = {
  classes: [
    { name: 'car', kind: 'bbox2d', color: '#ff0000', hotkey: '1', attributes: [{ name: 'occluded', type: 'boolean', required: true }] },
    { name: 'lane', kind: 'polyline', attributes: [] },
  ],
};

export const box = (id: string, x = 10) => ({ id, label: 'car', kind: 'bbox2d', geometry: { x, y: 10, width: 20, height: 30 }, attributes: { occluded: false } });
export const payload = (...objects: unknown[]) => ({ schemaVersion: 1, objects });
/** A one-stage workflow: a submit is final. Tests of import, export and the workspace loop use it; the workflow tests set their stages. */
export const SUBMIT_IS_FINAL = { stages: ['annotate'] };

export interface Harness {
  t: TestDatabase;
  deps: ServiceDeps;
  admin: Actor;
  close(): Promise<void>;
  user(email: string): Promise<Actor>;
  project(name?: string, settings?: Record<string, unknown>): Promise<string>;
  member(projectId: string, actor: Actor, role: 'manager' | 'reviewer' | 'annotator' | 'client'): Promise<void>;
  importText(projectId: string, text: string, format?: ImportFormat, skipInvalid?: boolean): ReturnType<typeof importer.importRows>;
  imageRows(n: number): string;
  /** A project with `rows` image tasks and one annotator (named `name@test.local`) holding the first. */
  leasedTask(name: string, rows?: number): Promise<{ projectId: string; worker: Actor; task: TaskRow }>;
}

export async function harness(poolSize = 20): Promise<Harness> {
  const t = await createTestDatabase({ max: poolSize });
  const deps: ServiceDeps = { db: t.db, pool: t.pool };
  const adminUser = await auth.createUser(deps, { email: 'admin@test.local', password: 'admin-password', isAdmin: true });
  const admin: Actor = { userId: adminUser.id, isAdmin: true };
  const h: Harness = {
    t, deps, admin,
    close: () => t.close(),
    async user(email) {
      const u = await auth.createUser(deps, { email, password: 'user-password' });
      return { userId: u.id, isAdmin: false };
    },
    async project(name = 'Streets', settings = SUBMIT_IS_FINAL) {
      return (await projectService.createProject(deps, admin, { name, ontology, settings })).id;
    },
    async member(projectId, actor, role) {
      await projectService.setMember(deps, admin, projectId, { userId: actor.userId, role });
    },
    importText(projectId, text, format = 'jsonl', skipInvalid = false) {
      const rows = readTaskRows(Readable.from([Buffer.from(text)]), { format, file: `tasks.${format}` });
      return importer.importRows(deps, admin, rows, { projectId, file: `tasks.${format}`, format, skipInvalid });
    },
    async leasedTask(name, rows = 1) {
      const projectId = await h.project(name);
      await h.importText(projectId, h.imageRows(rows));
      const worker = await h.user(`${name.toLowerCase().replaceAll(' ', '-')}@test.local`);
      await h.member(projectId, worker, 'annotator');
      const task = await dispenser.claimNext(deps, worker, projectId);
      if (!task) throw new Error('no task to lease');
      return { projectId, worker, task };
    },
    imageRows(n) {
      let s = '';
      for (let i = 1; i <= n; i++) s += `{"data":{"image":"/images/${String(i).padStart(6, '0')}.jpg"}}\n`;
      return s;
    },
  };
  return h;
}

/** Signs in over HTTP and returns the session cookie header. */
export async function signIn(app: FastifyInstance, email: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'cadre_session');
  return `cadre_session=${cookie!.value}`;
}

export async function httpApp(h: Harness): Promise<FastifyInstance> {
  return buildApp(h.deps);
}

/**
 * An app every route of the contract can be called on, for the tests that walk them all: its own
 * media folder and a media root holding an empty folder (`<dir>/roots/empty`), no machine worker and no
 * alert watcher (background writers: the walkers check what a request itself writes), and
 * sign-in limits no test reaches. `dir` is the temporary folder, to remove when done.
 */
export async function everyRouteApp(h: Harness, prefix: string): Promise<{ app: FastifyInstance; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, 'roots', 'empty'), { recursive: true });
  const app = await buildApp(h.deps, {
    machineWorker: false,
    alertWatch: false,
    media: { mediaDir: join(dir, 'media'), roots: [join(dir, 'roots')] },
    loginLimits: { windowSeconds: 900, maxFailuresPerAccount: 1_000_000, maxFailuresPerAddress: 1_000_000 },
  });
  return { app, dir };
}
