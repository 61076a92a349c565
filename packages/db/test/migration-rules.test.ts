// Expand, then contract: every migration runs while the previous release still serves, so its `up`
// may only add what old code ignores. A new migration that takes something away fails here unless
// it says it is a contract migration, and then the code must no longer name what it removes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { contractingStatements, removedNames, upStatements } from '../src/migration-rules.ts';
import { migrationNames } from '../src/migrate.ts';

const dir = new URL('../src/migrations/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();

/**
 * Written before this rule, each widening a CHECK (drop it, add it again with more values): old
 * processes write a subset of the new values, so they keep working, but the re-check scans the
 * table under an exclusive lock. A new one would be added NOT VALID and validated later.
 */
const BEFORE_THE_RULE: Record<string, string> = {
  '0003_workflow.ts': 'tasks_status_check gains waiting',
  '0013_text_learning.ts': 'machine_jobs_kind_check gains learn',
};

test('the rules name what breaks processes of the previous release, and let additions through', () => {
  const rules = (s: string) => contractingStatements([s]).map((f) => f.rule);
  assert.deepEqual(rules('ALTER TABLE tasks DROP COLUMN reserved_for'), ['drop column']);
  assert.deepEqual(rules('DROP TABLE IF EXISTS old_things'), ['drop table']);
  assert.deepEqual(rules('ALTER TABLE items RENAME COLUMN media_ref TO media'), ['rename']);
  assert.deepEqual(rules('ALTER TABLE items ALTER COLUMN width SET NOT NULL'), ['set not null']);
  assert.deepEqual(rules('ALTER TABLE items ALTER COLUMN width TYPE bigint'), ['change type']);
  assert.deepEqual(rules('ALTER TABLE items ADD COLUMN checksum text NOT NULL'), ['required column']);
  assert.deepEqual(rules("ALTER TABLE tasks ADD CONSTRAINT c CHECK (status IN ('open'))"), ['validated constraint']);
  assert.deepEqual(rules('ALTER TABLE tasks ADD CONSTRAINT f FOREIGN KEY (team_id) REFERENCES teams'), ['validated constraint']);
  for (const fine of [
    'CREATE TABLE things (id uuid PRIMARY KEY, name text NOT NULL)',
    'ALTER TABLE items ADD COLUMN checksum text',
    "ALTER TABLE items ADD COLUMN source text NOT NULL DEFAULT 'import'",
    'ALTER TABLE tasks ADD CONSTRAINT f FOREIGN KEY (team_id) REFERENCES teams NOT VALID',
    'CREATE INDEX things_name_idx ON things (name)',
  ]) assert.deepEqual(rules(fine), [], fine);
  assert.deepEqual(removedNames(['ALTER TABLE tasks DROP COLUMN IF EXISTS reserved_for, DROP COLUMN batch_id', 'DROP TABLE a, b CASCADE']), ['reserved_for', 'batch_id', 'a', 'b']);
});

test('the statements of up are read from the source, and down is left out', () => {
  const source = "export async function up(db) {\n  await sql`CREATE TABLE a (x int); -- a note; here\n CREATE INDEX a_x ON a (x)`.execute(db);\n}\nexport async function down(db) { await sql`DROP TABLE a`.execute(db); }\n";
  assert.deepEqual(upStatements(source), ['CREATE TABLE a (x int)', 'CREATE INDEX a_x ON a (x)']);
});

test('every migration file is listed, and each is expand-only or a contract migration whose removed names the code no longer uses', () => {
  assert.deepEqual(files.map((f) => f.replace(/\.ts$/, '')), migrationNames(), 'a migration file that migrate.ts does not list never runs');
  const code = readdirSync(new URL('../src/repositories/', import.meta.url)).map((f) => readFileSync(new URL(`../src/repositories/${f}`, import.meta.url), 'utf8')).join('\n')
    + readFileSync(new URL('../src/schema.ts', import.meta.url), 'utf8');
  for (const f of files) {
    const source = readFileSync(new URL(f, dir), 'utf8');
    const statements = upStatements(source);
    assert.ok(statements.length > 0, `${f}: no SQL found in up()`);
    const findings = contractingStatements(statements);
    if (/export\s+const\s+phase\s*=\s*'contract'/.test(source)) {
      const stillUsed = removedNames(statements).filter((n) => new RegExp(`\\b${n}\\b`).test(code));
      assert.deepEqual(stillUsed, [], `${f} is a contract migration but the code still names what it removes`);
      continue;
    }
    if (f in BEFORE_THE_RULE) { assert.ok(findings.length > 0, `${f} is listed as written before the rule but breaks none: take it off the list`); continue; }
    assert.deepEqual(findings.map((x) => `${x.rule}: ${x.why} — ${x.statement.slice(0, 100)}`), [], `${f} must be expand-only (or export const phase = 'contract')`);
  }
});
