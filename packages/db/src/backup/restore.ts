// Restores a backup, all or nothing: one transaction on one connection migrates the database to the
// backup's migration, loads every table with COPY (the rows stream from the file, never all in
// memory), sets the sequences, migrates on to this Cadre's latest and commits. A file cut short,
// edited or corrupt stops the restore with its name and line, and the database is as it was.
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';
import { kyselyOn } from '../connection.ts';
import { migratorInTransaction } from '../migrate.ts';
import { cadreSchema, isSuperuser, nonEmptyTables, sequences, tablesInLoadOrder, type Table } from './catalog.ts';
import { copyFieldCount } from './copy-text.ts';
import { TRAILER, isSetting, parseCopyLine, parseHeader, parseSetval, type Header } from './format.ts';
import { linesOf } from './lines.ts';
import { prepareTarget } from './target.ts';

export interface RestoreOptions {
  /** The file's name, for messages. */
  file: string;
  /** Replace what the database holds (its Cadre tables are emptied in the same transaction). */
  replace?: boolean;
  onTable?: (t: { table: string; rows: number }) => void;
}

export interface RestoreSummary {
  /** The backup's migration, and those run after the load to reach this Cadre's schema. */
  migration: string;
  migratedOn: string[];
  tables: number;
  rows: number;
  /** Rows the database held before (only with `replace`). */
  replacedRows: number;
  seconds: number;
}

/** A backup file that cannot be restored, with the line that says why. */
export class BackupFileError extends Error {
  constructor(file: string, line: number | null, message: string) {
    super(line === null ? `${file}: ${message}` : `${file} line ${line}: ${message}`);
  }
}

/** Two restores into one database take turns. */
const RESTORE_LOCK = 727_301;
const NEWLINE = Buffer.from('\n');
const BATCH_BYTES = 1 << 20;

interface Section {
  table: string; columns: number; expected: number; startLine: number; rows: number; batch: Buffer[]; bytes: number;
  stream: CopyStreamQuery;
  /** What the server said when it stopped the COPY (a bad row): nothing more may be written then. */
  error?: Error;
}

