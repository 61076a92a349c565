// Real PostgreSQL for tests: TEST_DATABASE_URL when set (npm test sets it to the embedded
// cluster it starts once per run), else an embedded cluster started for this process.
// Each test file gets its own database cloned from a migrated template, so files run in parallel.
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { connect, type Db } from './connection.ts';
import { migrateToLatest } from './migrate.ts';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded.ts';

const TEMPLATE = 'cadre_test_template';

export interface TestDatabase {
  db: Db;
  pool: pg.Pool;
  url: string;
  close(): Promise<void>;
}

let own: Promise<RunningPostgres> | undefined;
let open = 0;

/** Starts a throw-away embedded cluster in a temp folder (used by `npm test` and lone test files). */
export async function startTestCluster(): Promise<RunningPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'cadre-test-pg-'));
  const running = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), durable: false });
  return {
    url: running.url,
    async stop() {
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function adminUrl(): Promise<string> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return url;
  // A lone test file's own cluster stops when its last test database closes (below). Waiting for
  // 'beforeExit' would wait forever: the cluster's child process keeps the event loop alive.
  own ??= startTestCluster();
  return (await own).url;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createTestDatabase(options: { max?: number } = {}): Promise<TestDatabase> {
  open++;
  const admin = await adminUrl();
  const name = `cadre_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    // One lock serialises template creation and cloning (a template cannot be copied while in use).
    await client.query('SELECT pg_advisory_lock(727274)');
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE ${TEMPLATE}`);
      const t = connect({ url: withDatabase(admin, TEMPLATE), max: 1 });
      await migrateToLatest(t.db);
      await t.db.destroy();
    }
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
    await client.query('SELECT pg_advisory_unlock(727274)');
  } finally {
    await client.end();
  }
  const url = withDatabase(admin, name);
  const { db, pool } = connect({ url, max: options.max ?? 20 });
  await migrateToLatest(db); // a template left by an older schema on an external server catches up here
  return {
    db, pool, url,
    async close() {
      await db.destroy();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      if (--open === 0 && own) {
        const cluster = own;
        own = undefined;
        await (await cluster).stop();
      }
    },
  };
}
