// Backups: the COPY text encoding against PostgreSQL's own, and dump -> restore into a second, fresh
// database on a populated schema (same rows, same content, sequences that go on where they were),
// all or nothing when the file is cut short or damaged, and psql loading the same file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { finished } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';
import { connect } from '../src/connection.ts';
import { migratorInTransaction } from '../src/migrate.ts';
import { backupToFile, dumpDatabase, restoreFromFile, restoreDatabase, tableChecksums, decodeCopyField, encodeCopyField, encodeCopyRow, splitCopyRow } from '../src/backup/index.ts';

const NASTY: (string | null)[] = [
  '', null, '\\N', 'N', '\\', '\\\\', 'a\tb', 'line\nbreak', 'cr\rlf\r\n', 'tab at end\t', '\ttab at start',
  'ünïcödé ✓ 日本語 🚗', 'nul-ish \\0 \\x41', 'quote " and \' and `', '{"json": "with \\"quotes\\" and \\\\ and \\n"}',
  '\u2028 line separator \u2029', 'trailing backslash\\', '\\.', '.', ' ', '\v\f\b',
];

let source: TestDatabase;
let dir: string;
const admin = () => new URL(source.url);

before(async () => {
  source = await createTestDatabase({ max: 4 });
  dir = mkdtempSync(join(tmpdir(), 'cadre-backup-'));
});
after(async () => {
  await source.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A database with nothing in it at all (no Cadre schema), on the test server; dropped by `drop()`. */
async function emptyDatabase(): Promise<{ url: string; pool: pg.Pool; drop(): Promise<void> }> {
  const name = `cadre_restore_${randomBytes(5).toString('hex')}`;
  await source.pool.query(`CREATE DATABASE ${name}`);
  const u = admin();
  u.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: u.toString(), max: 1 });
  pool.on('connect', (c) => c.on('error', () => undefined)); // one still closing when the database is dropped
  return {
    url: u.toString(), pool,
    async drop() {
      await pool.end();
      await sessionsDown(name, 0);
      await source.pool.query(`DROP DATABASE ${name} WITH (FORCE)`);
    },
  };
}

/** pg.Pool's end() resolves before its connections have closed: waits until at most `n` remain, so none is cut off or counted. */
async function sessionsDown(database: string, n: number): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if ((await source.pool.query('SELECT 1 FROM pg_stat_activity WHERE datname = $1', [database])).rowCount! <= n) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function tableCount(pool: pg.Pool): Promise<number> {
  return (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0]!.n;
}

test('COPY text fields decode to what they encoded, nasty strings and any string', () => {
  for (const s of NASTY) assert.equal(decodeCopyField(encodeCopyField(s)), s);
  assert.equal(encodeCopyField(null), '\\N');
  assert.equal(encodeCopyField(''), '');
  assert.equal(encodeCopyField('\\N'), '\\\\N');
  assert.deepEqual(splitCopyRow(encodeCopyRow(NASTY)), NASTY);
  fc.assert(fc.property(fc.array(fc.option(fc.string({ unit: 'grapheme' }), { nil: null }), { minLength: 1 }), (row) => {
    assert.deepEqual(splitCopyRow(encodeCopyRow(row)), row);
  }));
  // What COPY reads besides what it writes: octal and hex bytes (UTF-8 across several), any escaped character.
  assert.equal(decodeCopyField('\\101\\x42\\303\\251\\q'), 'ABéq');
});

test('PostgreSQL reads the encoding as the values and writes exactly the same text back', async () => {
  const client = await source.pool.connect();
  try {
    await client.query('CREATE TEMP TABLE nasty (n int, t text, j jsonb)');
    const rows = NASTY.map((s, i) => [String(i), s, s === null ? null : JSON.stringify({ s })]);
    const sink = client.query(copyFrom('COPY nasty (n, t, j) FROM STDIN'));
    sink.end(rows.map((r) => `${encodeCopyRow(r)}\n`).join(''));
    await finished(sink);
    const back = await client.query<{ t: string | null; j: unknown }>('SELECT t, j FROM nasty ORDER BY n');
    assert.deepEqual(back.rows.map((r) => r.t), NASTY);
    assert.deepEqual(back.rows.map((r) => r.j), NASTY.map((s) => (s === null ? null : { s })));

    let text = '';
    for await (const chunk of client.query(copyTo('COPY (SELECT n::text AS k, t, j::text FROM nasty ORDER BY n) TO STDOUT'))) text += chunk;
    const expected = await client.query<{ k: string; t: string | null; j: string | null }>('SELECT n::text AS k, t, j::text AS j FROM nasty ORDER BY n');
    assert.equal(text, expected.rows.map((r) => `${encodeCopyRow([r.k, r.t, r.j])}\n`).join(''));
    assert.deepEqual(text.trimEnd().split('\n').map((l) => splitCopyRow(l)[1]), NASTY);
  } finally {
    client.release();
  }
});

