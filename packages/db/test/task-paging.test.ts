import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestDatabase } from '../src/testing.ts';

// The data table's query must stay an index range scan however large the project grows.
test('a page of a project\'s tasks filtered by status reads the index in id order, without sorting', async () => {
  const t = await createTestDatabase();
  try {
    const project = '00000000-0000-7000-8000-000000000001';
    const other = '00000000-0000-7000-8000-000000000002';
    await sql`INSERT INTO projects (id, name, ontology) VALUES (${project}, 'p', '{}'), (${other}, 'q', '{}')`.execute(t.db);
    await sql`INSERT INTO items (id, project_id, kind, asset)
      SELECT gen_random_uuid(), CASE WHEN i % 4 = 0 THEN ${project}::uuid ELSE ${other}::uuid END, 'image', 'a.jpg' FROM generate_series(1, 40000) i`.execute(t.db);
    await sql`INSERT INTO tasks (id, project_id, item_id, status, lease_expires_at)
      SELECT gen_random_uuid(), project_id, id, CASE WHEN random() < 0.98 THEN 'open' ELSE 'done' END, NULL FROM items`.execute(t.db);
    await sql`ANALYZE tasks`.execute(t.db);
    const after = (await sql<{ id: string }>`SELECT id FROM tasks ORDER BY id OFFSET 1000 LIMIT 1`.execute(t.db)).rows[0]!.id;
    const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT * FROM tasks
      WHERE project_id = ${project} AND status = 'done' AND id > ${after} ORDER BY id LIMIT 50`.execute(t.db);
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    assert.match(text, /Index Scan using tasks_project_status_id_idx/);
    assert.doesNotMatch(text, /Sort|Seq Scan/);
  } finally {
    await t.close();
  }
});
