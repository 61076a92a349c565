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

/**
 * Buffers rows as COPY text and writes them a batch at a time. While one batch is being copied the
 * caller builds the next, so parsing in Node and writing in PostgreSQL overlap.
 */
export class BulkWriter {
  private buffers: Record<keyof typeof TABLES, string[]> = { items: [], tasks: [], predictions: [] };
  private pending = 0;
  private inFlight: Promise<void> | null = null;
  readonly counts = { items: 0, tasks: 0, predictions: 0 };

  constructor(private readonly client: pg.PoolClient, private readonly batchRows = 20_000) {}

  addItem(i: BulkItem): void {
    this.buffers.items.push(`${i.id}\t${i.projectId}\t${i.kind}\t${text(i.asset)}\t${text(i.content)}\t${json(i.frames)}\t${json(i.metadata)}\t${i.importId}\n`);
    this.counts.items++;
    this.pending++;
  }

  addTask(t: BulkTask): void {
    this.buffers.tasks.push(`${t.id}\t${t.projectId}\t${t.itemId}\t${text(t.stage)}\t${t.priority}\n`);
    this.counts.tasks++;
    this.pending++;
  }

  addPrediction(p: BulkPrediction): void {
    this.buffers.predictions.push(`${p.id}\t${p.projectId}\t${p.itemId}\t${text(p.modelVersion)}\t${p.score ?? '\\N'}\t${p.schemaVersion}\t${json(p.payload)}\n`);
    this.counts.predictions++;
    this.pending++;
  }

  /** True when a batch is ready; the caller then awaits `sendBatch()`. */
  get full(): boolean {
    return this.pending >= this.batchRows;
  }

  /** Starts copying the buffered batch after the previous one has finished. */
  async sendBatch(): Promise<void> {
    const batch = this.buffers;
    this.buffers = { items: [], tasks: [], predictions: [] };
    this.pending = 0;
    const previous = this.inFlight;
    if (previous) await previous;
    const copying = this.copy(batch);
    // A failure surfaces at the next sendBatch or at finish; never as an unhandled rejection.
    copying.catch(() => undefined);
    this.inFlight = copying;
  }

  /** Writes everything still buffered and waits for it. */
  async finish(): Promise<void> {
    await this.sendBatch();
    await this.inFlight;
    this.inFlight = null;
  }

  /** Waits for a batch still being copied, ignoring its outcome (the caller is rolling back). */
  async settle(): Promise<void> {
    await this.inFlight?.catch(() => undefined);
  }

  // Items go first so tasks and predictions of the same batch find their rows.
  private async copy(batch: Record<keyof typeof TABLES, string[]>): Promise<void> {
    for (const table of ['items', 'tasks', 'predictions'] as const) {
      const rows = batch[table];
      if (rows.length > 0) await pipeline(Readable.from([rows.join('')]), this.client.query(copyFrom(TABLES[table])));
    }
  }
}
