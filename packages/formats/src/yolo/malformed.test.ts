// Any row in a label file, any data.yaml: items, row problems or a FormatError, never a TypeError.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { memorySource, readAll } from '@cadre/formats/testing';
import { FormatError, type ReadContext } from '../types.ts';
import { yolo } from './index.ts';

const token = fc.oneof(fc.constantFrom('0', '1', '7', '-1', '0.5', '1e-3', 'NaN', 'Infinity', '', 'x', '0x10', '.5', '2.'), fc.double().map(String), fc.string({ maxLength: 3 }));
const row = fc.array(token, { maxLength: 12 }).map((t) => t.join(' '));
const ctxs: ReadContext[] = [{ imageSize: async () => ({ width: 64, height: 48 }) }, { imageSize: async () => null }, { imageSize: async () => ({ width: 64, height: 48 }), kindOf: () => 'polygon' }];

test('label files of any rows: items, problems naming file, line and field, or a FormatError', async () => {
  await fc.assert(fc.asyncProperty(fc.array(row, { maxLength: 6 }), fc.constantFrom('names: [a, b]\n', 'names: {0: a}\nkpt_shape: [1, 3]\n', ''), fc.nat(2), async (rows, yaml, c) => {
    const files: Record<string, string> = { 'labels/a.txt': rows.join('\n') };
    if (yaml) files['data.yaml'] = yaml;
    const r = await readAll(yolo, memorySource('s', files), ctxs[c]);
    for (const e of r.errors) assert.ok(e.file === 'labels/a.txt' && e.field !== '' && e.message !== '', JSON.stringify(e));
  }), { numRuns: 500, seed: 11 });
});

test('any data.yaml: names read, or a FormatError naming data.yaml', async () => {
  await fc.assert(fc.asyncProperty(fc.oneof(fc.string({ maxLength: 40 }), fc.jsonValue({ maxDepth: 2 }).map((v) => `names: ${JSON.stringify(v)}\n`)), async (yaml) => {
    try {
      await readAll(yolo, memorySource('s', { 'data.yaml': yaml, 'labels/a.txt': '0 0.5 0.5 0.1 0.1\n' }), ctxs[0]);
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      assert.equal(e.file, 'data.yaml');
    }
  }), { numRuns: 300, seed: 12 });
});
