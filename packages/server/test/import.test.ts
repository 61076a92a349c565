import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { exporter, submissions } from '../src/index.ts';
import { harness, box, payload, type Harness } from './harness.ts';

let h: Harness;
before(async () => { h = await harness(); });
after(async () => { await h.close(); });

const count = async (table: 'items' | 'tasks' | 'predictions', projectId: string) =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE project_id = ${projectId}`.execute(h.deps.db)).rows[0]!.n;

test('a bad row at line N fails the import naming line N, and nothing is committed', async () => {
  const projectId = await h.project('Bad row');
  const lines = h.imageRows(2000).split('\n');
  lines[1233] = '{"data":{"image":"x.jpg"},"predictions":[{"result":[],"score":"high"}]}'; // line 1234
  await assert.rejects(h.importText(projectId, lines.join('\n')), (e: Error) => {
    assert.match(e.message, /tasks\.jsonl line 1234: predictions\[0\]\.score/);
    assert.match(e.message, /nothing was imported/);
    return true;
  });
  assert.equal(await count('items', projectId), 0);
  assert.equal(await count('tasks', projectId), 0);
  const failed = await h.deps.db.selectFrom('imports').select(['status']).where('project_id', '=', projectId).execute();
  assert.deepEqual(failed.map((r) => r.status), ['failed']);
});

test('with skip-invalid the valid rows go in and the report lists the skipped ones', async () => {
  const projectId = await h.project('Skip invalid');
  const text = '{"data":{"image":"a.jpg"}}\n{"data":{"nothing":1}}\n{"data":{"image":"c.jpg"},"priority":"soon"}\n{"data":{"image":"d.jpg"}}\n';
  const report = await h.importText(projectId, text, 'jsonl', true);
  assert.equal(report.imported, 2);
  assert.equal(report.skipped, 2);
  assert.deepEqual(report.errors.map((e) => [e.line, e.field]), [[2, 'data'], [3, 'priority']]);
  assert.equal(await count('tasks', projectId), 2);
});

test('a truncated file fails and commits nothing, even with skip-invalid', async () => {
  const projectId = await h.project('Truncated');
  const text = `[${'{"data":{"image":"a.jpg"}},'.repeat(500)}{"data":{"ima`;
  await assert.rejects(h.importText(projectId, text, 'json', true), /tasks\.json.*(truncated|end of file|unterminated|ends)/i);
  assert.equal(await count('items', projectId), 0);
});

test('CSV and JSON arrays import in Label Studio task shape, predictions included', async () => {
  const projectId = await h.project('Shapes');
  await h.importText(projectId, 'text,source\nhello world,chat\n"with, a comma",mail\n', 'csv');
  await h.importText(projectId, JSON.stringify([{ data: { image: 'p.jpg' }, predictions: [{ model_version: 'yolo', score: 0.9, result: [{ type: 'rectanglelabels', value: { x: 1, y: 2, width: 3, height: 4, rectanglelabels: ['car'] } }] }] }]), 'json');
  assert.equal(await count('items', projectId), 3);
  assert.equal(await count('predictions', projectId), 1);
  const texts = await h.deps.db.selectFrom('items').select(['content', 'metadata']).where('project_id', '=', projectId).where('kind', '=', 'text').orderBy('id').execute();
  assert.deepEqual(texts.map((t) => [t.content, (t.metadata as { source: string }).source]), [['hello world', 'chat'], ['with, a comma', 'mail']]);
});

test('export gives every item with its latest accepted annotation', async () => {
  const { projectId, worker: w, task } = await h.leasedTask('Export', 3);
  await submissions.submit(h.deps, w, task.id, randomUUID(), payload(box('a', 42)));
  let text = '';
  for await (const chunk of exporter.exportJsonl(h.deps, h.admin, projectId)) text += chunk;
  const rows = text.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(rows.length, 3);
  const done = rows.filter((r) => r.annotation);
  assert.equal(done.length, 1);
  assert.equal(done[0].data.image, '/images/000001.jpg');
  assert.deepEqual(done[0].annotation.objects[0].geometry, { x: 42, y: 10, width: 20, height: 30 });
});
