// HTTP phase: one Cadre server (startCadre, loopback only) and the load generator in a worker thread.
import { Worker } from 'node:worker_threads';
import { loadConfig, startCadre, type Actor, type ServiceDeps } from '@cadre/server';
import type { LoadOptions, LoadResult } from './load.ts';
import { createAnnotators, createProject, fillProject, settle } from './setup.ts';
import { log, percentile } from './stats.ts';

export interface HttpPlan { annotators: number; tasks: number; seconds: number; herdSeconds: number; saturationSeconds: number; saturationConnections: number }

/** Annotators join over this many seconds, as a shift does; the shift-start phase packs them into one. */
const RAMP_S = 10;

export interface HttpResult {
  annotators: number; cyclesPerS: number; claimP50: number; claimP99: number; submitP50: number; submitP99: number;
  errors: number; messages: string[]; empty: number; saturationCyclesPerS: number; saturationClaimP99: number;
  saturationSubmitP99: number; saturationErrors: number; saturationMessages: string[]; poolSize: number;
  /** p99 of requests started after the first 10 s (all annotators in, pools and caches warm). */
  claimP99After10s: number; submitP99After10s: number;
  /** p99 per 10-second window, to show where a tail comes from. */
  windows: { from: number; claimP99: number; submitP99: number }[];
  /** Shift start: all annotators within 1 s at a fresh server. */
  herdClaimP99: number; herdSubmitP99: number; herdClaimP99AfterFirst2s: number;
}

const after = (ms: number[], at: number[], from: number, to = Infinity) => ms.filter((_, i) => at[i]! >= from && at[i]! < to);

/** Runs load.ts in a worker; tsx is registered inside it because workers do not inherit loader hooks. */
function runWorker(o: LoadOptions): Promise<LoadResult> {
  const tsx = import.meta.resolve('tsx/esm/api');
  const load = new URL('./load.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(load)}); })`;
  // A roomy young generation: the generator's short-lived garbage dies there instead of
  // triggering old-generation collections that would pause it and inflate what it measures.
  const worker = new Worker(code, { eval: true, workerData: o, resourceLimits: { maxYoungGenerationSizeMb: 256 } });
  return new Promise((resolve, reject) => {
    worker.once('message', (r: LoadResult) => { resolve(r); void worker.terminate(); });
    worker.once('error', reject);
    worker.once('exit', (c) => reject(new Error(`load worker exited (${c}) without a result`)));
  });
}

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

  // A whole shift arriving in the same second at a freshly started server: the worst case.
  let runtime = await startCadre(config);
  log(`shift start: ${plan.annotators} annotators within 1 s at a fresh server, ${plan.herdSeconds} s`);
  const herd = await runWorker({ ...base, origin: runtime.url, tokens: annotators, seconds: plan.herdSeconds, thinkMs: [1000, 3000], connections: 256, rampMs: 1000 });
  await runtime.stop();

  runtime = await startCadre(config);
  try {
    log(`server at ${runtime.url}: ${plan.annotators} annotators joining over ${RAMP_S} s, think 1-3 s, ${plan.seconds} s`);
    const a = await runWorker({ ...base, origin: runtime.url, tokens: annotators, seconds: plan.seconds, thinkMs: [1000, 3000], connections: 256, rampMs: RAMP_S * 1000 });
    log(`saturation: ${plan.saturationConnections} connections, no think time, ${plan.saturationSeconds} s`);
    const s = await runWorker({
      ...base, origin: runtime.url, tokens: tokens.slice(0, plan.saturationConnections), seconds: plan.saturationSeconds, thinkMs: [0, 0],
      connections: plan.saturationConnections, rampMs: 0,
    });
    return {
      annotators: plan.annotators, cyclesPerS: a.cycles / a.seconds,
      claimP50: percentile(a.claimMs, 50), claimP99: percentile(a.claimMs, 99),
      submitP50: percentile(a.submitMs, 50), submitP99: percentile(a.submitMs, 99),
      errors: a.errors + herd.errors, messages: [...a.messages, ...herd.messages.map((m) => `shift start: ${m}`)], empty: a.empty,
      saturationCyclesPerS: s.cycles / s.seconds, saturationClaimP99: percentile(s.claimMs, 99),
      saturationSubmitP99: percentile(s.submitMs, 99), saturationErrors: s.errors, saturationMessages: s.messages, poolSize: config.poolSize,
      claimP99After10s: percentile(after(a.claimMs, a.claimAt, 10), 99), submitP99After10s: percentile(after(a.submitMs, a.submitAt, 10), 99),
      windows: Array.from({ length: Math.ceil(plan.seconds / 10) }, (_, w) => ({
        from: w * 10,
        claimP99: percentile(after(a.claimMs, a.claimAt, w * 10, w * 10 + 10), 99),
        submitP99: percentile(after(a.submitMs, a.submitAt, w * 10, w * 10 + 10), 99),
      })),
      herdClaimP99: percentile(herd.claimMs, 99), herdSubmitP99: percentile(herd.submitMs, 99),
      herdClaimP99AfterFirst2s: percentile(after(herd.claimMs, herd.claimAt, 2), 99),
    };
  } finally {
    await runtime.stop();
  }
}
