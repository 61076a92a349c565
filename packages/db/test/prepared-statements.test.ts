// A named prepared statement that selects `*` from a table fails on its connection for good once a
// migration adds a column to that table ("cached plan must not change result type"); processes of
// the previous release keep their connections while a new one migrates. Such statements name their
// columns (repositories/columns.ts), and the lists stay whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { sql } from 'kysely';
import { COLUMN_LISTS } from '../src/repositories/columns.ts';
import { createTestDatabase } from '../src/testing.ts';

const dir = new URL('../src/repositories/', import.meta.url);

test('no named prepared statement selects or returns a table\'s `*`', () => {
  const offending: string[] = [];
  let named = 0;
  for (const f of readdirSync(dir)) {
    const source = readFileSync(new URL(f, dir), 'utf8');
    // A statement object: `name: 'cadre_…'` followed by its text (a template or a string).
    for (const m of source.matchAll(/name:\s*'(cadre_\w+)'[\s\S]*?text:\s*(`[\s\S]*?`|'[^']*')/g)) {
      named++;
      const text = m[2]!;
      if (/\b\w+\.\*|RETURNING\s+\*|SELECT\s+\*\s+FROM\s+(tasks|items|annotations|predictions|drafts|events|users|projects|reviews|work_attempts)\b/i.test(text)) offending.push(`${f}: ${m[1]}`);
    }
  }
  assert.ok(named >= 10, `found the named statements (${named})`);
  assert.deepEqual(offending, []);
});

test('each column list names every column of its table', async () => {
  const t = await createTestDatabase({ max: 1 });
  try {
    for (const [table, list] of Object.entries(COLUMN_LISTS)) {
      const { rows } = await sql<{ c: string }>`SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${table}`.execute(t.db);
      assert.deepEqual([...list].sort(), rows.map((r) => r.c).sort(), `${table}: the list and the table`);
    }
  } finally {
    await t.close();
  }
});
