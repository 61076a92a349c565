// The shift the load and fault phases share: one database, a project full of image tasks, the
// annotators with API tokens, the people who watch the dashboards, and two `cadre serve` processes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auth, importer, projectService, type Actor, type imports, type ServiceDeps } from '@cadre/server';
import { startChild, stopChild, type CadreChild } from './cadre-child.ts';
import { createAnnotators, createProject, settle, type Annotator } from './setup.ts';
import { log, mapLimit } from './stats.ts';

export interface Shift {
  admin: Actor;
  adminToken: string;
  /** Annotators (members of the load project); the fault phase adds the first ones to its own. */
  people: Annotator[];
  /** Two more annotators who submit while their own dashboard is open on the other process. */
  probes: Annotator[];
  /** A client of the project (the client's dashboard). */
  clientToken: string;
}

/** Creates the people of `projectId`: `n` annotators, two probes and a client, all with API tokens (and one for the admin). */
export async function createShift(deps: ServiceDeps, admin: Actor, projectId: string, n: number): Promise<Shift> {
  const adminToken = (await auth.createApiToken(deps, admin, 'bench dashboards')).token;
  log(`creating ${n} annotators (scrypt passwords, memberships, API tokens)`);
  const people = await createAnnotators(deps, admin, projectId, n, 'load');
  const probes = await createAnnotators(deps, admin, projectId, 2, 'probe');
  const client = await auth.createUser(deps, { email: 'client@bench.local', password: 'bench-password-1' });
  await projectService.setMember(deps, admin, projectId, { userId: client.id, role: 'client' });
  const clientToken = (await auth.createApiToken(deps, { userId: client.id, isAdmin: false }, 'bench')).token;
  return { admin, adminToken, people, probes, clientToken };
}

/** Already-parsed rows of image URLs (an importer needs no storage configured for those). */
async function* imageRows(n: number): AsyncGenerator<imports.RowResult> {
  for (let i = 0; i < n; i++) yield { ok: true, row: { line: i + 1, data: { image: `https://images.bench.local/img_${String(i).padStart(6, '0')}.jpg` }, predictions: [], priority: 0 } };
}

/** A project of `tasks` open image tasks (the importer, with rows already parsed), with these settings. */
export async function imageProject(deps: ServiceDeps, admin: Actor, name: string, tasks: number, settings: Record<string, unknown> = {}): Promise<string> {
  const projectId = await createProject(deps, admin, name, settings);
  log(`${name}: importing ${tasks.toLocaleString('en')} image tasks`);
  await importer.importRows(deps, admin, imageRows(tasks), { projectId, file: 'bench', format: 'generated', skipInvalid: false });
  return projectId;
}

/** Adds annotators of the shift to another project. */
export async function addMembers(deps: ServiceDeps, admin: Actor, projectId: string, people: readonly Annotator[]): Promise<void> {
  await mapLimit(people, 4, (p) => projectService.setMember(deps, admin, projectId, { userId: p.actor.userId, role: 'annotator' }));
  await settle(deps);
}

/**
 * Two `cadre serve` processes on the database, as they ship (machine jobs, lease reaper, change
 * listener), each with a pool of `pool` connections.
 */
export async function startPair(databaseUrl: string, pool: number): Promise<[CadreChild, CadreChild]> {
  const env = { DATABASE_URL: databaseUrl, CADRE_DB_POOL: String(pool) };
  const [a, b] = await Promise.all([startChild(env), startChild(env)]);
  log(`two Cadre processes: ${a.base} (pid ${a.child.pid}) and ${b.base} (pid ${b.child.pid}), pool ${pool} each`);
  return [a, b];
}

export async function stopPair(pair: readonly CadreChild[]): Promise<void> {
  await Promise.all(pair.map((c) => stopChild(c)));
}

/** CPU seconds a process has used (Linux /proc), or null elsewhere. */
export function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the command name.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** CPU seconds of an embedded PostgreSQL (the postmaster and its live backends), or null (external, or not Linux). */
export function postgresCpuSeconds(scratchDir: string): number | null {
  const pidFile = join(scratchDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  try {
    const postmaster = readFileSync(pidFile, 'utf8').split('\n')[0]!.trim();
    let total = cpuSeconds(Number(postmaster)) ?? 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        if (fields[1] === postmaster) total += (Number(fields[11]) + Number(fields[12])) / 100;
      } catch { /* gone meanwhile */ }
    }
    return total;
  } catch {
    return null;
  }
}
