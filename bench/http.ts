// HTTP phase: one Cadre server (startCadre, loopback only) and the load generator in a worker thread.
import { loadConfig, startCadre, type Actor, type ServiceDeps } from '@cadre/server';
import { startBareServer, type BareServer } from './bare-server.ts';
import type { LoadOptions, LoadResult } from './load.ts';
import { runWorker } from './load-worker.ts';
import { createAnnotators, createProject, fillProject, settle } from './setup.ts';
import { log, percentile } from './stats.ts';

export interface HttpPlan {
  annotators: number; tasks: number; seconds: number; herdSeconds: number; saturationSeconds: number; saturationConnections: number;
  /** Wraps each measured saturation run ('cadre', 'bare'): http-alone.ts profiles the server there. */
  around?: <T>(name: 'cadre' | 'bare', run: () => Promise<T>) => Promise<T>;
}

/** Saturation runs in turns of at least this many seconds on each server, alternating (at most 3 turns). */
const MIN_TURN_S = 10;

/** Annotators join over this many seconds, as a shift does; the shift-start phase packs them into one. */
const RAMP_S = 10;

export interface HttpResult {
  annotators: number; cyclesPerS: number; claimP50: number; claimP99: number; submitP50: number; submitP99: number;
  errors: number; messages: string[]; empty: number; saturationCyclesPerS: number; saturationClaimP99: number;
  saturationSubmitP99: number; saturationErrors: number; saturationMessages: string[]; poolSize: number;
  saturationClaimP50: number; saturationSubmitP50: number;
  /** The same saturation load on the bare server (bare-server.ts): the limit Cadre is compared with. */
  bare: { cyclesPerS: number; claimP50: number; claimP99: number; submitP50: number; submitP99: number; errors: number; messages: string[] };
  /** p99 of requests started after the first 10 s (all annotators in, pools and caches warm). */
  claimP99After10s: number; submitP99After10s: number;
  /** p99 per 10-second window, to show where a tail comes from. */
  windows: { from: number; claimP99: number; submitP99: number }[];
  /** Shift start: all annotators within 1 s at a fresh server. */
  herdClaimP99: number; herdSubmitP99: number; herdClaimP99AfterFirst2s: number;
}

/** Several runs' figures as one run's. */
function merged(runs: LoadResult[]): LoadResult {
  const sum = (f: (r: LoadResult) => number) => runs.reduce((a, r) => a + f(r), 0);
  return {
    cycles: sum((r) => r.cycles), drained: sum((r) => r.drained), seconds: sum((r) => r.seconds), empty: sum((r) => r.empty), errors: sum((r) => r.errors),
    claimMs: runs.flatMap((r) => r.claimMs), submitMs: runs.flatMap((r) => r.submitMs), claimAt: runs.flatMap((r) => r.claimAt), submitAt: runs.flatMap((r) => r.submitAt),
    messages: [...new Set(runs.flatMap((r) => r.messages))].slice(0, 5),
    generatorStallP99Ms: Math.max(...runs.map((r) => r.generatorStallP99Ms)), generatorStallMaxMs: Math.max(...runs.map((r) => r.generatorStallMaxMs)),
  };
}

/**
 * Cycles/s under saturation, counted as finished requests (claims and submits) over two: with no
 * think time and slow answers, counting whole cycles would lose every cycle still in flight at the
 * end of a turn (up to one per connection), and more of them the slower the server.
 */
function saturationRate(r: LoadResult): number {
  const done = (ms: number[], at: number[]) => ms.filter((m, i) => at[i]! + m / 1000 <= r.seconds).length;
  return (done(r.claimMs, r.claimAt) + done(r.submitMs, r.submitAt)) / 2 / r.seconds;
}

const after = (ms: number[], at: number[], from: number, to = Infinity) => ms.filter((_, i) => at[i]! >= from && at[i]! < to);