const P = '00000000-0000-7000-8000-00000000000';
async function populate(pool: pg.Pool): Promise<void> {
  await pool.query(`INSERT INTO users (id, email, name, password_hash, is_admin) VALUES
    ('${P}1', 'ann@example.com', $1, 'x', true), ('${P}2', 'bo@example.com', 'Bo\tTab', 'y', false)`, ['Ann "the admin" O\'Brien\nnew line \\ back']);
  await pool.query(`INSERT INTO projects (id, name, ontology, settings, created_by) VALUES ('${P}3', 'Streets ✓', $1, $2, '${P}1')`,
    [JSON.stringify({ classes: [{ name: 'car "quoted"', kind: 'bbox2d' }] }), JSON.stringify({ note: 'tab\there', nested: { a: [1, 2.5, null] } })]);
  await pool.query(`INSERT INTO items (id, project_id, kind, content, metadata)
    SELECT ('${P.slice(0, -3)}1' || lpad(i::text, 3, '0'))::uuid, '${P}3', 'text', 'text ' || i || E'\\twith tab\\nand newline', jsonb_build_object('i', i, 'empty', '')
    FROM generate_series(1, 300) i`);
  await pool.query(`INSERT INTO tasks (id, project_id, item_id) SELECT gen_random_uuid(), project_id, id FROM items`);
  await pool.query(`INSERT INTO annotations (id, project_id, item_id, version, author_id, author_kind, state, schema_version, payload)
    VALUES ('${P}4', '${P}3', '${P.slice(0, -3)}1001', 1, '${P}2', 'human', 'submitted', 1, '{"objects": []}')`);
  await pool.query(`INSERT INTO annotations (id, project_id, item_id, version, parent_id, author_id, author_kind, state, schema_version, payload)
    VALUES ('${P}5', '${P}3', '${P.slice(0, -3)}1001', 2, '${P}4', '${P}2', 'human', 'accepted', 1, '{"objects": [{"label": "a\\\\b"}]}')`);
  await pool.query(`INSERT INTO events (actor_kind, entity, entity_id, action, data) SELECT 'system', 'item', i::text, 'made', '{}' FROM generate_series(1, 50) i`);
  await pool.query(`BEGIN; INSERT INTO ledger_entries (id, key, project_id, kind, currency, amount_minor) VALUES ('${P}6', 'k1', '${P}3', 'labour', 'EUR', 120);
    INSERT INTO ledger_legs (entry_id, account, amount_minor) VALUES ('${P}6', 'labour_expense', 120), ('${P}6', 'payable', -120); COMMIT`);
}

test('a backup restores into a fresh database with every row and value, and the sequences go on', async () => {
  await populate(source.pool);
  const file = join(dir, 'full.sql');
  const dumped = await backupToFile(source.pool, file, { cadreVersion: 'test' });
  assert.ok(dumped.tables > 30, `${dumped.tables} tables`);
  assert.equal(dumped.rows, [...(await tableChecksums(source.pool)).values()].reduce((n, t) => n + t.rows, 0));
  const text = readFileSync(file, 'utf8');
  assert.match(text, /^-- migration: 0\d{3}_\w+$/m);
  assert.match(text, /^COPY public\.users \(id, email, name, password_hash, is_admin, created_at, disabled_at, machine\) FROM stdin;$/m);
  assert.match(text, /^SELECT pg_catalog\.setval\('public\.events_id_seq', \d+, true\);$/m);
  // Parents before children: projects after users, tasks after items.
  assert.ok(text.indexOf('COPY public.users ') < text.indexOf('COPY public.projects '));
  assert.ok(text.indexOf('COPY public.items ') < text.indexOf('COPY public.tasks '));

  const target = await emptyDatabase();
  try {
    const restored = await restoreFromFile(target.pool, file, {});
    assert.equal(restored.rows, dumped.rows);
    assert.deepEqual(await tableChecksums(target.pool), await tableChecksums(source.pool));
    const next = await target.pool.query<{ id: string }>(`INSERT INTO events (actor_kind, entity, entity_id, action) VALUES ('system', 'x', '1', 'after') RETURNING id::text`);
    const max = await source.pool.query<{ id: string }>('SELECT max(id)::text AS id FROM events');
    assert.equal(BigInt(next.rows[0]!.id), BigInt(max.rows[0]!.id) + 1n);
    // A second restore into it is refused: it is not empty any more.
    await assert.rejects(restoreFromFile(target.pool, file, {}), /not empty \(\d+ rows: .*\): restore into an empty database, or pass --replace/);
  } finally {
    await target.drop();
  }

  // gzip: written when the name says so, read by its first bytes.
  const gz = join(dir, 'full.sql.gz');
  const zipped = await backupToFile(source.pool, gz, { cadreVersion: 'test' });
  assert.ok(zipped.bytes < dumped.bytes / 2, `${zipped.bytes} of ${dumped.bytes} bytes`);
  const other = await emptyDatabase();
  try {
    await restoreFromFile(other.pool, gz, {});
    assert.deepEqual(await tableChecksums(other.pool), await tableChecksums(source.pool));
  } finally {
    await other.drop();
  }
});

