// The load phase: 1,000 simulated annotators for 10 minutes against two `cadre serve` processes on
// one PostgreSQL, with the live dashboards open on both. Each annotator sticks to one process (half
// on each), claims a task, thinks for a while as a person labelling an image does, and submits.
// Figures: latency per route after the ramp, errors, whether any task was leased twice at once
// (from what the clients saw, and in the database afterwards), and how the dashboards kept up.
import type pg from 'pg';
import { doubleLeases } from './lease-check.ts';
import { doubleSubmits, halfWritten } from './integrity.ts';
import type { LoadOptions, LoadResult } from './load.ts';
import { bucketDelta, eventLoopLag, scrapeBuckets, serverFigures } from './server-metrics.ts';
import { runWorker } from './load-worker.ts';
import { cpuSeconds, postgresCpuSeconds, type Shift } from './load-setup.ts';
import type { CadreChild } from './cadre-child.ts';
import type { ProbeSpec, StreamSpec } from './sse-clients.ts';
import { log, percentile, round } from './stats.ts';

export interface LoadPlan {
  annotators: number; seconds: number; thinkS: [number, number]; rampS: number;
  /** The project's lease (the default, 1,800 s): a lease is held for certain at most this long. */
  leaseSeconds: number;
  /** Dashboards open on each process: the manager's view twice and the client's once (plus a probe's own). */
  adminStreams: number; clientStreams: number;
  /** How often each fan-out probe submits. */
  probeEveryS: number;
}

export interface RouteFigures { n: number; p50_ms: number; p99_ms: number }

const route = (ms: readonly number[]): RouteFigures => ({ n: ms.length, p50_ms: round(percentile(ms, 50), 1), p99_ms: round(percentile(ms, 99), 1) });

/** Streams and probes on both processes: a probe submits on one and watches its own dashboard on the other. */
function dashboards(plan: LoadPlan, projectId: string, shift: Shift, pair: readonly CadreChild[]): { streams: StreamSpec[]; probes: ProbeSpec[] } {
  const path = (view: string) => `/api/projects/${projectId}/dashboard/${view}/stream`;
  const streams: StreamSpec[] = pair.flatMap((c, s) => [
    ...Array.from({ length: plan.adminStreams }, (_, i) => ({ label: `admin ${s}.${i}`, origin: c.base, path: path('admin'), token: shift.adminToken })),
    ...Array.from({ length: plan.clientStreams }, (_, i) => ({ label: `client ${s}.${i}`, origin: c.base, path: path('client'), token: shift.clientToken })),
  ]);
  const probes: ProbeSpec[] = shift.probes.map((p, i) => {
    const via = pair[i % 2]!, other = pair[(i + 1) % 2]!;
    return {
      label: `submit on ${via.port}, dashboard on ${other.port}`, submitVia: via.base, token: p.token, everyMs: plan.probeEveryS * 1000,
      watch: { label: `probe ${i} me`, origin: other.base, path: path('me'), token: p.token },
    };
  });
  return { streams, probes };
}

/** Each dashboard view built `n` times in a row through the plain GET on one process after the load: median ms. */
async function dashboardBuilds(origin: string, projectId: string, shift: Shift, n = 5): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const views: [string, string][] = [['admin', shift.adminToken], ['client', shift.clientToken], ['me', shift.probes[0]!.token]];
  for (const [view, token] of views) {
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const res = await fetch(`${origin}/api/projects/${projectId}/dashboard/${view}`, { headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      if (res.ok) ms.push(performance.now() - t0);
    }
    out[view] = round(percentile(ms, 50), 1);
  }
  return out;
}

