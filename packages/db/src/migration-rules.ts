// Expand, then contract: a migration runs while the previous release's processes still serve, so
// it may only add what old code ignores. Taking something away (a table, a column, a name, a
// permissive type) is a contract migration, shipped a release after the code stopped using it.
// These rules read a migration's `up` SQL and name each statement that would break old processes.

export type MigrationPhase = 'expand' | 'contract';

export interface Finding {
  rule: string;
  /** Why a process of the previous release breaks (or stalls) when this runs under it. */
  why: string;
  statement: string;
}

interface Rule { name: string; test: (s: string) => boolean; why: string }

const has = (re: RegExp) => (s: string) => re.test(s);

const RULES: Rule[] = [
  { name: 'drop table', test: has(/\bDROP\s+TABLE\b/i), why: 'old processes still read and write the table' },
  { name: 'drop column', test: has(/\bDROP\s+COLUMN\b/i), why: 'old processes still select or insert the column' },
  { name: 'rename', test: has(/\bRENAME\b/i), why: 'old processes use the old name' },
  { name: 'set not null', test: has(/\bSET\s+NOT\s+NULL\b/i), why: 'old processes insert rows without the value' },
  {
    name: 'change type', test: has(/\bALTER\s+COLUMN\s+"?\w+"?\s+(SET\s+DATA\s+)?TYPE\b/i),
    why: 'rewrites the table under an exclusive lock, and old processes may send values of the old type',
  },
  {
    name: 'required column',
    test: (s) => /\bADD\s+COLUMN\b/i.test(s) && /\bNOT\s+NULL\b/i.test(s) && !/\bDEFAULT\b/i.test(s) && !/\bGENERATED\b/i.test(s),
    why: 'old processes insert rows without the new column; give it a default or let it be null',
  },
  {
    name: 'validated constraint',
    test: (s) => /\bALTER\s+TABLE\b/i.test(s) && /\bADD\s+(CONSTRAINT\s+"?\w+"?\s+)?(CHECK|FOREIGN\s+KEY|UNIQUE)\b/i.test(s) && !/\bNOT\s+VALID\b/i.test(s),
    why: 'old processes may write rows the new constraint refuses (add it NOT VALID, and validate in a contract migration)',
  },
];

/** The SQL statements of a migration module's `up` function, read from its source text. */
export function upStatements(source: string): string[] {
  const start = source.search(/export\s+async\s+function\s+up\b/);
  if (start < 0) return [];
  const rest = source.slice(start);
  const end = rest.search(/export\s+async\s+function\s+down\b/);
  const body = end < 0 ? rest : rest.slice(0, end);
  const sqlText = [...body.matchAll(/sql`([^`]*)`/g)].map((m) => m[1]!).join(';\n');
  return sqlText
    .replace(/--[^\n]*/g, '')
    .split(';')
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s !== '');
}

/** What in these statements breaks processes of the previous release; empty for an expand migration. */
export function contractingStatements(statements: string[]): Finding[] {
  return statements.flatMap((statement) => RULES.filter((r) => r.test(statement)).map((r) => ({ rule: r.name, why: r.why, statement })));
}

/** Tables and columns a contract statement removes or renames away, which the code must no longer name. */
export function removedNames(statements: string[]): string[] {
  const names: string[] = [];
  for (const s of statements) {
    for (const m of s.matchAll(/\bDROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?([\w\s,"]+?)(?:\s+CASCADE|\s+RESTRICT|$)/gi)) names.push(...m[1]!.split(',').map((n) => n.replace(/"/g, '').trim()));
    for (const m of s.matchAll(/\bDROP\s+COLUMN\s+(?:IF\s+EXISTS\s+)?"?(\w+)"?/gi)) names.push(m[1]!);
    for (const m of s.matchAll(/\bRENAME\s+(?:COLUMN\s+)?"?(\w+)"?\s+TO\b/gi)) names.push(m[1]!);
    for (const m of s.matchAll(/\bALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?"?(\w+)"?\s+RENAME\s+TO\b/gi)) names.push(m[1]!);
  }
  return [...new Set(names.filter((n) => n !== ''))];
}
