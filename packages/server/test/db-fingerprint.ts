// A cheap fingerprint of everything a test database holds: each table's row count and an MD5 of its
// rows, in one statement. Two equal fingerprints mean a request changed nothing anywhere.
import { sql } from 'kysely';
import type { Db } from '@cadre/db';

export type Fingerprint = Record<string, string>;

/** Table by table: `rows:md5`. */
export async function fingerprint(db: Db): Promise<Fingerprint> {
  const tables = (await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`.execute(db)).rows.map((r) => r.name);
  const parts = tables.map((t) => `SELECT '${t}' AS t, count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${t}" x`);
  const rows = (await sql.raw<{ t: string; n: number; h: string }>(parts.join(' UNION ALL ')).execute(db)).rows;
  return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}

/** The tables whose fingerprints differ, for an assertion message. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]).sort();
}
