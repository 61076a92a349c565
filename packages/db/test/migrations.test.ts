import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestDatabase } from '../src/testing.ts';
import { migrateToLatest } from '../src/migrate.ts';
import { appendEvent } from '../src/repositories/event.repository.ts';

test('migrations build the schema and running them again changes nothing', async () => {
  const t = await createTestDatabase();
  try {
    assert.deepEqual(await migrateToLatest(t.db), []);
    const tables = await sql<{ tablename: string }>`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`.execute(t.db);
    const names = tables.rows.map((r) => r.tablename);
    for (const table of ['users', 'sessions', 'api_tokens', 'teams', 'team_members', 'projects', 'items', 'tasks', 'annotations', 'predictions', 'events']) {
      assert.ok(names.includes(table), `table ${table} exists`);
    }
  } finally {
    await t.close();
  }
});

test('the event log refuses updates and deletes', async () => {
  const t = await createTestDatabase();
  try {
    await appendEvent(t.db, { actorId: null, actorKind: 'system', projectId: null, entity: 'test', entityId: '1', action: 'made' });
    await assert.rejects(sql`UPDATE events SET action = 'changed'`.execute(t.db), /append-only/);
    await assert.rejects(sql`DELETE FROM events`.execute(t.db), /append-only/);
    const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM events WHERE action = 'made'`.execute(t.db);
    assert.equal(n.rows[0]?.n, 1);
  } finally {
    await t.close();
  }
});