export async function loadPhase(pool: pg.Pool, projectId: string, shift: Shift, pair: readonly CadreChild[], plan: LoadPlan, scratchDir: string) {
  const tokens = shift.people.slice(0, plan.annotators).map((p) => p.token);
  const { streams, probes } = dashboards(plan, projectId, shift, pair);
  const o: LoadOptions = {
    origin: pair[0]!.base, origins: pair.map((c) => c.base), projectId, tokens, seconds: plan.seconds,
    thinkMs: [plan.thinkS[0] * 1000, plan.thinkS[1] * 1000], connections: 64, rampMs: plan.rampS * 1000, maxCycles: Number.MAX_SAFE_INTEGER,
    record: true, streams, probes,
  };
  log(`load: ${plan.annotators} annotators on ${pair.length} processes, think ${plan.thinkS[0]}-${plan.thinkS[1]} s, joining over ${plan.rampS} s, ${plan.seconds} s; ${streams.length + probes.length} dashboards open`);
  const cpu0 = [...pair.map((c) => cpuSeconds(c.child.pid)), postgresCpuSeconds(scratchDir), process.cpuUsage()];
  const metricsBefore = await Promise.all(pair.map((c) => scrapeBuckets(c.base)));
  const t0 = performance.now();
  const r = await runWorker(o);
  const lag = await Promise.all(pair.map((c) => eventLoopLag(c.base))); // first: a scrape resets it
  const metricsAfter = await Promise.all(pair.map((c) => scrapeBuckets(c.base)));
  const wall = (performance.now() - t0) / 1000;
  const pct = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? null : round((100 * (b - a)) / wall, 0));
  const bench = process.cpuUsage(cpu0[3] as NodeJS.CpuUsage);
  const cpu = {
    servers: pair.map((c, i) => pct(cpu0[i] as number | null, cpuSeconds(c.child.pid))),
    postgres: pct(cpu0[2] as number | null, postgresCpuSeconds(scratchDir)),
    load_generator: round((100 * (bench.user + bench.system)) / 1e6 / wall, 0),
  };
  const builds = await dashboardBuilds(pair[0]!.base, projectId, shift);
  // The servers' own view (ramp included): where the generator's p99 differs, the difference is not the server's.
  const delta = bucketDelta(metricsBefore, metricsAfter);
  const measured_by_servers = {
    claim: serverFigures(delta, 'POST /api/projects/:projectId/tasks/next'),
    submit: serverFigures(delta, 'POST /api/tasks/:taskId/submit'),
    event_loop_lag: lag,
  };
  return { ...await figures(pool, projectId, plan, r, streams.length + probes.length), cpu_percent: cpu, dashboard_build_ms: builds, measured_by_servers };
}

async function figures(pool: pg.Pool, projectId: string, plan: LoadPlan, r: LoadResult, sseClients: number) {
  const steady = (ms: number[], at: number[]) => ms.filter((_, i) => at[i]! >= plan.rampS);
  const claim = steady(r.claimMs, r.claimAt);
  const submit = steady(r.submitMs, r.submitAt);
  const doubles = doubleLeases(r.leases ?? [], plan.leaseSeconds * 1000, plan.seconds * 1000 + 60_000);
  const db = await doubleSubmits(pool, projectId);
  const broken = await halfWritten(pool, projectId);
  const streams = [...(r.streams ?? []), ...(r.probes ?? []).map((p) => p.stream)];
  const fanout = (r.probes ?? []).flatMap((p) => p.fanoutMs);
  const windows = Array.from({ length: Math.ceil(plan.seconds / 60) }, (_, w) => {
    const inside = (ms: number[], at: number[]) => ms.filter((_, i) => at[i]! >= w * 60 && at[i]! < w * 60 + 60);
    return { from_s: w * 60, claim_p99_ms: round(percentile(inside(r.claimMs, r.claimAt), 99), 1), submit_p99_ms: round(percentile(inside(r.submitMs, r.submitAt), 99), 1) };
  });
  return {
    servers: 2, annotators: plan.annotators, seconds: plan.seconds, think_s: plan.thinkS, ramp_s: plan.rampS,
    cycles: r.cycles, cycles_per_s: round(r.cycles / plan.seconds, 1),
    errors: r.errors, error_messages: r.messages, empty_claims: r.empty,
    claim_p50_ms: round(percentile(claim, 50), 1), claim_p99_ms: round(percentile(claim, 99), 1),
    submit_p50_ms: round(percentile(submit, 50), 1), submit_p99_ms: round(percentile(submit, 99), 1),
    per_route: {
      'POST /api/projects/:id/tasks/next': route(claim),
      'POST /api/tasks/:id/submit': route(submit),
      'GET /api/projects/:id/dashboard/:view/stream (connect)': route(streams.flatMap((s) => s.connectMs)),
    },
    claim_p99_ms_during_ramp: round(percentile(r.claimMs.filter((_, i) => r.claimAt[i]! < plan.rampS), 99), 1),
    windows,
    double_leases: doubles.length,
    double_lease_examples: doubles.slice(0, 3),
    db_tasks_by_two_people: db.people, db_tasks_submitted_twice: db.submissions,
    half_written: Object.values(broken).reduce((a, b) => a + b, 0),
    sse_clients: sseClients, sse_events: streams.reduce((a, s) => a + s.events, 0),
    sse_reconnects: streams.reduce((a, s) => a + s.reconnects, 0), sse_errors: [...new Set(streams.flatMap((s) => s.errors))].slice(0, 5),
    sse_fanout_ms_p50: round(percentile(fanout, 50), 0), sse_fanout_ms_p99: round(percentile(fanout, 99), 0),
    sse_fanout_probes: fanout.length, sse_fanout_unseen: (r.probes ?? []).reduce((a, p) => a + p.unseen, 0),
    generator_stall_p99_ms: round(r.generatorStallP99Ms, 1), generator_stall_max_ms: round(r.generatorStallMaxMs, 1),
  };
}

export type LoadFigures = Awaited<ReturnType<typeof loadPhase>>;
