// Migrating while the previous release serves: an expand migration applied by a new process while
// annotators claim and submit. A long transaction of an old process (a report) holds a lock the
// migration needs; the migration gives its lock request up and asks again instead of queueing every
// claim behind it, so work goes on while it waits, and it lands when the report ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { connect, migrateToLatest } from '@cadre/db';
import { dispenser, submissions, type Actor } from '../src/index.ts';
import { box, harness, payload } from './harness.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('an expand migration lands under load without stopping claims, even behind a long transaction', async () => {
  const h = await harness();
  const blocker = new pg.Client({ connectionString: h.t.url });
  const migrating = connect({ url: h.t.url, max: 1 });
  try {
    const projectId = await h.project('Live migration', { stages: ['annotate'], maxHeldTasks: 1 });
    await h.importText(projectId, h.imageRows(2000));
    const people: Actor[] = [];
    for (let i = 0; i < 4; i++) { const a = await h.user(`live${i}@test.local`); await h.member(projectId, a, 'annotator'); people.push(a); }

    let running = true;
    let cycles = 0;
    const errors: string[] = [];
    const submitted: string[] = [];
    const work = people.map(async (a, i) => {
      while (running) {
        try {
          const task = await dispenser.claimNext(h.deps, a, projectId);
          if (!task) break;
          await submissions.submit(h.deps, a, task.id, randomUUID(), payload(box(`p${i}`)));
          submitted.push(task.id);
          cycles++;
        } catch (e) { errors.push(e instanceof Error ? e.message : String(e)); await sleep(20); }
      }
    });

    // An old process's report: a transaction that reads tasks and stays open.
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('SELECT count(*) FROM tasks');
    const extra = {
      '9000_live_expand': {
        async up(db: Parameters<typeof migrateToLatest>[0]) {
          await sql`ALTER TABLE tasks ADD COLUMN live_note text`.execute(db);
          await sql`CREATE TABLE live_things (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, task_id uuid REFERENCES tasks)`.execute(db);
        },
      },
    };
    const migration = migrateToLatest(migrating.db, { extra: extra as never, lockTimeoutMs: 200, attempts: 200 });

    // The migration really waits for the report's lock ...
    let waited = false;
    for (let i = 0; i < 200 && !waited; i++) {
      const r = await h.t.pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%live_note%'`);
      waited = r.rows[0].n > 0;
      if (!waited) await sleep(25);
    }
    assert.ok(waited, 'the migration waited for the long transaction\'s lock');
    // ... and meanwhile annotators go on working.
    const before = cycles;
    for (let i = 0; i < 300 && cycles < before + 20; i++) await sleep(50);
    const during = cycles - before;
    const stillWaiting = (await h.t.pool.query(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'tasks' AND column_name = 'live_note'`)).rows[0].n === 0;
    await blocker.query('COMMIT');
    assert.ok(stillWaiting, 'the column was not added while the long transaction held its lock');
    assert.ok(during >= 20, `claims and submits went on while the migration waited (${during} cycles)`);

    assert.deepEqual(await migration, ['9000_live_expand']);
    const after = cycles;
    for (let i = 0; i < 200 && cycles < after + 10; i++) await sleep(50);
    running = false;
    await Promise.all(work);
    assert.ok(cycles >= after + 10, 'work goes on after the migration, with the new column in place');
    assert.deepEqual(errors, [], 'no claim or submit failed');
    const stored = await h.t.pool.query(`SELECT count(*)::int AS n FROM tasks WHERE project_id = $1 AND status = 'done'`, [projectId]);
    assert.equal(stored.rows[0].n, submitted.length, 'every submit is stored');
  } finally {
    await blocker.end().catch(() => {});
    await migrating.db.destroy();
    await h.close();
  }
});
