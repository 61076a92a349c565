import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

/** A pool or one checked-out client: what hot statements run on, as named prepared statements. */
export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export interface ConnectOptions {
  url: string;
  /** Pool size; the HTTP server and bench raise it. */
  max?: number;
}

// bigint (int8) arrives as a string by default; counts and ids fit a JS number here.
pg.types.setTypeParser(20, (v) => Number(v));

export function connect(options: ConnectOptions): { db: Db; pool: pg.Pool } {
  // Idle connections stay open: under bursty load (people think, then submit) a pool that closes
  // them after a few idle seconds keeps reconnecting, and each new connection costs a backend fork,
  // SCRAM authentication and re-preparing every hot statement: stalls of 100-300 ms every 20 s.
  const pool = new pg.Pool({ connectionString: options.url, max: options.max ?? 20, idleTimeoutMillis: 10 * 60_000 });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => undefined);
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), pool };
}

/** Runs `fn` in a transaction on one pooled connection (for hot paths that use prepared statements). */
export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/**
 * A Kysely view of one connection already held (inside `withTransaction`), so repository functions
 * run in that transaction next to the hot path's prepared statements.
 */
export function kyselyOn(client: pg.PoolClient): Db {
  const connection = { query: (...args: unknown[]) => (client.query as (...a: unknown[]) => unknown)(...args), release: () => undefined };
  const held = { connect: async () => connection, end: async () => undefined };
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: held as unknown as pg.Pool }) });
}