export async function restoreDatabase(pool: pg.Pool, input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, o: RestoreOptions): Promise<RestoreSummary> {
  const started = performance.now();
  const fail = (line: number | null, message: string) => new BackupFileError(o.file, line, message);
  const comments: string[] = [];
  let client: pg.PoolClient | null = null;
  let header: Header | null = null;
  let targetTables = new Map<string, Table>();
  let replacedRows = 0;
  let section: Section | null = null;
  const loaded = new Map<string, number>();
  const setvals: { sequence: string; value: string; isCalled: boolean; line: number }[] = [];
  let complete = false;
  let n = 0;

  const flush = async (s: Section) => {
    const data = Buffer.concat(s.batch, s.bytes);
    s.batch = [];
    s.bytes = 0;
    if (s.error) throw s.error;
    if (!s.stream.write(data)) await drained(s);
  };
  const endSection = async (s: Section) => {
    if (s.bytes > 0) await flush(s);
    if (s.error) throw s.error;
    s.stream.end();
    await finished(s.stream);
    if (s.rows !== s.expected) throw fail(n, `${s.table}: ${s.rows} rows where the opening comment lists ${s.expected}`);
    loaded.set(s.table, s.rows);
    o.onTable?.({ table: s.table, rows: s.rows });
  };

  try {
    for await (const chunk of linesOf(input)) {
      for (const [k, line] of chunk.lines.entries()) {
        n++;
        if (section) {
          const s: Section = section;
          if (line.length === 2 && line[0] === 92 && line[1] === 46) { // \.
            section = null;
            await endSection(s).catch((e) => { throw copyError(e, s); });
            continue;
          }
          if (!chunk.complete && k === chunk.lines.length - 1) break; // a row cut off: reported below
          const fields = copyFieldCount(line);
          if (fields !== s.columns) throw fail(n, `${s.table}: a row of ${fields} fields where ${s.columns} columns are listed`);
          s.batch.push(line, NEWLINE);
          s.bytes += line.length + 1;
          s.rows++;
          if (s.bytes >= BATCH_BYTES) await flush(s).catch((e) => { throw copyError(e, s); });
          continue;
        }
        const text = line.toString('utf8');
        if (!header) {
          if (text.startsWith('--') || text === '') { comments.push(text); continue; }
          const parsed = parseHeader(comments);
          if (typeof parsed === 'string') throw fail(null, `not a backup Cadre can restore: ${parsed}`);
          header = parsed;
          client = await pool.connect();
          await client.query('BEGIN');
          await client.query('SELECT pg_advisory_xact_lock($1)', [RESTORE_LOCK]);
          const target = await prepareTarget(client, header, { replace: o.replace ?? false });
          targetTables = new Map(target.tables.map((t) => [t.name, t]));
          replacedRows = target.replacedRows;
          for (const t of header.tables) if (!targetTables.has(t.name)) throw fail(null, `it holds table ${t.name}, which Cadre's migration ${header.migration} does not make`);
          if (target.cyclic) {
            if (!(await isSuperuser(client))) throw new Error('tables point at each other in a ring, so their rows load only with foreign-key checks off, which takes a superuser');
            await client.query('SET LOCAL session_replication_role = replica');
          }
        }
        if (text === '' || (text.startsWith('--') && !text.startsWith(TRAILER))) continue;
        if (complete) throw fail(n, 'more follows the closing line: the file was edited or two files were joined');
        if (text.startsWith(TRAILER)) { complete = true; continue; }
        if (isSetting(text)) continue;
        const copy = parseCopyLine(text);
        if (copy) {
          section = startSection(client!, copy, n);
          continue;
        }
        const setval = parseSetval(text);
        if (setval) { setvals.push({ ...setval, line: n }); continue; }
        throw fail(n, `a line a Cadre backup does not hold: ${text.slice(0, 80)}`);
      }
    }
    const s = section as Section | null;
    if (s) throw fail(n, `the file ends inside the rows of ${s.table} (${s.rows} of ${s.expected} read): the backup is truncated`);
    if (!header) throw fail(null, n === 0 ? 'the file is empty' : 'not a backup Cadre can restore: it holds nothing but comments');
    if (!complete) throw fail(n, `the file ends without its closing "${TRAILER}" line: the backup is truncated`);
    for (const t of header.tables) if (!loaded.has(t.name)) throw fail(null, `the rows of ${t.name} are missing`);
    const known = new Set((await sequences(client!, (await cadreSchema(client!))!)).map((q) => q.name));
    for (const q of setvals) {
      if (!known.has(q.sequence)) throw fail(q.line, `sequence ${q.sequence} does not exist at migration ${header.migration}`);
      await client!.query('SELECT pg_catalog.setval($1::regclass, $2, $3)', [q.sequence, q.value, q.isCalled]);
    }
    const migratedOn = await migrateToLatest(client!);
    await client!.query('COMMIT');
    const rows = [...loaded.values()].reduce((a, b) => a + b, 0);
    return { migration: header.migration, migratedOn, tables: loaded.size, rows, replacedRows, seconds: (performance.now() - started) / 1000 };
  } catch (e) {
    const open = section as Section | null;
    open?.stream.destroy();
    if (client) {
      const broken = await client.query('ROLLBACK').then(() => undefined, (r: Error) => r);
      client.release(broken); // one that could not roll back is closed
      client = null;
    }
    throw e;
  } finally {
    client?.release();
  }

  function startSection(c: pg.PoolClient, copy: { table: string; columns: string[] }, line: number): Section {
    const table = targetTables.get(copy.table);
    const listed = header!.tables.find((t) => t.name === copy.table);
    if (!table || !listed) throw fail(line, `rows for table ${copy.table}, which the opening comment does not list`);
    if (loaded.has(copy.table)) throw fail(line, `a second copy of the rows of ${copy.table}`);
    const unknown = copy.columns.filter((col) => !table.columns.includes(col));
    if (unknown.length > 0) throw fail(line, `${copy.table} has no column ${unknown.join(', ')} at migration ${header!.migration}`);
    // The statement is made from the target's own names, so a line in the file never becomes SQL.
    const stream = c.query(copyFrom(`COPY ${table.name} (${copy.columns.join(', ')}) FROM STDIN`));
    const s: Section = { table: table.name, columns: copy.columns.length, expected: listed.rows, startLine: line, rows: 0, stream, batch: [], bytes: 0 };
    stream.on('error', (e: Error) => { s.error ??= e; });
    return s;
  }

  /** PostgreSQL names a bad row by its line in the COPY (`COPY users, line 3, column id: ...`); the file's line is that far past the COPY. */
  function copyError(e: unknown, s: Section): Error {
    if (e instanceof BackupFileError) return e;
    const where = /COPY [^,]+, line (\d+)/.exec((e as { where?: string }).where ?? '');
    const message = `${s.table}: ${e instanceof Error ? e.message : String(e)}`;
    return fail(where ? s.startLine + Number(where[1]) : null, message);
  }
}

/** Waits until the COPY takes more, or the server stops it (a bad row: it never drains then). */
function drained(s: Section): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      s.stream.off('drain', done).off('error', done).off('close', done);
      if (s.error) reject(s.error);
      else resolve();
    };
    s.stream.on('drain', done).on('error', done).on('close', done);
  });
}

async function migrateToLatest(client: pg.PoolClient): Promise<string[]> {
  const { error, results } = await migratorInTransaction(kyselyOn(client)).migrateToLatest();
  if (error) throw new Error(`migrating the restored data failed at ${results?.find((r) => r.status === 'Error')?.migrationName ?? '?'}: ${error instanceof Error ? error.message : String(error)}`);
  return (results ?? []).map((r) => r.migrationName);
}
