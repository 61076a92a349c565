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
  // A connection attempt to a server that is away (failover, a host gone) fails after 15 s instead of
  // hanging a request for the operating system's two minutes; TCP keep-alive finds half-open sockets.
  const pool = guarded(new pg.Pool({
    connectionString: options.url, max: options.max ?? 20, idleTimeoutMillis: 10 * 60_000, connectionTimeoutMillis: 15_000, keepAlive: true,
  }));
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), pool };
}

/** A second pool to the same database with the same settings (a job runner's own connections). */
export function sidePool(pool: pg.Pool, max: number): pg.Pool {
  return guarded(new pg.Pool({ ...(pool as unknown as { options: pg.PoolConfig }).options, max }));
}

function guarded(pool: pg.Pool): pg.Pool {
  // A connection lost while idle in the pool (server restart, pg_terminate_backend) must not crash the process.
  pool.on('error', () => undefined);
  // pg-pool listens for errors only on idle clients: one lost while checked out (a query in flight, a
  // transaction between statements, a LISTEN held open) emits 'error' with no listener, which kills the
  // process. The query itself still fails (the caller answers 503), and the pool drops the broken client.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
  '57P01', // admin_shutdown: pg_terminate_backend, or the server stopping
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, shutting down, in recovery
  '53300', // too_many_connections
]);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated', 'timeout exceeded when trying to connect', 'is not queryable', 'Cannot use a pool after calling end',
];

/**
 * True when `e` says the database could not be reached or the connection was lost (not that a
 * statement was wrong): the request may succeed when retried once the database is back.
 */
export function isDatabaseUnavailable(e: unknown, depth = 0): boolean {
  if (!(e instanceof Error) || depth > 4) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  if (UNAVAILABLE_MESSAGES.some((m) => e.message.includes(m))) return true;
  if (e instanceof AggregateError && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/**
 * The same pool seen through a gate that lets `width` statements or checked-out connections through
 * at a time; the rest wait their turn. For background reads (a dashboard rebuild runs a dozen
 * statements at once): ungated, each rebuild took every core of the database for a moment, and the
 * claims and submits that arrived then waited behind it.
 */
export function gated(pool: pg.Pool, width: number): { db: Db; pool: pg.Pool } {
  let running = 0;
  const waiting: Array<() => void> = [];
  const enter = (): Promise<void> => {
    if (running < width) { running++; return Promise.resolve(); }
    return new Promise((resolve) => waiting.push(resolve));
  };
  // The slot passes straight to the next in line, so `running` never drops below what is in use.
  const leave = () => { const next = waiting.shift(); if (next) next(); else running--; };
  const view = {
    async query(...args: unknown[]) {
      await enter();
      try { return await (pool.query as (...a: unknown[]) => Promise<unknown>)(...args); } finally { leave(); }
    },
    async connect() {
      await enter();
      let client: pg.PoolClient;
      try { client = await pool.connect(); } catch (e) { leave(); throw e; }
      const release = client.release.bind(client);
      let released = false;
      client.release = (err?: Error | boolean) => { if (!released) { released = true; leave(); } return release(err); };
      return client;
    },
    end: async () => undefined,
  };
  const narrow = view as unknown as pg.Pool;
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool: narrow }) }), pool: narrow };
}

/** Runs `fn` in a transaction on one pooled connection (for hot paths that use prepared statements). */
export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let result: T;
  try {
    await client.query('BEGIN');
    result = await fn(client);
    await client.query('COMMIT');
  } catch (e) {
    // A connection that cannot roll back is broken: released with the error, the pool closes it.
    const broken = await client.query('ROLLBACK').then(() => undefined, (rollbackError: Error) => rollbackError);
    client.release(broken);
    throw e;
  }
  client.release();
  return result;
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