export async function httpPhase(deps: ServiceDeps, admin: Actor, databaseUrl: string, plan: HttpPlan): Promise<HttpResult> {
  const projectId = await createProject(deps, admin, 'bench http');
  await fillProject(deps, admin, projectId, plan.tasks);
  const users = Math.max(plan.annotators, plan.saturationConnections);
  log(`creating ${users} annotators (scrypt passwords, memberships, API tokens)`);
  const people = await createAnnotators(deps, admin, projectId, users, 'http');
  const tokens = people.map((p) => p.token);
  await settle(deps);
  // The app as it ships: its config defaults (pool of 30), bound to loopback on a free port.
  const config = loadConfig({ DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: '0', CADRE_DEMO: 'false' });
  const base = { projectId, maxCycles: plan.tasks };
  const annotators = tokens.slice(0, plan.annotators);
  const around = plan.around ?? ((_, run) => run());
  const saturation = (origin: string, seconds: number): LoadOptions => ({
    ...base, origin, tokens: tokens.slice(0, plan.saturationConnections), seconds, thinkMs: [0, 0], connections: plan.saturationConnections, rampMs: 0,
  });

  // A whole shift arriving in the same second at a freshly started server: the worst case.
  // (http-alone.ts skips a phase given 0 seconds.)
  const skipped: LoadResult = { cycles: 0, drained: 0, seconds: 1, claimMs: [], submitMs: [], claimAt: [], submitAt: [], errors: 0, messages: [], empty: 0, generatorStallP99Ms: 0, generatorStallMaxMs: 0 };
  let runtime = await startCadre(config);
  log(`shift start: ${plan.annotators} annotators within 1 s at a fresh server, ${plan.herdSeconds} s`);
  const herd = plan.herdSeconds > 0
    ? await runWorker({ ...base, origin: runtime.url, tokens: annotators, seconds: plan.herdSeconds, thinkMs: [1000, 3000], connections: 256, rampMs: 1000 })
    : skipped;
  await runtime.stop();

  runtime = await startCadre(config);
  let bareServer: BareServer | undefined;
  let bare: HttpResult['bare'];
  try {
    log(`server at ${runtime.url}: ${plan.annotators} annotators joining over ${RAMP_S} s, think 1-3 s, ${plan.seconds} s`);
    const a = plan.seconds > 0
      ? await runWorker({ ...base, origin: runtime.url, tokens: annotators, seconds: plan.seconds, thinkMs: [1000, 3000], connections: 256, rampMs: RAMP_S * 1000 })
      : skipped;
    // Cadre and the bare server take turns, so a change in the machine's load (it is
    // shared) lands on both alike and their ratio stays fair. Both run in this thread; the idle one costs nothing.
    bareServer = await startBareServer(databaseUrl, new Map(people.map((p) => [p.token, p.actor.userId])), config.poolSize);
    const turnCount = Math.max(1, Math.min(3, Math.floor(plan.saturationSeconds / MIN_TURN_S)));
    const slice = plan.saturationSeconds / turnCount;
    log(`saturation: ${plan.saturationConnections} connections, no think time, ${turnCount} turn(s) of ${slice} s each on Cadre and the bare server`);
    // Unmeasured first: JIT, pools and caches warm on both.
    await runWorker(saturation(runtime.url, 1));
    await runWorker(saturation(bareServer.url, 1));
    const turns: { s: LoadResult; b: LoadResult }[] = [];
    for (let i = 0; i < turnCount; i++) {
      const s = await around('cadre', () => runWorker(saturation(runtime.url, slice)));
      const b = await around('bare', () => runWorker(saturation(bareServer!.url, slice)));
      turns.push({ s, b });
    }
    const s = merged(turns.map((t) => t.s));
    const b = merged(turns.map((t) => t.b));
    const rate = (rs: LoadResult[]) => rs.reduce((a, r) => a + saturationRate(r) * r.seconds, 0) / rs.reduce((a, r) => a + r.seconds, 0);
    bare = {
      cyclesPerS: rate(turns.map((t) => t.b)), claimP50: percentile(b.claimMs, 50), claimP99: percentile(b.claimMs, 99),
      submitP50: percentile(b.submitMs, 50), submitP99: percentile(b.submitMs, 99), errors: b.errors, messages: b.messages,
    };
    return {
      annotators: plan.annotators, cyclesPerS: a.cycles / a.seconds,
      claimP50: percentile(a.claimMs, 50), claimP99: percentile(a.claimMs, 99),
      submitP50: percentile(a.submitMs, 50), submitP99: percentile(a.submitMs, 99),
      errors: a.errors + herd.errors, messages: [...a.messages, ...herd.messages.map((m) => `shift start: ${m}`)], empty: a.empty,
      saturationCyclesPerS: rate(turns.map((t) => t.s)), saturationClaimP99: percentile(s.claimMs, 99),
      saturationSubmitP99: percentile(s.submitMs, 99), saturationClaimP50: percentile(s.claimMs, 50), saturationSubmitP50: percentile(s.submitMs, 50), saturationErrors: s.errors, saturationMessages: s.messages, poolSize: config.poolSize,
      claimP99After10s: percentile(after(a.claimMs, a.claimAt, 10), 99), submitP99After10s: percentile(after(a.submitMs, a.submitAt, 10), 99),
      windows: Array.from({ length: Math.ceil(plan.seconds / 10) }, (_, w) => ({
        from: w * 10,
        claimP99: percentile(after(a.claimMs, a.claimAt, w * 10, w * 10 + 10), 99),
        submitP99: percentile(after(a.submitMs, a.submitAt, w * 10, w * 10 + 10), 99),
      })),
      herdClaimP99: percentile(herd.claimMs, 99), herdSubmitP99: percentile(herd.submitMs, 99),
      herdClaimP99AfterFirst2s: percentile(after(herd.claimMs, herd.claimAt, 2), 99),
      bare,
    };
  } finally {
    await runtime.stop();
    await bareServer?.stop();
  }
}
