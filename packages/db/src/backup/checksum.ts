// Every Cadre table's row count and a checksum of its content, for telling whether two databases
// (one backed up, one restored) hold the same data.
import type pg from 'pg';
import { cadreSchema, tablesInLoadOrder } from './catalog.ts';

export async function tableChecksums(pool: Pick<pg.Pool, 'query'>): Promise<Map<string, { rows: number; md5: string }>> {
  const schema = await cadreSchema(pool);
  if (!schema) throw new Error('this database holds no Cadre');
  const out = new Map<string, { rows: number; md5: string }>();
  for (const t of (await tablesInLoadOrder(pool, schema)).tables) {
    const r = await pool.query<{ rows: number; md5: string }>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM ${t.name} t`);
    out.set(t.name, r.rows[0]!);
  }
  return out;
}
