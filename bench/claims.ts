// Claim phases: Cadre's dispenser.claimNext against the bare SQL claim, same pool, same clients.
// Each claimer is its own annotator. A person may hold at most maxHeldTasks (10 here) leases, so
// both variants complete a claimer's held tasks with one UPDATE after every 10 claims: the same
// extra work on both sides, amortised to a tenth of a statement per claim.
import type pg from 'pg';
import { dispenser, type Actor, type ServiceDeps } from '@cadre/server';
import { percentile, sleep } from './stats.ts';

export const HELD = 10;

export const RAW_CLAIM = `UPDATE tasks SET status='leased', assignee_id=$1, lease_expires_at=now()+interval '30 min'
  WHERE id = (SELECT id FROM tasks WHERE project_id=$2 AND stage='annotate' AND status='open'
              ORDER BY priority DESC, id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING *`;

const COMPLETE = `UPDATE tasks SET status='done', lease_expires_at=NULL, updated_at=now() WHERE id = ANY($1::uuid[])`;

export interface ClaimResult { clients: number; claims: number; seconds: number; perS: number; p50: number; p99: number; empty: number }

/** Takes one task for the actor; returns its id, or null when the queue is empty. */
export type Claim = (actor: Actor) => Promise<string | null>;

export const cadreClaim = (deps: ServiceDeps, projectId: string): Claim =>
  async (actor) => (await dispenser.claimNext(deps, actor, projectId))?.id ?? null;

export const rawClaim = (pool: pg.Pool, projectId: string): Claim =>
  async (actor) => (await pool.query<{ id: string }>(RAW_CLAIM, [actor.userId, projectId])).rows[0]?.id ?? null;

/** Runs one claimer per actor until `seconds` pass or `maxClaims` are taken in all. */
export async function claimLoop(pool: pg.Pool, actors: Actor[], claim: Claim, seconds: number, maxClaims: number): Promise<ClaimResult> {
  const latencies: number[] = [];
  let claims = 0;
  let empty = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const claimer = async (actor: Actor) => {
    const held: string[] = [];
    while (performance.now() < deadline && claims < maxClaims) {
      const t0 = performance.now();
      const id = await claim(actor);
      latencies.push(performance.now() - t0);
      if (id === null) { empty++; break; }
      claims++;
      held.push(id);
      if (held.length >= HELD) await pool.query(COMPLETE, [held.splice(0)]);
    }
    if (held.length > 0) await pool.query(COMPLETE, [held]);
  };
  await Promise.all(actors.map(claimer));
  const elapsed = (performance.now() - start) / 1000;
  return { clients: actors.length, claims, seconds: elapsed, perS: claims / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), empty };
}

/** A short unmeasured run first (plans cached, connections open), then a clean queue index, then the measured run. */
export async function claimPhase(pool: pg.Pool, actors: Actor[], claim: Claim, seconds: number, maxClaims: number): Promise<ClaimResult> {
  await claimLoop(pool, actors, claim, 0.5, Math.min(2000, maxClaims / 10));
  await pool.query('VACUUM (ANALYZE) tasks');
  await sleep(200);
  return claimLoop(pool, actors, claim, seconds, maxClaims);
}