test('a truncated or damaged backup is refused with its file and line, and the database stays empty', async () => {
  const file = join(dir, 'whole.sql');
  await backupToFile(source.pool, file, { cadreVersion: 'test' });
  const lines = readFileSync(file, 'utf8').split('\n');
  const itemsAt = lines.findIndex((l) => l.startsWith('COPY public.items '));
  const target = await emptyDatabase();
  try {
    const cut = join(dir, 'cut.sql');
    writeFileSync(cut, lines.slice(0, itemsAt + 11).join('\n') + '\n' + lines[itemsAt + 11]!.slice(0, 20));
    await assert.rejects(restoreFromFile(target.pool, cut, {}), (e: Error) => {
      assert.match(e.message, new RegExp(`^${cut} line ${itemsAt + 12}: the file ends inside the rows of public.items \\(10 of \\d+ read\\): the backup is truncated$`));
      return true;
    });
    assert.equal(await tableCount(target.pool), 0, 'not even the schema is left');

    const noEnd = join(dir, 'no-end.sql');
    writeFileSync(noEnd, lines.slice(0, lines.findIndex((l) => l.startsWith('-- Cadre backup complete'))).join('\n') + '\n');
    await assert.rejects(restoreFromFile(target.pool, noEnd, {}), /no-end\.sql line \d+: the file ends without its closing "-- Cadre backup complete" line: the backup is truncated/);

    const bad = join(dir, 'bad-row.sql');
    const edited = [...lines];
    edited[itemsAt + 3] = edited[itemsAt + 3]!.replace(/^[^\t]+/, 'not-a-uuid');
    writeFileSync(bad, edited.join('\n'));
    await assert.rejects(restoreFromFile(target.pool, bad, {}), new RegExp(`bad-row\\.sql line ${itemsAt + 4}: public\\.items: invalid input syntax for type uuid: "not-a-uuid"`));

    // A bad row early in a long table: PostgreSQL stops the COPY while megabytes are still to send.
    const early = join(dir, 'bad-early.sql');
    const bad1 = lines[itemsAt + 1]!.replace(/^[^\t]+/, 'not-a-uuid');
    writeFileSync(early, [...lines.slice(0, itemsAt + 1), bad1, ...Array(20_000).fill(lines[itemsAt + 2]), ...lines.slice(itemsAt + 1)].join('\n'));
    await assert.rejects(restoreFromFile(target.pool, early, {}), new RegExp(`bad-early\\.sql line ${itemsAt + 2}: public\\.items: invalid input syntax for type uuid`));

    const short = join(dir, 'short-row.sql');
    const shortened = [...lines];
    shortened[itemsAt + 2] = shortened[itemsAt + 2]!.split('\t').slice(0, 3).join('\t');
    writeFileSync(short, shortened.join('\n'));
    const itemColumns = lines[itemsAt + 2]!.split('\t').length; // as many as the table has today
    await assert.rejects(restoreFromFile(target.pool, short, {}), new RegExp(`short-row\\.sql line ${itemsAt + 3}: public\\.items: a row of 3 fields where ${itemColumns} columns are listed`));

    const gz = join(dir, 'whole.sql.gz');
    await backupToFile(source.pool, gz, { cadreVersion: 'test' });
    const bytes = readFileSync(gz);
    const cutGz = join(dir, 'cut.sql.gz');
    writeFileSync(cutGz, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await assert.rejects(restoreFromFile(target.pool, cutGz, {}), /cut\.sql\.gz: the gzip data is cut short or damaged .*: the backup is truncated or corrupt/);

    await assert.rejects(restoreDatabase(target.pool, ['SELECT 1;\n'], { file: 'other.sql' }), /^Error: other\.sql: not a backup Cadre can restore: it does not start like a Cadre backup/);
    assert.equal(await tableCount(target.pool), 0, 'every refused restore left nothing');
    // The connection a failed COPY used was not handed back broken: the pool still works.
    assert.equal((await target.pool.query('SELECT 1 AS one')).rows[0].one, 1);
  } finally {
    await target.drop();
  }
});

test('--replace empties a database holding data and loads the backup, in one transaction', async () => {
  const file = join(dir, 'replace.sql');
  const dumped = await backupToFile(source.pool, file, { cadreVersion: 'test' });
  const target = await emptyDatabase();
  try {
    await restoreFromFile(target.pool, file, {});
    await target.pool.query(`INSERT INTO users (id, email, name, password_hash) VALUES ('${P}9', 'later@example.com', 'Later', 'z')`);
    await assert.rejects(restoreFromFile(target.pool, file, {}), /the database is not empty \(\d+ rows: public\.\w+ \d+.*\): restore into an empty database, or pass --replace/);
    // Someone else connected (a server on it, say): --replace is refused; once they are gone it goes ahead.
    const server = new pg.Pool({ connectionString: target.url, max: 1 });
    server.on('error', () => undefined);
    await server.query('SELECT 1');
    await assert.rejects(restoreFromFile(target.pool, file, { replace: true }), /--replace needs the database to itself, but 1 other connection\(s\) are open .*: stop the Cadre servers and workers on it first/);
    await server.end();
    await sessionsDown(new URL(target.url).pathname.slice(1), 1);
    const restored = await restoreFromFile(target.pool, file, { replace: true });
    assert.equal(restored.replacedRows, dumped.rows + 1);
    assert.deepEqual(await tableChecksums(target.pool), await tableChecksums(source.pool));
  } finally {
    await target.drop();
  }
});

test('a backup of an older schema restores and is migrated on; a database already past it is refused', async () => {
  const old = await emptyDatabase();
  const target = await emptyDatabase();
  const { db } = connect({ url: old.url, max: 1 });
  try {
    const migrator = migratorInTransaction(db);
    const names = (await migrator.getMigrations()).map((m) => m.name);
    const { error } = await migrator.migrateTo(names.at(-2)!);
    assert.equal(error, undefined);
    await old.pool.query(`INSERT INTO users (id, email, name, password_hash) VALUES ('${P}1', 'early@example.com', 'Early', 'x')`);
    const file = join(dir, 'older.sql');
    const dumped = await backupToFile(old.pool, file, { cadreVersion: 'old' });
    assert.equal(dumped.migration, names.at(-2));

    const restored = await restoreFromFile(target.pool, file, {});
    assert.deepEqual(restored.migratedOn, [names.at(-1)]);
    assert.deepEqual((await target.pool.query('SELECT email FROM users')).rows, [{ email: 'early@example.com' }]);
    await assert.rejects(restoreFromFile(source.pool, file, { replace: true }), new RegExp(`the database is at migration ${names.at(-1)}, newer than the backup's ${names.at(-2)}: restore into a new, empty database`));
  } finally {
    await db.destroy();
    await old.drop();
    await target.drop();
  }
});

test('psql loads the same file into a migrated, empty database', { skip: !hasPsql() && 'psql is not installed here' }, async () => {
  const file = join(dir, 'for-psql.sql');
  await backupToFile(source.pool, file, { cadreVersion: 'test' });
  const target = await createTestDatabase({ max: 2 });
  try {
    execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-f', file, target.url], { stdio: 'pipe' });
    assert.deepEqual(await tableChecksums(target.pool), await tableChecksums(source.pool));
  } finally {
    await target.close();
  }
});

test('a dump into a slow reader waits for it (backpressure) and delivers the same backup', async () => {
  const out = new PassThrough({ highWaterMark: 1024 });
  const chunks: Buffer[] = [];
  const reading = (async () => {
    for await (const chunk of out) { chunks.push(chunk as Buffer); await new Promise((r) => setImmediate(r)); }
  })();
  await dumpDatabase(source.pool, out, { cadreVersion: 'test' });
  out.end();
  await reading;
  const file = join(dir, 'same.sql');
  await backupToFile(source.pool, file, { cadreVersion: 'test' });
  const withoutTime = (text: string) => text.replace(/^-- taken-at: .*$/m, '');
  assert.equal(withoutTime(Buffer.concat(chunks).toString('utf8')), withoutTime(readFileSync(file, 'utf8')));
});

function hasPsql(): boolean {
  try {
    execFileSync('psql', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
