import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { detectFormat } from './detect.ts';
import { toItemDraft } from './item-draft.ts';
import { readTaskRows } from './read.ts';
import { needsSharedData, SHARED_DATA } from './testing.ts';

test('banking77: 10,003 text rows with their intent, all importable as text items', needsSharedData, async () => {
  const path = fileURLToPath(new URL('text/banking77/train.csv', SHARED_DATA));
  const categories = new Set<unknown>();
  let rows = 0;
  let lastLine = 0;
  for await (const r of readTaskRows(createReadStream(path, { highWaterMark: 4096 }), { format: detectFormat(path), file: path })) {
    assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.error));
    assert.deepEqual(Object.keys(r.row.data), ['text', 'category']);
    assert.ok(r.row.line > lastLine);
    lastLine = r.row.line;
    const item = toItemDraft(r.row, path);
    assert.ok(item.ok && item.item.kind === 'text' && item.item.text === r.row.data['text']);
    categories.add(r.row.data['category']);
    rows++;
  }
  assert.equal(rows, 10_003);
  assert.equal(categories.size, 77);
});
