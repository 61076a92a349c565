// `npm run bench:load` (`cadre bench --load`), and the last part of `npm run bench`: the load phase
// (two Cadre processes, 1,000 annotators, 10 minutes, dashboards open) and the fault phase (kill -9
// of one process three times under load) on a fresh database; merges `load` and `faults` into the
// results file, keeping its other figures.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, migrateToLatest } from '@cadre/db';
import type { ServiceDeps } from '@cadre/server';
import { loadPhase, type LoadFigures, type LoadPlan } from './base-load.ts';
import { openBenchDatabase } from './database.ts';
import { faultPhase, type FaultFigures, type FaultPlan } from './faults.ts';
import { addMembers, createShift, imageProject, startPair, stopPair } from './load-setup.ts';
import { createAdmin, settle } from './setup.ts';
import { provenance } from './provenance.ts';
import { fmt, log } from './stats.ts';

export interface LoadBenchOptions {
  quick: boolean;
  /** Overrides for shorter development runs of the load phase. */
  minutes?: number | undefined; annotators?: number | undefined;
  /** Leave out the fault phase. */
  noFaults?: boolean;
}

/** Connections per Cadre process: a shift of 500 people a process has a few requests in flight at a time. */
const SERVER_POOL = 20;
const DEFAULT_LEASE_S = 1800;

function plans(o: LoadBenchOptions): { load: LoadPlan; faults: FaultPlan; full: boolean } {
  const load: LoadPlan = o.quick
    ? { annotators: 100, seconds: 60, thinkS: [10, 30], rampS: 10, leaseSeconds: DEFAULT_LEASE_S, adminStreams: 2, clientStreams: 1, probeEveryS: 5 }
    : { annotators: 1000, seconds: 600, thinkS: [10, 30], rampS: 30, leaseSeconds: DEFAULT_LEASE_S, adminStreams: 2, clientStreams: 1, probeEveryS: 5 };
  if (o.minutes !== undefined) {
    if (!(o.minutes > 0 && o.minutes <= 120)) throw new Error(`--minutes must be more than 0 and at most 120, got ${o.minutes}`);
    load.seconds = Math.round(o.minutes * 60);
    load.rampS = Math.min(load.rampS, Math.max(1, Math.floor(load.seconds / 4)));
  }
  if (o.annotators !== undefined) {
    if (!(Number.isInteger(o.annotators) && o.annotators >= 2 && o.annotators <= 5000)) throw new Error(`--annotators must be a whole number from 2 to 5000, got ${o.annotators}`);
    load.annotators = o.annotators;
  }
  const faults: FaultPlan = o.quick
    ? { annotators: 50, seconds: 45, thinkS: [1, 3], kills: 3, leaseSeconds: 20, abandonShare: 0.3 }
    : { annotators: Math.min(200, load.annotators), seconds: 90, thinkS: [1, 3], kills: 3, leaseSeconds: 20, abandonShare: 0.3 };
  const full = !o.quick && load.seconds === 600 && load.annotators === 1000;
  return { load, faults, full };
}

/** Enough open tasks that the queue never runs dry: every annotator at its fastest, and a fifth more. */
const tasksFor = (annotators: number, seconds: number, thinkMinS: number) => Math.max(5000, Math.ceil((annotators * seconds * 1.2) / Math.max(1, thinkMinS)));

