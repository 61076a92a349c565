// What a backup holds, read from PostgreSQL's catalog at run time (never a hand list, so a table a
// new migration adds is backed up the day it lands): every ordinary table of the schema Cadre's
// migrations run in, but the migration bookkeeping, whose state a restore makes by migrating.
// graphile-worker's queue (schema `cadre_jobs`) is left out: its rows are locks and worker ids of the
// old deployment, and what a job is to do lives in Cadre's `machine_jobs`, from which the queue is rebuilt.
import type pg from 'pg';

export interface Table {
  /** Schema-qualified and quoted as PostgreSQL quotes it (`public.users`): how the file names it. */
  name: string;
  /** Quoted column names in table order, generated columns left out (COPY cannot write them). */
  columns: string[];
}

export interface Sequence { name: string; lastValue: string; isCalled: boolean }

type Client = Pick<pg.PoolClient, 'query'>;

const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];

/** The schema holding Cadre's migration table, or null when the database holds no Cadre. */
export async function cadreSchema(client: Client): Promise<string | null> {
  const r = await client.query<{ schema: string }>(
    `SELECT n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relname = 'kysely_migration' AND c.relkind = 'r' AND n.nspname = ANY (current_schemas(false)) LIMIT 1`);
  return r.rows[0]?.schema ?? null;
}

/** The migrations run on this database, oldest first. */
export async function appliedMigrations(client: Client, schema: string): Promise<string[]> {
  const r = await client.query<{ name: string }>(`SELECT name FROM ${quote(schema)}.kysely_migration ORDER BY name`);
  return r.rows.map((row) => row.name);
}

/**
 * The schema's tables, each after the tables its foreign keys point to, so a load with every check
 * on (psql, a role that is not a superuser) never meets a row whose parent is still to come. A
 * reference to the same table is checked at the end of its COPY and needs no order. `cyclic` is true
 * when tables point at each other in a ring (none do today): then no order works and a load must
 * turn the checks off.
 */
export async function tablesInLoadOrder(client: Client, schema: string): Promise<{ tables: Table[]; cyclic: boolean }> {
  const found = await client.query<{ oid: number; name: string }>(
    `SELECT c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind = 'r' AND c.relpersistence <> 't' AND c.relname <> ALL ($2)
     ORDER BY c.relname`, [schema, MIGRATION_TABLES]);
  const oids = found.rows.map((r) => r.oid);
  const columns = await client.query<{ oid: number; column: string }>(
    `SELECT attrelid AS oid, quote_ident(attname) AS column FROM pg_attribute
     WHERE attrelid = ANY ($1) AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
     ORDER BY attrelid, attnum`, [oids]);
  const refs = await client.query<{ child: number; parent: number }>(
    `SELECT DISTINCT conrelid AS child, confrelid AS parent FROM pg_constraint
     WHERE contype = 'f' AND conrelid = ANY ($1) AND confrelid = ANY ($1) AND conrelid <> confrelid`, [oids]);
  const byOid = new Map(found.rows.map((r) => [r.oid, { name: r.name, columns: [] as string[] }]));
  for (const c of columns.rows) byOid.get(c.oid)!.columns.push(c.column);

  const waitsFor = new Map(oids.map((o) => [o, new Set<number>()]));
  for (const r of refs.rows) waitsFor.get(r.child)!.add(r.parent);
  const order: Table[] = [];
  const done = new Set<number>();
  while (done.size < oids.length) {
    const ready = oids.filter((o) => !done.has(o) && [...waitsFor.get(o)!].every((p) => done.has(p)));
    if (ready.length === 0) {
      for (const o of oids) if (!done.has(o)) order.push(byOid.get(o)!);
      return { tables: order, cyclic: true };
    }
    for (const o of ready) { done.add(o); order.push(byOid.get(o)!); }
  }
  return { tables: order, cyclic: false };
}

/** The schema's sequences (identity columns' among them) and where each stands. */
export async function sequences(client: Client, schema: string): Promise<Sequence[]> {
  const names = await client.query<{ name: string }>(
    `SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind = 'S' ORDER BY c.relname`, [schema]);
  const out: Sequence[] = [];
  for (const { name } of names.rows) {
    const r = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${name}`);
    out.push({ name, lastValue: r.rows[0]!.last_value, isCalled: r.rows[0]!.is_called });
  }
  return out;
}

/** Whether every table is empty, and the row counts of those that are not. */
export async function nonEmptyTables(client: Client, tables: readonly Table[]): Promise<{ name: string; rows: number }[]> {
  const out: { name: string; rows: number }[] = [];
  for (const t of tables) {
    const any = await client.query(`SELECT 1 FROM ${t.name} LIMIT 1`);
    if (any.rowCount) out.push({ name: t.name, rows: Number((await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${t.name}`)).rows[0]!.n) });
  }
  return out;
}

export async function isSuperuser(client: Client): Promise<boolean> {
  return (await client.query<{ s: boolean }>(`SELECT rolsuper AS s FROM pg_roles WHERE rolname = current_user`)).rows[0]?.s === true;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
