// The job runtime: graphile-worker on Cadre's own database, in its own schema (`cadre_jobs`). Every
// machine job is one queue job keyed by the machine job's id; the server process runs a runner by
// default and `cadre worker` processes run more. Retries: graphile-worker's (max attempts, its
// exponential backoff of e^attempt seconds). Crash recovery: graphile-worker keeps a dead worker's
// job locked for 4 hours, so each runner beats a heartbeat on the jobs it runs (machine_jobs.updated_at,
// every few seconds, also while a slow model works) and releases, with forceUnlockWorkers, the queue
// workers whose running jobs' heartbeat stopped `staleSeconds` ago: a killed worker's job is picked
// up again within about that time. Nothing runs twice for good: each item's prediction is stored at
// most once per model (a unique key), and a task is moved only under the lease that took it.
import { EventEmitter } from 'node:events';
import { Logger, makeWorkerUtils, run, type Runner, type WorkerEvents, type WorkerUtils } from 'graphile-worker';
import { machineJobs, sidePool } from '@cadre/db';
import type { MediaConfig } from '../../media/index.ts';
import type { ServiceDeps } from '../context.ts';
import { runMachineJob, type JobProgress } from './run-job.ts';

export const QUEUE_SCHEMA = 'cadre_jobs';
const TASK = 'cadre_machine_job';
/** Attempts of one job before it ends failed (e^1 … e^7 s apart: about 20 minutes in all). */
export const MAX_ATTEMPTS = 8;

const logger = new Logger(() => (level, message) => {
  if (level === 'error') process.stderr.write(`cadre jobs: ${message}\n`);
});

const queues = new WeakMap<ServiceDeps['pool'], Promise<WorkerUtils>>();

/** The queue on this database, its schema made or brought up to date once per pool. */
export function jobQueue(deps: ServiceDeps): Promise<WorkerUtils> {
  let q = queues.get(deps.pool);
  if (!q) {
    q = makeWorkerUtils({ pgPool: deps.pool, schema: QUEUE_SCHEMA, logger }).then(async (u) => { await u.migrate(); return u; });
    queues.set(deps.pool, q);
    q.catch(() => queues.delete(deps.pool));
  }
  return q;
}

/** Queues a machine job to run (once: keyed by its id). */
export async function enqueueMachineJob(deps: ServiceDeps, jobId: string): Promise<void> {
  await (await jobQueue(deps)).addJob(TASK, { jobId }, { jobKey: jobId, maxAttempts: MAX_ATTEMPTS });
}

export interface JobRunnerOptions {
  /** Jobs run at once in this process (default 1). */
  concurrency?: number;
  media: MediaConfig;
  /** A running job whose heartbeat stopped this long ago has lost its worker (default 30). */
  staleSeconds?: number;
  /** Called after each item and when a job starts or ends (the CLI prints progress lines). */
  onProgress?: (p: JobProgress) => void;
  /** Called on each heartbeat (every staleSeconds / 4): the server queues learning rounds that are due. */
  onBeat?: () => Promise<unknown>;
}

export interface JobRunner {
  stop(): Promise<void>;
}

/** Starts running machine jobs in this process; stop() lets the running item finish first. */
export async function startJobRunner(deps: ServiceDeps, o: JobRunnerOptions): Promise<JobRunner> {
  const staleSeconds = o.staleSeconds ?? 30;
  const running = new Set<string>();
  const ownWorkers: string[] = [];
  const events: WorkerEvents = new EventEmitter();
  events.on('worker:create', ({ worker }) => { ownWorkers.push(worker.workerId); });
  let stopped = false;
  // The runner holds a LISTEN connection for as long as it runs: it gets a pool of its own, so that
  // closing the server's pool never waits on a connection the runner failed to hand back (a database
  // restart), and stopping is bounded.
  const pool = sidePool(deps.pool, (o.concurrency ?? 1) + 2);
  const start = (): Promise<Runner> => run({
    pgPool: pool, schema: QUEUE_SCHEMA, logger, events, concurrency: o.concurrency ?? 1, noHandleSignals: true, pollInterval: 1000,
    taskList: {
      [TASK]: async (payload, helpers) => {
        const { jobId } = payload as { jobId: string };
        running.add(jobId);
        try {
          await runMachineJob(deps, jobId, {
            media: o.media, signal: helpers.abortSignal, attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts,
            ...(o.onProgress ? { onProgress: o.onProgress } : {}),
          });
        } finally {
          running.delete(jobId);
        }
      },
    },
  });
  // The runner ends with an error when its database goes away (a restart, an outage), and cannot start
  // while it is away: the process serves on (503s meanwhile) and the runner starts again once the
  // database answers. Starting is never awaited by the caller, so a server whose database goes away
  // while it starts up keeps serving too.
  let runner: Runner | null = null;
  const keepRunning = async (): Promise<void> => {
    while (!stopped) {
      try {
        await jobQueue(deps);
        const started = await start();
        runner = started;
        if (stopped) { await started.stop(); return; }
        await started.promise;
        return;
      } catch (e) {
        runner = null;
        if (stopped) return;
        process.stderr.write(`cadre jobs: the job runner stopped (${e instanceof Error ? e.message : String(e)}); starting again in 5 s\n`);
        await new Promise((r) => setTimeout(r, 5000).unref());
      }
    }
  };
  const running$ = keepRunning();
  const beat = async () => {
    await machineJobs.touchJobs(deps.db, [...running]);
    const dead = await machineJobs.workersOfStaleJobs(deps.db, QUEUE_SCHEMA, staleSeconds, ownWorkers);
    if (dead.length > 0) await (await jobQueue(deps)).forceUnlockWorkers(dead);
    await o.onBeat?.();
  };
  let beating = false;
  const tick = () => {
    if (beating) return;
    beating = true;
    // A failed beat (the database away a moment) is tried again at the next tick.
    beat().catch(() => undefined).finally(() => { beating = false; });
  };
  tick();
  const timer = setInterval(tick, Math.max(200, (staleSeconds * 1000) / 4));
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      const within = (p: Promise<unknown>) => Promise.race([p.catch(() => undefined), new Promise((r) => setTimeout(r, 5000).unref())]);
      await within((runner as Runner | null)?.stop() ?? Promise.resolve());
      await within(running$);
      await within(pool.end());
    },
  };
}
