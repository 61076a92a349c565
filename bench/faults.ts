// The fault phase: the same two processes under a shorter, busier load, and one of them killed
// with SIGKILL three times in the middle of it, started again each time on the same port. The
// annotators of the dead process retry their submits with the same submission id (as the web app
// does); some walk away from their task instead, and its lease must come back after it expires.
// Afterwards the database is read: every acknowledged submit is there, no task was leased twice at
// once, nothing is half-written, and no lease outlived its expiry.
import type pg from 'pg';
import { killChild, restartChild, type CadreChild } from './cadre-child.ts';
import { doubleLeases } from './lease-check.ts';
import { abandonedLeases, acknowledgedLost, doubleSubmits, expiredLeasesLeft, halfWritten } from './integrity.ts';
import type { LoadOptions, LoadResult } from './load.ts';
import { runWorker } from './load-worker.ts';
import type { Annotator } from './setup.ts';
import { log, round, sleep } from './stats.ts';

export interface FaultPlan {
  annotators: number; seconds: number; thinkS: [number, number]; kills: number;
  /** The project's lease (at least 10 s); leases walked away from must be back within it plus the reaper's 15 s. */
  leaseSeconds: number;
  /** Share of the dead process's people whose submit was cut off who walk away from the task. */
  abandonShare: number;
}

/** The servers' lease reaper runs every 15 s; a lease is back at most this long after it expired (plus slack for a busy machine). */
const REAP_S = 15;
const SLACK_S = 5;
/** A restarted process serves at least this long before it is killed again. */
const MIN_UP_S = 10;

export async function faultPhase(pool: pg.Pool, projectId: string, people: readonly Annotator[], pair: CadreChild[], plan: FaultPlan) {
  const team = people.slice(0, plan.annotators);
  const o: LoadOptions = {
    origin: pair[0]!.base, origins: pair.map((c) => c.base), projectId, tokens: team.map((p) => p.token), seconds: plan.seconds,
    thinkMs: [plan.thinkS[0] * 1000, plan.thinkS[1] * 1000], connections: 64, rampMs: 2000, maxCycles: Number.MAX_SAFE_INTEGER,
    record: true, retryGraceMs: 30_000, abandonShare: plan.abandonShare, leaseMs: plan.leaseSeconds * 1000,
  };
  log(`faults: ${plan.annotators} annotators, think ${plan.thinkS[0]}-${plan.thinkS[1]} s, ${plan.seconds} s; kill -9 of ${pair[0]!.base} ${plan.kills} times`);
  const load = runWorker(o);
  const outages: number[] = [];
  const started = performance.now();
  let upSince = started;
  for (let k = 1; k <= plan.kills; k++) {
    // Evenly over the run, and each time after the restarted process served a while (a slow machine restarts slowly).
    await sleep(Math.max(started + (plan.seconds * 1000 * k) / (plan.kills + 1), upSince + MIN_UP_S * 1000) - performance.now());
    const t = performance.now();
    await killChild(pair[0]!);
    pair[0] = await restartChild(pair[0]!);
    upSince = performance.now();
    outages.push(round((upSince - t) / 1000, 1));
    log(`faults: killed and restarted (${k}/${plan.kills}); it answered again after ${outages.at(-1)} s`);
  }
  const r = await load;
  // Leases walked away from in the last outage need their expiry and a turn of the reaper.
  const lastWalkAway = Math.max(0, ...(r.abandoned ?? []).map((a) => a.at));
  const wait = started + lastWalkAway + (plan.leaseSeconds + REAP_S + SLACK_S) * 1000 - performance.now();
  log(`faults: ${r.abandoned?.length ?? 0} leases walked away from; waiting ${Math.max(0, Math.round(wait / 1000))} s more for them to expire and be reaped`);
  if (wait > 0) await sleep(wait);
  return figures(pool, projectId, team, plan, r, outages);
}

async function figures(pool: pg.Pool, projectId: string, team: readonly Annotator[], plan: FaultPlan, r: LoadResult, outages: number[]) {
  const leases = r.leases ?? [];
  const acked = leases.filter((l) => l.acked !== null && l.submissionId !== null).map((l) => ({ taskId: l.task, submissionId: l.submissionId! }));
  const abandoned = (r.abandoned ?? []).map((a) => ({ taskId: a.task, userId: team[a.who]!.actor.userId }));
  const back = await abandonedLeases(pool, abandoned);
  const broken = await halfWritten(pool, projectId);
  const db = await doubleSubmits(pool, projectId);
  const doubles = doubleLeases(leases, plan.leaseSeconds * 1000, plan.seconds * 1000 + 60_000);
  return {
    servers: 2, annotators: plan.annotators, seconds: plan.seconds, think_s: plan.thinkS, lease_seconds: plan.leaseSeconds,
    kill_cycles: outages.length, outage_s: outages,
    cycles: r.cycles, acknowledged: acked.length,
    acknowledged_lost: await acknowledgedLost(pool, acked),
    double_leases: doubles.length, double_lease_examples: doubles.slice(0, 3),
    db_tasks_by_two_people: db.people, db_tasks_submitted_twice: db.submissions,
    half_written: Object.values(broken).reduce((a, b) => a + b, 0), half_written_checks: broken,
    leases_walked_away: abandoned.length, leases_returned: back.returned, leases_stored_before_the_kill: back.storedAnyway,
    leases_returned_then_submitted: back.submittedLater,
    leases_walked_away_not_returned: back.stuck,
    leases_stuck: await expiredLeasesLeft(pool, projectId, REAP_S + SLACK_S),
    unexpected_answers: r.errors, error_messages: r.messages,
    answers: r.answers ?? {},
  };
}

export type FaultFigures = Awaited<ReturnType<typeof faultPhase>>;
