// Any value in any place of a COCO file gives items, row problems or a FormatError: never a TypeError.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { memorySource, readAll } from '@cadre/formats/testing';
import { FormatError, type ReadContext } from '../types.ts';
import { detection, keypoints } from './fixtures.ts';
import { coco } from './index.ts';

/** Every path to a value in a JSON document. */
function paths(v: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  const out = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

function replaced(doc: unknown, path: Array<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
  return copy;
}

const contexts: ReadContext[] = [{ imageSize: async () => null }, { imageSize: async () => null, kindOf: () => 'bbox2d' }];

for (const [name, text] of [['detection', detection], ['keypoints', keypoints]] as const) {
  test(`${name} sample with any value anywhere: items, problems or a FormatError`, async () => {
    const doc: unknown = JSON.parse(text);
    const all = paths(doc);
    await fc.assert(fc.asyncProperty(fc.nat(all.length - 1), fc.jsonValue({ maxDepth: 2 }), fc.boolean(), async (i, value, boxes) => {
      const source = memorySource('f', { 'f.json': JSON.stringify(replaced(doc, all[i]!, value), null, 1) });
      try {
        const r = await readAll(coco, source, contexts[Number(boxes)]);
        for (const e of r.errors) assert.ok(e.file === 'f.json' && e.field !== '' && e.message !== '', JSON.stringify(e));
      } catch (e) {
        if (!(e instanceof FormatError)) throw e;
        assert.equal(e.file, 'f.json');
      }
    }), { numRuns: 400, seed: 7 });
  });
}
