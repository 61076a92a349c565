// Takes a backup: one REPEATABLE READ, READ ONLY transaction (a consistent snapshot; servers keep
// serving meanwhile), every table streamed by the server's own `COPY ... TO STDOUT` (the text
// pg_dump writes) straight into `out`, so a table of millions of rows is never held in memory.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { cadreSchema, appliedMigrations, sequences, tablesInLoadOrder } from './catalog.ts';
import { COPY_END, FORMAT_VERSION, copySectionStart, headerText, setvalText, trailerText } from './format.ts';

export interface DumpOptions {
  /** Written into the header (the CLI's version). */
  cadreVersion: string;
  /** Told as each table is written. */
  onTable?: (t: { table: string; rows: number }) => void;
}

export interface DumpSummary { migration: string; tables: number; rows: number; seconds: number }

/** Writes the backup of the database `pool` reaches to `out` (left open: the caller ends it). */
export async function dumpDatabase(pool: pg.Pool, out: Writable, o: DumpOptions): Promise<DumpSummary> {
  const started = performance.now();
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    // The text of every value as pg_dump takes it: ISO dates with their offset, floats exact, bytea as hex.
    await client.query("SET LOCAL datestyle = ISO; SET LOCAL intervalstyle = postgres; SET LOCAL extra_float_digits = 3; SET LOCAL bytea_output = hex; SET LOCAL timezone = 'UTC'");
    const schema = await cadreSchema(client);
    if (!schema) throw new Error('this database holds no Cadre (no migrations table): nothing to back up');
    const migrations = await appliedMigrations(client, schema);
    const { tables } = await tablesInLoadOrder(client, schema);
    // A migration of a newer Cadre starting meanwhile waits for the backup instead of changing a table under it.
    if (tables.length > 0) await client.query(`LOCK TABLE ${tables.map((t) => t.name).join(', ')} IN ACCESS SHARE MODE`);
    const counts: { name: string; rows: number }[] = [];
    for (const t of tables) counts.push({ name: t.name, rows: Number((await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${t.name}`)).rows[0]!.n) });
    const server = (await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v;

    await write(out, headerText({
      format: FORMAT_VERSION, cadreVersion: o.cadreVersion, migration: migrations.at(-1) ?? '', takenAt: new Date().toISOString(),
      server: `PostgreSQL ${server}`, tables: counts,
    }));
    let total = 0;
    for (const [i, t] of tables.entries()) {
      await write(out, copySectionStart(t.name, t.columns));
      let rows = 0;
      const stream = client.query(copyTo(`COPY ${t.name} (${t.columns.join(', ')}) TO STDOUT`));
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, nl + 1)) rows++;
        await write(out, chunk);
      }
      if (rows !== counts[i]!.rows) throw new Error(`${t.name}: counted ${counts[i]!.rows} rows but COPY gave ${rows}`);
      await write(out, COPY_END);
      total += rows;
      o.onTable?.({ table: t.name, rows });
    }
    for (const s of await sequences(client, schema)) await write(out, setvalText(s.name, s.lastValue, s.isCalled));
    await write(out, trailerText(tables.length, total));
    await client.query('COMMIT');
    return { migration: migrations.at(-1) ?? '', tables: tables.length, rows: total, seconds: (performance.now() - started) / 1000 };
  } catch (e) {
    broken = await client.query('ROLLBACK').then(() => undefined, (r: Error) => r);
    throw e;
  } finally {
    client.release(broken);
  }
}

async function write(out: Writable, data: string | Buffer): Promise<void> {
  if (out.errored) throw out.errored;
  if (!out.write(data)) await once(out, 'drain');
}
