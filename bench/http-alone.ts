// The HTTP phase alone, for profiling the claim -> submit cycle without the rest of the bench:
//   node --import tsx bench/http-alone.ts [saturation seconds, default 15] [tasks, default 100000]
// Saturation only (no shift start, no think-time phase), Cadre then the bare server; prints both.
// With CADRE_BENCH_PROFILE=DIR the server's thread is profiled during each saturation run
// (DIR/cadre-1.cpuprofile, DIR/bare-1.cpuprofile, ... one per turn; the load generator's worker is not
// in them); read them with profile-top.ts.
import { join } from 'node:path';
import { connect, migrateToLatest } from '@cadre/db';
import { profiled } from './cpu-profile.ts';
import { openBenchDatabase } from './database.ts';
import { httpPhase } from './http.ts';
import { createAdmin } from './setup.ts';
import { log, round } from './stats.ts';

const seconds = Number(process.argv[2] ?? 15);
const tasks = Number(process.argv[3] ?? 100_000);
const dir = process.env.CADRE_BENCH_PROFILE;
let turn = 0;
const database = await openBenchDatabase();
const { db, pool } = connect({ url: database.url, max: 4 });
try {
  await migrateToLatest(db);
  const deps = { db, pool };
  const admin = await createAdmin(deps);
  const h = await httpPhase(deps, admin, database.url, {
    annotators: 64, tasks, seconds: 0, herdSeconds: 0, saturationSeconds: seconds, saturationConnections: 64,
    ...(dir ? { around: <T>(name: string, run: () => Promise<T>) => profiled(join(dir, `${name}-${Math.floor(turn++ / 2) + 1}.cpuprofile`), run) } : {}),
  });
  log(`Cadre ${round(h.saturationCyclesPerS, 1)} cycles/s (claim p50/p99 ${round(h.saturationClaimP50)}/${round(h.saturationClaimP99)} ms, submit ${round(h.saturationSubmitP50)}/${round(h.saturationSubmitP99)} ms, errors ${h.saturationErrors} ${h.saturationMessages.join('; ')})`);
  log(`bare ${round(h.bare.cyclesPerS, 1)} cycles/s (claim p50/p99 ${round(h.bare.claimP50)}/${round(h.bare.claimP99)} ms, submit ${round(h.bare.submitP50)}/${round(h.bare.submitP99)} ms, errors ${h.bare.errors} ${h.bare.messages.join('; ')})`);
  log(`ratio ${round(h.saturationCyclesPerS / h.bare.cyclesPerS, 2)}`);
} finally {
  await db.destroy();
  await database.close();
}