export async function runLoadBench(o: LoadBenchOptions): Promise<{ load: LoadFigures; faults: FaultFigures | null }> {
  const { load: loadPlan, faults: faultPlan, full } = plans(o);
  const measured = provenance();
  const database = await openBenchDatabase();
  const { db, pool } = connect({ url: database.url, max: 8 });
  const pair = [] as Awaited<ReturnType<typeof startPair>>[number][];
  try {
    await migrateToLatest(db);
    const deps: ServiceDeps = { db, pool };
    const admin = await createAdmin(deps);
    const loadProject = await imageProject(deps, admin, 'bench load', tasksFor(loadPlan.annotators, loadPlan.seconds, loadPlan.thinkS[0]));
    const shift = await createShift(deps, admin, loadProject, Math.max(loadPlan.annotators, o.noFaults ? 0 : faultPlan.annotators));
    const faultProject = o.noFaults ? null : await imageProject(deps, admin, 'bench faults', tasksFor(faultPlan.annotators, faultPlan.seconds, faultPlan.thinkS[0]), { leaseSeconds: faultPlan.leaseSeconds, maxHeldTasks: 10 });
    if (faultProject) await addMembers(deps, admin, faultProject, shift.people.slice(0, faultPlan.annotators));
    await settle(deps);
    pair.push(...await startPair(database.url, SERVER_POOL));
    const load = await loadPhase(pool, loadProject, shift, pair, loadPlan, database.dir);
    log(`load: claim p99 ${load.claim_p99_ms} ms, submit p99 ${load.submit_p99_ms} ms, ${load.errors} errors, ${load.double_leases} double leases`);
    const faults = faultProject ? await faultPhase(pool, faultProject, shift.people, pair, faultPlan) : null;
    if (faults) log(`faults: ${faults.acknowledged} acknowledged, ${faults.acknowledged_lost} lost, ${faults.leases_stuck} leases stuck, ${faults.half_written} half-written`);
    printLoadTable(load, faults);
    // Only the whole run stands as the figures; shorter ones go where the quick run's go.
    const file = new URL(full ? 'results/latest.json' : 'results/quick.json', import.meta.url);
    const stamp = { ...measured, server_pool: SERVER_POOL, postgres: database.where };
    mergeResults(file, { load: { ...load, provenance: stamp }, ...(faults ? { faults: { ...faults, provenance: stamp } } : {}) });
    log(`merged load${faults ? ' and faults' : ''} into ${file.pathname}`);
    return { load, faults };
  } finally {
    await stopPair(pair).catch(() => undefined);
    await db.destroy().catch(() => undefined);
    await database.close();
  }
}

/** Merges `load` and `faults` into the results file, each with the commit that measured it. */
export function mergeResults(file: URL, figures: Record<string, unknown>): void {
  mkdirSync(new URL('.', file), { recursive: true });
  const current = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> : {};
  writeFileSync(file, JSON.stringify({ ...current, ...figures }, null, 2) + '\n');
}

/**
 * Merges figures measured alone into one section of the results file, keeping the section's other
 * figures (those another phase measured), with the commit that measured these under `provenanceKey`.
 */
export function mergeIntoSection(file: URL, section: string, figures: Record<string, unknown>, provenanceKey: string, measured: unknown): void {
  const current = existsSync(file) ? ((JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown> | undefined>)[section] ?? {}) : {};
  mergeResults(file, { [section]: { ...current, ...figures, [provenanceKey]: measured } });
}

export function printLoadTable(load: LoadFigures, faults: FaultFigures | null): void {
  const rows: [string, string][] = [
    ['load: servers x annotators, seconds', `${load.servers} x ${fmt(load.annotators)}, ${load.seconds} s (think ${load.think_s.join('-')} s)`],
    ['load: cycles/s', fmt(load.cycles_per_s, 1)],
    ['load: claim p50 / p99 ms (after the ramp)', `${fmt(load.claim_p50_ms, 1)} / ${fmt(load.claim_p99_ms, 1)}  (target p99 <= 50)`],
    ['load: submit p50 / p99 ms', `${fmt(load.submit_p50_ms, 1)} / ${fmt(load.submit_p99_ms, 1)}  (target p99 <= 50)`],
    ['load: errors', `${load.errors}${load.error_messages.length ? `  (${load.error_messages.join('; ')})` : ''}`],
    ['load: double leases (clients / db)', `${load.double_leases} / ${load.db_tasks_by_two_people}`],
    ['load: dashboards: clients, events, fan-out p50/p99 ms', `${load.sse_clients}, ${fmt(load.sse_events)}, ${fmt(load.sse_fanout_ms_p50)} / ${fmt(load.sse_fanout_ms_p99)}`],
    ['load: generator stall p99 ms', fmt(load.generator_stall_p99_ms, 1)],
  ];
  if (faults) {
    rows.push(
      ['faults: kill -9 cycles, outage s', `${faults.kill_cycles}, ${faults.outage_s.join(' / ')}`],
      ['faults: acknowledged, lost', `${fmt(faults.acknowledged)}, ${faults.acknowledged_lost}`],
      ['faults: double leases, half-written', `${faults.double_leases}, ${faults.half_written}`],
      ['faults: leases walked away, returned, stuck', `${faults.leases_walked_away}, ${faults.leases_returned}, ${faults.leases_stuck}`],
      ['faults: unexpected answers', String(faults.unexpected_answers)],
    );
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log('');
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  console.log('');
}
