// COPY-based writer for imports: rows are buffered as COPY text and flushed table by table in
// batches on the caller's connection, inside the caller's transaction.
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

export interface BulkItem {
  id: string; projectId: string; kind: string; asset: string | null; content: string | null;
  frames: unknown[] | null; metadata: Record<string, unknown>; importId: string;
}
export interface BulkTask { id: string; projectId: string; itemId: string; stage: string; priority: number }
export interface BulkPrediction {
  id: string; projectId: string; itemId: string; modelVersion: string | null; score: number | null;
  schemaVersion: number; payload: unknown;
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function text(v: string | null): string {
  if (v === null) return '\\N';
  // NUL cannot be stored in a PostgreSQL text value; JSON text escapes it, plain text must lose it.
  const clean = v.includes('\u0000') ? v.replaceAll('\u0000', '') : v;
  return NEEDS_ESCAPE.test(clean) ? clean.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : clean;
}

function json(v: unknown): string {
  return v === null || v === undefined ? '\\N' : text(JSON.stringify(v).replaceAll('\\u0000', ''));
}

const TABLES = {
  items: 'COPY items (id, project_id, kind, asset, content, frames, metadata, import_id) FROM STDIN',
  tasks: 'COPY tasks (id, project_id, item_id, stage, priority) FROM STDIN',
  predictions: 'COPY predictions (id, project_id, item_id, model_version, score, schema_version, payload) FROM STDIN',
} as const;

export class BulkWriter {
  private readonly buffers: Record<keyof typeof TABLES, string[]> = { items: [], tasks: [], predictions: [] };
  private pending = 0;
  readonly counts = { items: 0, tasks: 0, predictions: 0 };

  constructor(private readonly client: pg.PoolClient, private readonly batchRows = 10_000) {}

  async addItem(i: BulkItem): Promise<void> {
    this.buffers.items.push(`${i.id}\t${i.projectId}\t${i.kind}\t${text(i.asset)}\t${text(i.content)}\t${json(i.frames)}\t${json(i.metadata)}\t${i.importId}\n`);
    await this.rowAdded('items');
  }

  async addTask(t: BulkTask): Promise<void> {
    this.buffers.tasks.push(`${t.id}\t${t.projectId}\t${t.itemId}\t${text(t.stage)}\t${t.priority}\n`);
    await this.rowAdded('tasks');
  }

  async addPrediction(p: BulkPrediction): Promise<void> {
    this.buffers.predictions.push(`${p.id}\t${p.projectId}\t${p.itemId}\t${text(p.modelVersion)}\t${p.score ?? '\\N'}\t${p.schemaVersion}\t${json(p.payload)}\n`);
    await this.rowAdded('predictions');
  }

  private async rowAdded(table: keyof typeof TABLES): Promise<void> {
    this.counts[table]++;
    if (++this.pending >= this.batchRows) await this.flush();
  }

  /** Writes everything buffered; items go first so tasks and predictions find their rows. */
  async flush(): Promise<void> {
    for (const table of ['items', 'tasks', 'predictions'] as const) {
      const rows = this.buffers[table];
      if (rows.length === 0) continue;
      this.buffers[table] = [];
      await pipeline(Readable.from([rows.join('')]), this.client.query(copyFrom(TABLES[table])));
    }
    this.pending = 0;
  }
}
