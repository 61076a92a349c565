// The database a restore writes into, made ready inside the restore's transaction: it must hold no
// Cadre data (or the operator said --replace), must not be past the backup's migration (a newer
// schema cannot take older rows safely), and is migrated up to the backup's migration and emptied.
import type pg from 'pg';
import { kyselyOn } from '../connection.ts';
import { migratorInTransaction } from '../migrate.ts';
import { appliedMigrations, cadreSchema, nonEmptyTables, tablesInLoadOrder, type Table } from './catalog.ts';
import type { Header } from './format.ts';

export interface Target { tables: Table[]; cyclic: boolean; replacedRows: number }

export async function prepareTarget(client: pg.PoolClient, header: Header, o: { replace: boolean }): Promise<Target> {
  const migrator = migratorInTransaction(kyselyOn(client));
  const known = await migrator.getMigrations();
  const names = known.map((m) => m.name);
  const at = names.indexOf(header.migration);
  if (at === -1) {
    throw new Error(`the backup's schema is migration ${header.migration}, which this Cadre does not know (it knows up to ${names.at(-1)}): restore it with the Cadre that took it (${header.cadreVersion}) or a newer one`);
  }
  const schema = await cadreSchema(client);
  const applied = schema ? await appliedMigrations(client, schema) : [];
  const ahead = applied.filter((name) => !names.includes(name) || names.indexOf(name) > at);
  if (ahead.length > 0) {
    throw new Error(`the database is at migration ${ahead.at(-1)}, newer than the backup's ${header.migration}: restore into a new, empty database`);
  }

  let replacedRows = 0;
  if (!schema) {
    const other = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (current_schemas(false)) ORDER BY c.relname LIMIT 3`);
    if (other.rowCount) throw new Error(`the database holds tables (${other.rows.map((r) => r.name).join(', ')}) but no Cadre: is DATABASE_URL the database you mean?`);
  } else {
    const holding = await nonEmptyTables(client, (await tablesInLoadOrder(client, schema)).tables);
    if (holding.length > 0) {
      replacedRows = holding.reduce((n, t) => n + t.rows, 0);
      const list = holding.slice(0, 5).map((t) => `${t.name} ${t.rows}`).join(', ');
      if (!o.replace) {
        throw new Error(`the database is not empty (${replacedRows} rows: ${list}${holding.length > 5 ? ', ...' : ''}): restore into an empty database, or pass --replace to replace what it holds`);
      }
      const others = await otherSessions(client);
      if (others.length > 0) {
        throw new Error(`--replace needs the database to itself, but ${others.length} other connection(s) are open (${others.slice(0, 3).join(', ')}): stop the Cadre servers and workers on it first`);
      }
    }
  }

  const moved = await migrator.migrateTo(header.migration);
  if (moved.error) throw new Error(`migrating to ${header.migration} failed: ${moved.error instanceof Error ? moved.error.message : String(moved.error)}`);
  const { tables, cyclic } = await tablesInLoadOrder(client, (await cadreSchema(client))!);
  // Rows a migration seeded are in the backup too; rows being replaced go. TRUNCATE fires no row triggers (the append-only guards).
  const listed = new Set(header.tables.map((t) => t.name));
  const emptied = tables.filter((t) => listed.has(t.name)).map((t) => t.name);
  if (emptied.length > 0) await client.query(`TRUNCATE ${emptied.join(', ')} RESTART IDENTITY`);
  return { tables, cyclic, replacedRows };
}

/** Other client connections to this database (a running server, a worker, psql). */
async function otherSessions(client: pg.PoolClient): Promise<string[]> {
  const r = await client.query<{ who: string }>(
    `SELECT coalesce(nullif(application_name, ''), 'a client') || coalesce(' from ' || host(client_addr), '') || ' (pid ' || pid || ')' AS who
     FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`);
  return r.rows.map((row) => row.who);
}
