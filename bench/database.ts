// The database under test: an embedded PostgreSQL with the app's durable settings in a temp folder,
// or a fresh database on the server named by TEST_DATABASE_URL / DATABASE_URL. Dropped at the end.
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startEmbeddedPostgres, type RunningPostgres } from '@cadre/db';

export interface BenchDatabase {
  /** URL of the bench database (not the server's maintenance database). */
  url: string;
  /** Where the database runs, for the report. */
  where: string;
  /** Scratch folder for generated files. */
  dir: string;
  close(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function openBenchDatabase(): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'cadre-bench-'));
  const external = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || null;
  let embedded: RunningPostgres | null = null;
  try {
    // durable: the app's own settings (fsync and synchronous_commit on), not the test cluster's.
    if (!external) embedded = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), durable: true });
    const server = external ?? embedded!.url;
    const name = `cadre_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    return {
      url: withDatabase(server, name),
      where: external ? `external server (${new URL(server).host})` : 'embedded PostgreSQL, durable settings',
      dir,
      async close() {
        try {
          const c = new pg.Client({ connectionString: server });
          await c.connect();
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await c.end();
        } finally {
          await embedded?.stop();
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (e) {
    await embedded?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
