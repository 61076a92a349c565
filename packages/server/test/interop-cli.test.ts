// The command line's side of label interop: `cadre import` of a broken COCO file exits non-zero
// with a message naming the file, its line and field, and imports nothing; a good one imports as
// labels, and `cadre export --format yolo --out DIR` then writes YOLO label files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHARED_DATA } from '@cadre/core/testing';
import { createTestDatabase, type TestDatabase } from '@cadre/db/testing';
import { detection } from '../../formats/src/coco/fixtures.ts';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../cli/bin/cadre.mjs', import.meta.url));
let t: TestDatabase;
let dir: string;

before(async () => {
  t = await createTestDatabase({ max: 2 });
  dir = mkdtempSync(join(tmpdir(), 'cadre-interop-cli-'));
});
after(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const cadre = (...args: string[]) =>
  run(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: t.url, CADRE_ADMIN_PASSWORD: 'first-admin-pw', CADRE_DEMO: 'false' } });

const count = async (table: 'items' | 'tasks' | 'annotations' | 'predictions', projectId: string) =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('project_id', '=', projectId).executeTakeFirstOrThrow()).n);

const files = (root: string): string[] => readdirSync(root, { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)).split('\\').join('/')).sort();

test('cadre import of a broken COCO file exits non-zero naming file, line and field, and imports nothing; a good one exports as YOLO label files', async () => {
  const ontology = join(dir, 'ontology.json');
  writeFileSync(ontology, JSON.stringify({ classes: [{ name: 'car', kind: 'bbox2d' }, { name: 'person', kind: 'bbox2d' }] }));
  const created = JSON.parse((await cadre('project', 'create', '--name', 'Interop CLI', '--ontology', ontology)).stdout.trim().split('\n').at(-1)!);

  // The third annotation's box has a word where its width should be.
  const doc = JSON.parse(detection);
  doc.annotations[2].bbox = [0.125, 0.25, 'abc', 3];
  const bad = join(dir, 'BAD.json');
  writeFileSync(bad, JSON.stringify(doc, null, 2));
  await assert.rejects(cadre('import', bad, '--project', 'Interop CLI', '--format', 'coco', '--as', 'labels'), (e: { code: number; stderr: string }) => {
    assert.notEqual(e.code, 0);
    assert.match(e.stderr, /BAD\.json/, e.stderr);
    assert.match(e.stderr, /:\d+|line \d+/, e.stderr);
    assert.match(e.stderr, /annotations\[2\]\.bbox/, e.stderr);
    return true;
  });
  for (const table of ['items', 'tasks', 'annotations', 'predictions'] as const) assert.equal(await count(table, created.id), 0, `no ${table} after the refused import`);

  const good = join(dir, 'GOOD.json');
  writeFileSync(good, detection);
  const imported = await cadre('import', good, '--project', 'Interop CLI', '--format', 'coco', '--as', 'labels');
  assert.match(imported.stdout, /imported 2 items/, imported.stdout + imported.stderr);
  assert.equal(await count('items', created.id), 2);
  assert.equal(await count('annotations', created.id), 2);

  const out = join(dir, 'yolo');
  await cadre('export', '--project', created.id, '--format', 'yolo', '--out', out);
  const written = files(out);
  assert.ok(written.includes('data.yaml'), written.join(', '));
  const labels = written.filter((f) => f.startsWith('labels/') && f.endsWith('.txt'));
  assert.deepEqual(labels, ['labels/a.txt', 'labels/b.txt']);
  const rows = labels.flatMap((f) => readFileSync(join(out, f), 'utf8').trim().split('\n').filter((l) => l !== ''));
  assert.ok(rows.length >= 2, rows.join('\n'));
  for (const row of rows) assert.match(row, /^\d+( -?\d+(\.\d+)?(e-?\d+)?)+$/, `a YOLO row: ${row}`);
  assert.ok(existsSync(join(out, 'data.yaml')));

  // A one-file dataset goes into the folder --out names; a file named like the format's file is that file.
  const datumaro = join(dir, 'datumaro');
  await cadre('export', '--project', created.id, '--format', 'datumaro', '--out', datumaro);
  assert.deepEqual(files(datumaro), ['annotations/default.json']);
  const cocoOut = join(dir, 'back.json');
  await cadre('export', '--project', created.id, '--format', 'coco', '--out', cocoOut);
  assert.equal(JSON.parse(readFileSync(cocoOut, 'utf8')).annotations.length, 3);
});

test('images found through --media are served from there (an export with the images holds them), and two label files of one folder are two imports', async () => {
  const images = join(SHARED_DATA, 'images/coco128/images/train2017');
  const ontology = join(dir, 'ontology-media.json');
  writeFileSync(ontology, JSON.stringify({ classes: [{ name: 'giraffe', kind: 'bbox2d' }] }));
  const created = JSON.parse((await cadre('project', 'create', '--name', 'Interop media', '--ontology', ontology)).stdout.trim().split('\n').at(-1)!);
  const labels = join(dir, 'elsewhere');
  mkdirSync(labels);
  const cocoFile = (file: string, name: string) => {
    writeFileSync(join(labels, file), JSON.stringify({
      images: [{ id: 1, file_name: name, width: 640, height: 480 }],
      annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [10, 20, 100, 200], iscrowd: 0 }],
      categories: [{ id: 1, name: 'giraffe' }],
    }));
    return join(labels, file);
  };
  // Two files of the same folder, their images in a folder of their own: both strict imports go through.
  for (const [file, name] of [['train.json', '000000000025.jpg'], ['val.json', '000000000030.jpg']] as const) {
    const r = await cadre('import', cocoFile(file, name), '--project', created.id, '--as', 'labels', '--strict', '--media', images);
    assert.match(r.stdout, /imported 1 items/, r.stdout + r.stderr);
  }
  const again = cadre('import', join(labels, 'val.json'), '--project', created.id, '--as', 'labels', '--strict', '--media', images);
  await assert.rejects(again, (e: { stderr: string }) => /imported before/.test(e.stderr), 'the same file again is refused by a strict import');

  const out = join(dir, 'with-media');
  const exported = await cadre('export', '--project', created.id, '--format', 'yolo', '--out', out, '--with-media');
  assert.doesNotMatch(exported.stderr, /left out/, exported.stderr);
  const written = files(out);
  assert.deepEqual(written.filter((f) => f.startsWith('images/')), ['images/000000000025.jpg', 'images/000000000030.jpg']);
  assert.deepEqual(readFileSync(join(out, 'images/000000000025.jpg')), readFileSync(join(images, '000000000025.jpg')), 'the image itself');
});
