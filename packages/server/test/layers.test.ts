// The layering each package's README states, checked: a line
//   May import: `@cadre/core`, `@cadre/db`. Must not import: `@cadre/cli`, `react`.
// "May import" lists the Cadre packages (and `bench`) a package's src may reach, by name or by a
// relative path into that package; any other is an upward or sideways import and fails. "Must not
// import" adds outside modules (`react`, `pg`, `node:*`, `*` for any npm package) that its runtime
// files (not tests, not `testing.ts` or `testing/`) must not use; a folder named as "outside
// `src/node/`" is the one place of the package that may (a runtime adapter kept apart).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

interface Rule { name: string; dir: string; may: string[]; mustNot: string[]; exempt: string[] }

/** The rule line of a package's README, or why there is none. */
function ruleOf(root: string, dir: string): Rule | string {
  const name = (JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { name: string }).name;
  const readme = join(root, dir, 'README.md');
  const line = existsSync(readme) ? readFileSync(readme, 'utf8').split('\n').find((l) => l.startsWith('May import:')) : undefined;
  if (!line) return `${dir}/README.md has no "May import: ..." line`;
  const [may = '', mustNot = ''] = line.slice('May import:'.length).split('Must not import:');
  const names = (s: string) => [...s.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  const exempt = [...mustNot.matchAll(/outside `([^`]+\/)`/g)].map((m) => m[1]!);
  return { name, dir, may: names(may), mustNot: names(mustNot).filter((n) => !exempt.includes(n)), exempt };
}

/** Every module specifier a source file imports (static, dynamic, require, re-export). */
function importsOf(file: string, source: string): { spec: string; line: number }[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: { spec: string; line: number }[] = [];
  const add = (node: ts.Node, spec: string) => out.push({ spec, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 });
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) add(node, node.moduleSpecifier.text);
    if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) add(node, node.moduleReference.expression.text);
    if (ts.isCallExpression(node) && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])
      && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) add(node, node.arguments[0].text);
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) add(node, node.argument.literal.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) { if (name !== 'node_modules') sources(path, out); } else if (/\.(ts|tsx|mts|js|mjs)$/.test(name)) out.push(path);
  }
  return out;
}

const isTestFile = (rel: string) => /\.test\.tsx?$/.test(rel) || /(^|\/)testing(\.ts|\/)/.test(rel);

/** The packages' directories (relative to `root`): each folder of `packages/` with a package.json. */
function packageDirs(root: string): string[] {
  return readdirSync(join(root, 'packages')).map((d) => `packages/${d}`).filter((d) => existsSync(join(root, d, 'package.json')));
}

/** Every import that breaks its package's README rule, as `file:line imports spec (why)`. */
export function layerBreaks(root: string): string[] {
  const dirs = packageDirs(root);
  const rules = dirs.map((d) => ruleOf(root, d));
  const missing = rules.filter((r): r is string => typeof r === 'string');
  const byDir = new Map((rules.filter((r) => typeof r !== 'string') as Rule[]).map((r) => [r.dir, r]));
  const owner = (abs: string): string => {
    const rel = relative(root, abs).split(sep).join('/');
    const dir = dirs.find((d) => rel === d || rel.startsWith(`${d}/`));
    if (dir) return byDir.get(dir)?.name ?? dir;
    return rel.startsWith('..') ? 'outside the repository' : rel.split('/')[0]!; // e.g. `bench`, `scripts`
  };
  const breaks: string[] = [...missing];
  for (const rule of byDir.values()) {
    const src = join(root, rule.dir, 'src');
    if (!existsSync(src)) continue;
    for (const file of sources(src)) {
      const rel = relative(root, file).split(sep).join('/');
      for (const { spec, line } of importsOf(file, readFileSync(file, 'utf8'))) {
        let target: string | null = null;
        if (spec.startsWith('.')) target = owner(resolve(dirname(file), spec));
        else if (spec.startsWith('@cadre/')) target = spec.split('/').slice(0, 2).join('/');
        if (target !== null) {
          if (target !== rule.name && !rule.may.includes(target)) breaks.push(`${rel}:${line} imports ${spec} (${rule.name} may import ${rule.may.join(', ') || 'no Cadre package'})`);
          continue;
        }
        if (isTestFile(rel) || rule.exempt.some((e) => rel.startsWith(`${rule.dir}/${e}`))) continue;
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        const banned = rule.mustNot.some((m) => m === pkg || (m === 'node:*' && spec.startsWith('node:')) || (m === '*' && !spec.startsWith('node:')));
        if (banned) breaks.push(`${rel}:${line} imports ${spec} (${rule.name} must not import it)`);
      }
    }
  }
  return breaks;
}

test('the checker finds each kind of break in a small bad monorepo', () => {
  const root = mkdtempSync(join(tmpdir(), 'cadre-layers-'));
  try {
    const put = (path: string, text: string) => { mkdirSync(dirname(join(root, path)), { recursive: true }); writeFileSync(join(root, path), text); };
    put('packages/low/package.json', '{ "name": "@cadre/low" }');
    put('packages/low/README.md', '# low\n\nMay import: nothing. Must not import: `react`, `node:*`.\n');
    put('packages/low/src/ok.ts', "import { x } from './own.ts';\nexport const y = x;\n");
    put('packages/low/src/up.ts', "import { h } from '@cadre/high';\n");
    put('packages/low/src/reach.ts', "export { h } from '../../high/src/h.ts';\n");
    put('packages/low/src/lazy.ts', "const m = await import('@cadre/high/deep');\n");
    put('packages/low/src/typed.ts', "type H = import('@cadre/high').H;\n");
    put('packages/low/src/bench.ts', "import { run } from '../../../bench/run.ts';\n");
    put('packages/low/src/view.tsx', "import React from 'react';\n");
    put('packages/low/src/io.ts', "import { readFileSync } from 'node:fs';\n");
    put('packages/low/src/io.test.ts', "import { readFileSync } from 'node:fs';\nimport { h } from '@cadre/high';\n");
    put('packages/high/package.json', '{ "name": "@cadre/high" }');
    put('packages/high/README.md', '# high\n\nMay import: `@cadre/low`.\n');
    put('packages/high/src/h.ts', "import { y } from '@cadre/low';\nimport { z } from '../../low/src/ok.ts';\nimport React from 'react';\n");
    put('packages/silent/package.json', '{ "name": "@cadre/silent" }');
    put('packages/silent/README.md', '# silent\n\nNo rule here.\n');
    const found = layerBreaks(root);
    const at = (file: string) => found.filter((b) => b.startsWith(file));
    for (const file of ['up.ts:1', 'reach.ts:1', 'lazy.ts:1', 'typed.ts:1', 'bench.ts:1', 'view.tsx:1', 'io.ts:1', 'io.test.ts:2']) {
      assert.equal(at(`packages/low/src/${file}`).length, 1, `packages/low/src/${file} is a break: ${found.join('\n')}`);
    }
    assert.deepEqual(at('packages/low/src/ok.ts'), [], 'an import inside the package is fine');
    assert.deepEqual(at('packages/low/src/io.test.ts:1'), [], 'a test may use node:fs');
    assert.deepEqual(at('packages/high/'), [], 'importing a lower package, by name or by path, is fine; react is not banned there');
    assert.ok(found.some((b) => b.includes('packages/silent/README.md has no "May import')), 'a README without a rule fails');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('every package imports only what its README allows', () => {
  assert.ok(packageDirs(repoRoot).length >= 9, 'found the packages');
  assert.deepEqual(layerBreaks(repoRoot), []);
});
