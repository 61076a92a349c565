// Services hold the rules, repositories (@cadre/db) hold the SQL. This fails when a file under
// packages/server/src builds a query (services above all; routes, importers and the runtime too). Services may still open a transaction
// (`withTransaction`, `db.transaction().execute`, `kyselyOn`) and hand it to repositories.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const serverSrc = join(root, 'packages/server/src');

/** Methods that start a query (Kysely) or send SQL text (pg). */
const QUERY_METHODS = new Set([
  'selectFrom', 'insertInto', 'replaceInto', 'updateTable', 'deleteFrom', 'mergeInto', 'selectNoFrom',
  'withRecursive', 'withSchema', 'executeQuery', 'query',
]);
/** SQL text in a string: a statement keyword at its start (upper case, as this code base writes SQL). */
const SQL_TEXT = /^\s*(SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|WITH\s+\w+\s+AS|LISTEN|UNLISTEN|NOTIFY|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|TRUNCATE|CREATE|ALTER|DROP|COPY)\b/;

/** Files still waiting to move their SQL to @cadre/db; this list must end empty. */
const PENDING: string[] = [
];

/** Every place in `source` that builds a query, as `line: what`. */
export function queriesIn(source: string, file = 'sample.ts'): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const at = (node: ts.Node, what: string) => found.push(`${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}: ${what}`);
  const driver = (spec: string) => spec === 'kysely' || spec.startsWith('kysely/') || spec === 'pg' || spec.startsWith('pg-');
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const spec = node.moduleSpecifier.text;
      const typeOnly = ts.isImportDeclaration(node) ? node.importClause?.isTypeOnly === true : node.isTypeOnly;
      // A type from pg (a PoolClient handed to a repository) builds nothing; kysely is the query builder itself.
      if (driver(spec) && (spec.startsWith('kysely') || !typeOnly)) at(node, `imports ${spec}`);
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const arg = node.arguments[0];
      if (callee.kind === ts.SyntaxKind.ImportKeyword && arg && ts.isStringLiteral(arg) && driver(arg.text)) at(node, `imports ${arg.text}`);
      if (ts.isIdentifier(callee) && callee.text === 'require' && arg && ts.isStringLiteral(arg) && driver(arg.text)) at(node, `requires ${arg.text}`);
      if (ts.isPropertyAccessExpression(callee)) {
        const name = callee.name.text;
        if (QUERY_METHODS.has(name)) at(node, `.${name}()`);
        // `.with('name', ...)` starts a CTE; an array's `.with(index, value)` does not.
        if (name === 'with' && arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) at(node, '.with() CTE');
        if (ts.isIdentifier(callee.expression) && callee.expression.text === 'sql') at(node, `sql.${name}()`);
      }
    }
    if (ts.isTaggedTemplateExpression(node)) {
      const tag = ts.isPropertyAccessExpression(node.tag) ? node.tag.expression : node.tag;
      if (ts.isIdentifier(tag) && tag.text === 'sql') at(node, 'sql`` template');
    }
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)) && SQL_TEXT.test(node.text)) {
      at(node, `SQL text "${node.text.trim().slice(0, 30)}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}

test('the checker finds each way of building a query in a small bad sample', () => {
  const bad: Record<string, string> = {
    kysely: `import { sql } from 'kysely';`,
    kyselyType: `import type { Kysely } from 'kysely';`,
    pg: `import pg from 'pg';`,
    dynamic: `const k = await import('kysely');`,
    selectFrom: `await db.selectFrom('tasks').selectAll().execute();`,
    insertInto: `await tx.insertInto('events').values(v).execute();`,
    updateTable: `await tx.updateTable('tasks').set({ status: 'open' }).execute();`,
    deleteFrom: `await tx.deleteFrom('tasks').execute();`,
    selectNoFrom: `await db.selectNoFrom((eb) => eb.val(1).as('one')).execute();`,
    cte: `await db.with('open', (q) => q).selectAll().execute();`,
    template: 'await sql`SELECT 1`.execute(db);',
    typedTemplate: 'await sql<{ n: number }>`SELECT 1 AS n`.execute(db);',
    sqlRaw: `const q = sql.raw(text);`,
    raw: `await client.query('BEGIN');`,
    rawText: `const text = "UPDATE projects SET ontology = $2 WHERE id = $1";`,
    listen: 'await c.send(`LISTEN ${channel}`);',
  };
  for (const [name, line] of Object.entries(bad)) {
    assert.ok(queriesIn(`async function f() {}\n${line}\n`).length > 0, `${name} is found: ${line}`);
  }
  const good = [
    `import type { PoolClient } from 'pg';`,
    `import { tasks, withTransaction, kyselyOn } from '@cadre/db';`,
    `// selectFrom('tasks') in a comment builds nothing`,
    `await deps.db.transaction().execute(async (tx) => tasks.moveTask(tx, id, next));`,
    `await withTransaction(pool, async (client) => tasks.lease(kyselyOn(client), id));`,
    `const copy = list.with(0, 'x');`,
    `throw new Error('Select a class first');`,
    `const label = 'selected';`,
  ].join('\n');
  assert.deepEqual(queriesIn(good), []);
});

test('no service (nor route, importer or runtime file) builds a query: SQL lives in @cadre/db repositories', () => {
  const files = sourceFiles(serverSrc);
  assert.ok(files.some((f) => f.includes('/services/workflow/')) && files.length > 50, `found the server's files (${files.length})`);
  const offences = files.filter((f) => !PENDING.includes(f))
    .flatMap((f) => queriesIn(readFileSync(join(root, f), 'utf8'), f).map((where) => `${f}:${where}`));
  assert.deepEqual(offences, [], 'move these queries into a repository in packages/db/src/repositories');
});

test('the files still waiting to move their SQL do build queries (drop them from PENDING once moved)', () => {
  for (const f of PENDING) assert.ok(queriesIn(readFileSync(join(root, f), 'utf8'), f).length > 0, `${f} builds no query any more: remove it from PENDING`);
});
