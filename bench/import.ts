// Import phase: rows/s through Cadre's importer (file -> readTaskRows -> importRows -> COPY into
// items, tasks, predictions) against a plain COPY of the same number of rows into a scratch table.
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { uuidv7 } from '@cadre/core';
import { importer, imports, type Actor, type ServiceDeps } from '@cadre/server';
import { labelStudioLine } from './setup.ts';

export interface ImportResult { rows: number; seconds: number; rowsPerS: number; predictions: number; copyRowsPerS: number; copySeconds: number }

async function writeJsonl(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  let batch = '';
  for (let i = 0; i < rows; i++) {
    batch += labelStudioLine(i);
    if (batch.length > 1 << 16) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end(batch);
  await once(out, 'finish');
}

export async function importPhase(deps: ServiceDeps, admin: Actor, projectId: string, rows: number, dir: string): Promise<ImportResult> {
  const path = join(dir, 'tasks.jsonl');
  await writeJsonl(path, rows);
  const t0 = performance.now();
  const report = await importer.importRows(deps, admin, imports.readTaskRows(createReadStream(path), { format: 'jsonl', file: 'tasks.jsonl' }), {
    projectId, file: 'tasks.jsonl', format: 'jsonl', skipInvalid: false,
  });
  const seconds = (performance.now() - t0) / 1000;
  if (report.imported !== rows) throw new Error(`imported ${report.imported} rows, expected ${rows}`);
  const copy = await copyBaseline(deps, projectId, rows);
  return { rows, seconds, rowsPerS: rows / seconds, predictions: report.predictions, copyRowsPerS: rows / copy, copySeconds: copy };
}

/** Seconds for one COPY of `rows` item-shaped rows (same indexes as items, no foreign keys) in one transaction. */
async function copyBaseline(deps: ServiceDeps, projectId: string, rows: number): Promise<number> {
  const client = await deps.pool.connect();
  try {
    await client.query('CREATE TABLE bench_copy (LIKE items INCLUDING DEFAULTS INCLUDING INDEXES)');
    async function* lines(): AsyncGenerator<string> {
      let batch = '';
      for (let i = 0; i < rows; i++) {
        batch += `${uuidv7()}\t${projectId}\timage\thttps://media.bench.example/img_${String(i).padStart(6, '0')}.jpg\t\\N\t\\N\t{}\t\\N\n`;
        if (batch.length > 1 << 16) { yield batch; batch = ''; }
      }
      if (batch) yield batch;
    }
    const t0 = performance.now();
    await client.query('BEGIN');
    await pipeline(Readable.from(lines()), client.query(copyFrom('COPY bench_copy (id, project_id, kind, asset, content, frames, metadata, import_id) FROM STDIN')));
    await client.query('COMMIT');
    const seconds = (performance.now() - t0) / 1000;
    await client.query('DROP TABLE bench_copy');
    return seconds;
  } finally {
    client.release();
  }
}
