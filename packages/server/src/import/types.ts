export type ImportFormat = 'json' | 'jsonl' | 'csv';

export interface PredictionInput {
  modelVersion: string | null;
  score: number | null;
  result: unknown[];
}

/** One task as read from a file; `line` is where the row starts (1-based; 0 for folder rows). */
export interface TaskRow {
  line: number;
  data: Record<string, unknown>;
  predictions: PredictionInput[];
  priority: number;
  /** An annotation payload the file already holds (CoNLL with --conll-labels as-annotations): stored as version 1, accepted. */
  annotation?: unknown;
  /** The file of a folder import this row was made of; such rows are imported only where they fit the project's kind. */
  source?: string;
  /** Boxes moved into the image by at most `maxPx` (float noise of a converted label file). */
  clamped?: { boxes: number; maxPx: number };
  /** Label sets a label file holds (COCO, CVAT, Label Studio annotations …): what they become is the import's `as`. */
  labels?: ImportedLabels[];
  /** Machine proposals the file holds (Label Studio predictions): always stored as predictions. */
  machine?: ImportedLabels[];
  /** The media as the file named it, when `data` holds where this server found it. */
  mediaRef?: string;
  /** Image size in pixels, when the file gave it. */
  size?: { width: number; height: number };
  /** What the file held that was mapped or left out, for the report. */
  notes?: ImportNote[];
}

/** One set of labels of a row, as a Cadre payload, with what the file said of who made it. */
export interface ImportedLabels {
  payload: { schemaVersion: 1; objects: unknown[] };
  author?: string;
  createdAt?: string;
  score?: number;
  modelVersion?: string;
}

/** Something a file held that the import kept in another form (`mapped`) or could not keep (`dropped`). */
export interface ImportNote { file: string; line: number; field: string; kind: 'mapped' | 'dropped'; reason: string; message: string }

/** A problem with one row; the reader goes on, so the caller decides whether to skip or abort. */
export interface RowError {
  file: string;
  line: number;
  /** JSON-style path inside the row, e.g. `predictions[1].result`, `data.image`; `row` for the whole row. */
  field: string;
  message: string;
}

/** A row, or a row's problem; `leftOut` (a reason): a row the import leaves out and lists (see @cadre/formats' ReadResult). */
export type RowResult = { ok: true; row: TaskRow } | { ok: false; error: RowError; leftOut?: string };

export type ImportFileErrorCode = 'syntax' | 'truncated' | 'row_too_large' | 'encoding' | 'unreadable';

/** A problem that makes the rest of the file unreadable: the import stops. */
export class ImportFileError extends Error {
  override name = 'ImportFileError';
  readonly file: string;
  readonly line: number;
  readonly code: ImportFileErrorCode;
  readonly detail: string;

  constructor(file: string, line: number, code: ImportFileErrorCode, detail: string) {
    super(`${file}:${line}: ${detail}`);
    this.file = file;
    this.line = line;
    this.code = code;
    this.detail = detail;
  }
}

export function formatRowError(e: RowError): string {
  return `${e.file}:${e.line}: ${e.field}: ${e.message}`;
}

export const DEFAULT_MAX_ROW_BYTES = 16 * 1024 * 1024;

/** A short, quoted rendering of a bad value for messages ("got ..."). */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(shown);
  }
  return String(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
