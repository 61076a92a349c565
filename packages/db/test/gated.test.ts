import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { gated } from '../src/connection.ts';
import { createTestDatabase } from '../src/testing.ts';

// What the database itself saw: how many of our statements ran at the same moment.
const overlapping = (spans: Array<{ from: number; to: number }>) =>
  Math.max(...spans.map((a) => spans.filter((b) => b.from < a.to && a.from < b.to).length));

async function timed(run: () => Promise<{ rows: Array<{ started: Date; ended: Date }> }>) {
  const r = await run();
  return { from: r.rows[0]!.started.getTime(), to: r.rows[0]!.ended.getTime() };
}

test('a gated pool runs one statement at a time, through Kysely and plain queries alike, and a failed one lets the next through', async () => {
  const t = await createTestDatabase({ max: 10 });
  try {
    const narrow = gated(t.pool, 1);
    const q = 'SELECT clock_timestamp() AS started, pg_sleep(0.05), clock_timestamp() AS ended';
    const spans = await Promise.all([
      ...[1, 2, 3].map(() => timed(() => narrow.pool.query(q) as never)),
      ...[1, 2, 3].map(() => timed(() => sql<{ started: Date; ended: Date }>`SELECT clock_timestamp() AS started, pg_sleep(0.05), clock_timestamp() AS ended`.execute(narrow.db))),
    ]);
    assert.equal(overlapping(spans), 1, `six statements, none at the same time as another: ${JSON.stringify(spans)}`);
    // The same statements on the pool itself do overlap: the gate is what keeps them apart. (Its
    // connections are opened first and the statements sleep longer: on a loaded machine opening a
    // connection could take longer than a 50 ms statement, and three would then run one by one.)
    const warm = await Promise.all([1, 2, 3].map(() => t.pool.connect()));
    for (const c of warm) c.release();
    const slow = 'SELECT clock_timestamp() AS started, pg_sleep(0.3), clock_timestamp() AS ended';
    const wide = await Promise.all([1, 2, 3].map(() => timed(() => t.pool.query(slow) as never)));
    assert.ok(overlapping(wide) > 1, `ungated, they run together: ${JSON.stringify(wide)}`);

    await assert.rejects(narrow.pool.query('SELECT 1/0'), /division by zero/);
    const connected = await narrow.pool.connect();
    await assert.rejects(connected.query('SELECT nope'), /column "nope" does not exist/);
    connected.release();
    assert.throws(() => connected.release(), /already been released/, 'a second release is refused as the pool refuses it');
    assert.equal((await narrow.pool.query('SELECT 41 + 1 AS n')).rows[0].n, 42, 'the gate is open again after errors and a second release');
    const both = await Promise.all([narrow.pool.query('SELECT 1 AS n'), narrow.pool.query('SELECT 2 AS n')]);
    assert.deepEqual(both.map((r) => r.rows[0].n), [1, 2]);
  } finally {
    await t.close();
  }
});
