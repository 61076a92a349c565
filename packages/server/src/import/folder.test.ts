import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { folderRows } from './folder.ts';
import { toItemDraft } from './item-draft.ts';
import { needsSharedData, SHARED_DATA } from './testing.ts';
import { ImportFileError } from './types.ts';
import type { RowResult } from './types.ts';

async function collect(dir: string): Promise<RowResult[]> {
  const out: RowResult[] = [];
  for await (const r of folderRows(dir)) out.push(r);
  return out;
}

test('a folder walk yields one row per file, sorted, recursing, with errors for what it cannot import', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cadre-folder-'));
  try {
    await mkdir(join(dir, 'b/scan'), { recursive: true });
    await writeFile(join(dir, 'b/scan/0001.pcd.bin'), Buffer.alloc(20));
    await writeFile(join(dir, 'b/a.PNG'), 'x');
    await writeFile(join(dir, 'c.txt'), '\uFEFFhello ünïcødé');
    await writeFile(join(dir, 'a.jpg'), 'x');
    await writeFile(join(dir, 'notes.docx'), 'x');
    await writeFile(join(dir, 'bad.txt'), Buffer.from([0x68, 0xff]));
    await writeFile(join(dir, '.DS_Store'), 'x');
    const rows = await collect(dir);
    assert.deepEqual(rows.map((r) => (r.ok ? r.row.data : `${r.error.field}: ${r.error.message}`)), [
      { image: join(dir, 'a.jpg') },
      { image: join(dir, 'b/a.PNG') },
      { pointcloud: join(dir, 'b/scan/0001.pcd.bin') },
      'data.text: the file is not valid UTF-8 text',
      { text: 'hello ünïcødé' },
      'file: unsupported file type .docx',
    ]);
    const bad = rows[5];
    assert.ok(bad && !bad.ok);
    assert.deepEqual([bad.error.file, bad.error.line], [join(dir, 'notes.docx'), 0]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a missing folder is a file error', async () => {
  await assert.rejects(collect('/nonexistent/cadre-folder'), ImportFileError);
});

test('real data: coco128 has 128 images, and its labels and metadata are reported', needsSharedData, async () => {
  const root = fileURLToPath(new URL('images/coco128/', SHARED_DATA));
  const images = await collect(join(root, 'images'));
  assert.equal(images.length, 128);
  for (const r of images) {
    assert.ok(r.ok);
    const item = toItemDraft(r.row, 'coco128');
    assert.ok(item.ok && item.item.kind === 'image' && item.item.asset?.startsWith(root) && item.item.asset.endsWith('.jpg'));
  }
  const all = await collect(root);
  const kinds = all.map((r) => (r.ok ? Object.keys(r.row.data)[0] : 'error'));
  const count = (k: string) => kinds.filter((x) => x === k).length;
  assert.deepEqual([count('image'), count('text'), count('error')], [128, 128, 2]); // YOLO .txt labels; .json and .yaml unsupported
});
