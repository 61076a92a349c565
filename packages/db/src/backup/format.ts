// The backup file: what `pg_dump --data-only --format=plain` writes (session settings, then per table
// `COPY <table> (<columns>) FROM stdin;`, its rows in COPY text format and `\.`, then the sequences'
// `setval`), so `psql -f` loads it. Cadre's own facts ride in the opening comment, where psql skips
// them: the migration the data belongs to, what it holds, and a closing line that says the file is whole.

export const FORMAT_VERSION = 1;
export const TRAILER = '-- Cadre backup complete';

export interface Header {
  format: number;
  cadreVersion: string;
  /** The last migration run on the database the backup was taken from: its schema. */
  migration: string;
  takenAt: string;
  server: string;
  /** Tables in load order with their row counts, as the file's COPY sections come. */
  tables: { name: string; rows: number }[];
}

/**
 * pg_dump's session settings (psql needs them; `cadre restore` sets its own), but for its empty
 * search_path: the ledger's balance check, a trigger that fires at commit, names its table unqualified.
 */
const SETTINGS = [
  'SET statement_timeout = 0;',
  'SET lock_timeout = 0;',
  'SET idle_in_transaction_session_timeout = 0;',
  "SET client_encoding = 'UTF8';",
  'SET standard_conforming_strings = on;',
  'SET check_function_bodies = false;',
  'SET xmloption = content;',
  'SET client_min_messages = warning;',
  'SET row_security = off;',
];

export function headerText(h: Header): string {
  const rows = h.tables.reduce((n, t) => n + t.rows, 0);
  return [
    '--',
    '-- Cadre backup: PostgreSQL plain format, data only (as pg_dump --data-only --format=plain writes it)',
    '--',
    `-- cadre-backup-format: ${h.format}`,
    `-- cadre-version: ${h.cadreVersion}`,
    `-- migration: ${h.migration}`,
    `-- taken-at: ${h.takenAt}`,
    `-- server: ${h.server}`,
    `-- tables: ${h.tables.length}`,
    `-- rows: ${rows}`,
    ...h.tables.map((t) => `-- table: ${t.name} ${t.rows}`),
    '--',
    '-- Restore: `cadre restore --in FILE` (into an empty database; it migrates, loads, and migrates on).',
    `-- Or psql, into a database at migration ${h.migration} whose tables are empty:`,
    '--   psql -v ON_ERROR_STOP=1 --single-transaction -f FILE "$DATABASE_URL"',
    '--',
    '',
    ...SETTINGS,
    '',
    '',
  ].join('\n');
}

export function copySectionStart(table: string, columns: readonly string[]): string {
  const [schema, name] = splitName(table);
  return `--\n-- Data for Name: ${name}; Type: TABLE DATA; Schema: ${schema}; Owner: -\n--\n\nCOPY ${table} (${columns.join(', ')}) FROM stdin;\n`;
}

export const COPY_END = '\\.\n\n\n';

export function setvalText(sequence: string, value: string, isCalled: boolean): string {
  const [schema, name] = splitName(sequence);
  return `--\n-- Name: ${name}; Type: SEQUENCE SET; Schema: ${schema}; Owner: -\n--\n\n` +
    `SELECT pg_catalog.setval('${sequence.replaceAll("'", "''")}', ${value}, ${isCalled});\n\n\n`;
}

export function trailerText(tables: number, rows: number): string {
  return `--\n${TRAILER}: ${tables} tables, ${rows} rows\n--\n`;
}

/** `COPY <table> (<a>, <b>) FROM stdin;` read back, or null when the line is not one. */
export function parseCopyLine(line: string): { table: string; columns: string[] } | null {
  const m = /^COPY (\S+) \((.*)\) FROM stdin;$/.exec(line);
  return m ? { table: m[1]!, columns: m[2]!.split(', ') } : null;
}

/** `SELECT pg_catalog.setval('<sequence>', <n>, <bool>);` read back, or null. */
export function parseSetval(line: string): { sequence: string; value: string; isCalled: boolean } | null {
  const m = /^SELECT pg_catalog\.setval\('((?:[^']|'')+)', (-?\d+), (true|false)\);$/.exec(line);
  return m ? { sequence: m[1]!.replaceAll("''", "'"), value: m[2]!, isCalled: m[3] === 'true' } : null;
}

/** pg_dump's session settings and blank lines: skipped by a restore. */
export function isSetting(line: string): boolean {
  return SETTINGS.includes(line) || /^SET [a-z_]+ = [^;]+;$/.test(line) || /^SELECT pg_catalog\.set_config\('[a-z_]+', '[^']*', false\);$/.test(line);
}

/**
 * The opening comment's `-- key: value` lines read back. Returns null when the file does not start
 * like a Cadre backup; names what is missing otherwise.
 */
export function parseHeader(comments: readonly string[]): Header | string {
  const values = new Map<string, string>();
  const tables: { name: string; rows: number }[] = [];
  for (const line of comments) {
    const m = /^-- ([a-z-]+): (.*)$/.exec(line);
    if (!m) continue;
    if (m[1] === 'table') {
      const t = /^(\S+) (\d+)$/.exec(m[2]!);
      if (!t) return `a bad table line: ${line}`;
      tables.push({ name: t[1]!, rows: Number(t[2]) });
    } else values.set(m[1]!, m[2]!);
  }
  if (!values.has('cadre-backup-format')) return 'it does not start like a Cadre backup (no "-- cadre-backup-format:" line in its opening comment)';
  const format = Number(values.get('cadre-backup-format'));
  if (format !== FORMAT_VERSION) return `it is backup format ${values.get('cadre-backup-format')}; this Cadre reads format ${FORMAT_VERSION}`;
  for (const key of ['migration', 'tables']) if (!values.has(key)) return `its opening comment has no "-- ${key}:" line`;
  if (Number(values.get('tables')) !== tables.length) return `its opening comment lists ${tables.length} tables but says ${values.get('tables')}`;
  return {
    format, cadreVersion: values.get('cadre-version') ?? '?', migration: values.get('migration')!,
    takenAt: values.get('taken-at') ?? '?', server: values.get('server') ?? '?', tables,
  };
}

function splitName(qualified: string): [string, string] {
  const dot = qualified.indexOf('.');
  return [qualified.slice(0, dot), qualified.slice(dot + 1)];
}
