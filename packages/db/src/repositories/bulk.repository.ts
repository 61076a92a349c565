// COPY-based writer for imports: rows are buffered as COPY text and flushed table by table in
// batches on the caller's connection, inside the caller's transaction.
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

export interface BulkItem {
  id: string; projectId: string; kind: string; asset: string | null; content: string | null;
  frames: unknown[] | null; metadata: Record<string, unknown>; importId: string;
  /** The media as the user named it, when `asset` is where this server found it. */
  mediaRef?: string | null; width?: number | null; height?: number | null;
}
/** `status` 'done' with stage 'accepted' for labels imported as finished work; open otherwise. */
export interface BulkTask { id: string; projectId: string; itemId: string; stage: string; priority: number; status?: 'open' | 'done' }
/** An annotation a file brought: version 1.., by the importing person or the file's author when known. */
export interface BulkAnnotation {
  id: string; projectId: string; itemId: string; version: number; authorId: string | null;
  state: 'submitted' | 'accepted'; schemaVersion: number; payload: unknown; importedFrom: unknown; createdAt: string;
}
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
  if (v === null || v === undefined) return '\\N';
  let t = JSON.stringify(v);
  // JSON text has no raw tab, newline or carriage return (they are escaped), so only backslashes
  // need COPY's escaping; most payloads have none, and indexOf is far cheaper than a regex replace.
  if (t.includes('\\u0000')) t = t.replaceAll('\\u0000', '');
  return t.includes('\\') ? t.replaceAll('\\', '\\\\') : t;
}

const TABLES = {
  items: 'COPY items (id, project_id, kind, asset, content, frames, metadata, import_id, media_ref, width, height) FROM STDIN',
  tasks: 'COPY tasks (id, project_id, item_id, stage, priority, status) FROM STDIN',
  predictions: 'COPY predictions (id, project_id, item_id, model_version, score, schema_version, payload) FROM STDIN',
  annotations: "COPY annotations (id, project_id, item_id, version, author_id, author_kind, state, schema_version, payload, imported_from, created_at) FROM STDIN",
} as const;
type Table = keyof typeof TABLES;
const ORDER: readonly Table[] = ['items', 'tasks', 'predictions', 'annotations'];
const int = (v: number | null | undefined) => (v === null || v === undefined ? '\\N' : String(Math.round(v)));

/** Pieces of at least this many bytes are handed to COPY. */
const PIECE = 1 << 20;

/**
 * One table's rows of a batch as UTF-8, written row by row into megabyte buffers: each row is
 * encoded once, and no batch-sized string is ever joined (or held beside its bytes).
 */
class Rows {
  readonly pieces: Buffer[] = [];
  private buf: Buffer | null = null;
  private at = 0;

  add(row: string): void {
    // A UTF-16 unit is at most 3 bytes of UTF-8.
    if (this.buf === null || this.buf.length - this.at < row.length * 3) {
      this.seal();
      this.buf = Buffer.allocUnsafe(Math.max(PIECE, row.length * 3));
      this.at = 0;
    }
    this.at += this.buf.write(row, this.at);
  }

  /** The rows as pieces to copy; none when the table got no rows. */
  done(): Buffer[] {
    this.seal();
    return this.pieces;
  }

  private seal(): void {
    if (this.buf !== null && this.at > 0) this.pieces.push(this.buf.subarray(0, this.at));
    this.buf = null;
    this.at = 0;
  }
}

const empty = (): Record<Table, Rows> => ({ items: new Rows(), tasks: new Rows(), predictions: new Rows(), annotations: new Rows() });

/**
 * Buffers rows as COPY text and writes them a batch at a time. While one batch is being copied the
 * caller builds the next, so parsing in Node and writing in PostgreSQL overlap.
 */
export class BulkWriter {
  private buffers: Record<Table, Rows> = empty();
  private pending = 0;
  private inFlight: Promise<void> | null = null;
  readonly counts = { items: 0, tasks: 0, predictions: 0, annotations: 0 };

  constructor(private readonly client: pg.PoolClient, private readonly batchRows = 20_000) {}

  addItem(i: BulkItem): void {
    this.buffers.items.add(`${i.id}\t${i.projectId}\t${i.kind}\t${text(i.asset)}\t${text(i.content)}\t${json(i.frames)}\t${json(i.metadata)}\t${i.importId}\t${text(i.mediaRef ?? null)}\t${int(i.width)}\t${int(i.height)}\n`);
    this.counts.items++;
    this.pending++;
  }

  addTask(t: BulkTask): void {
    this.buffers.tasks.add(`${t.id}\t${t.projectId}\t${t.itemId}\t${text(t.stage)}\t${t.priority}\t${t.status ?? 'open'}\n`);
    this.counts.tasks++;
    this.pending++;
  }

  addPrediction(p: BulkPrediction): void {
    this.buffers.predictions.add(`${p.id}\t${p.projectId}\t${p.itemId}\t${text(p.modelVersion)}\t${p.score ?? '\\N'}\t${p.schemaVersion}\t${json(p.payload)}\n`);
    this.counts.predictions++;
    this.pending++;
  }

  addAnnotation(a: BulkAnnotation): void {
    this.buffers.annotations.add(`${a.id}\t${a.projectId}\t${a.itemId}\t${a.version}\t${a.authorId ?? '\\N'}\thuman\t${a.state}\t${a.schemaVersion}\t${json(a.payload)}\t${json(a.importedFrom)}\t${text(a.createdAt)}\n`);
    this.counts.annotations++;
    this.pending++;
  }

  /** True when a batch is ready; the caller then awaits `sendBatch()`. */
  get full(): boolean {
    return this.pending >= this.batchRows;
  }

  /** Starts copying the buffered batch after the previous one has finished. */
  async sendBatch(): Promise<void> {
    const batch = this.buffers;
    this.buffers = empty();
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

  // Items go first so tasks, predictions and annotations of the same batch find their rows.
  private async copy(batch: Record<Table, Rows>): Promise<void> {
    for (const table of ORDER) {
      const pieces = batch[table].done();
      if (pieces.length > 0) await pipeline(Readable.from(pieces), this.client.query(copyFrom(TABLES[table])));
    }
  }
}
