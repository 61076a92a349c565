// Failed sign-in counts per key, in fixed windows; the rules about them live in the server's login-throttle service.
import { sql } from 'kysely';
import type { Db } from '../connection.ts';

export interface FailureCount { failures: number; retryAfterSeconds: number }

/**
 * Counts one more attempt for `key` in one statement, so concurrent attempts from several processes
 * each get their own number; a window older than `windowSeconds` starts over at 1.
 */
export async function countAttempt(db: Db, key: string, windowSeconds: number): Promise<FailureCount> {
  const expired = sql<boolean>`login_failures.window_started_at <= now() - make_interval(secs => ${windowSeconds})`;
  const row = await db.insertInto('login_failures')
    .values({ key, failures: 1, window_started_at: sql`now()` })
    .onConflict((oc) => oc.column('key').doUpdateSet({
      failures: sql`CASE WHEN ${expired} THEN 1 ELSE login_failures.failures + 1 END`,
      window_started_at: sql`CASE WHEN ${expired} THEN now() ELSE login_failures.window_started_at END`,
    }))
    .returning([
      'failures',
      sql<number>`ceil(extract(epoch FROM window_started_at + make_interval(secs => ${windowSeconds}) - now()))::int`.as('retry_after'),
    ])
    .executeTakeFirstOrThrow();
  return { failures: row.failures, retryAfterSeconds: Math.max(1, row.retry_after) };
}

/** Takes back one counted attempt (a sign-in that succeeded is no failure). */
export async function uncountAttempt(db: Db, key: string): Promise<void> {
  await db.updateTable('login_failures').set({ failures: sql`greatest(failures - 1, 0)` }).where('key', '=', key).execute();
}

export async function clear(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', key).execute();
}

/** Drops windows that ended, so sprayed unknown emails do not pile up. */
export async function deleteExpired(db: Db, windowSeconds: number): Promise<void> {
  await db.deleteFrom('login_failures').where('window_started_at', '<', sql<Date>`now() - make_interval(secs => ${windowSeconds})`).execute();
}
