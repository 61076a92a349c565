import type { ConllMeta, TagScheme } from '../text/conll-format.ts';
import { conllSentence, emptyStats, whitespaceMeta, type ConllWriteStats, type SpanLike } from '../text/conll-write.ts';
import type { TableMeta } from '../text/table-read.ts';
import { classLabels, tableLine } from '../text/table-write.ts';
import { exportPages } from './export.service.ts';
import type { Actor, ServiceDeps } from './context.ts';

export interface ConllExportOptions {
  /** `accepted` (default): the latest accepted annotation; `latest`: the latest of any state. */
  which?: 'accepted' | 'latest';
  /** Write every sentence's tags in this scheme (default: each in the scheme it was imported in; iob2 for new texts). */
  scheme?: TagScheme;
  /** Text items not imported from CoNLL: `token<TAB>tag` (default) or `token tag`. */
  separator?: 'tab' | 'space';
}

/** What the export counted; `skipped`: items that are not text. */
export type ConllExportStats = ConllWriteStats & { skipped: number };

const PAGE = 2000;

function spansOf(payload: unknown): SpanLike[] {
  const objects = (payload as { objects?: unknown } | null)?.objects;
  if (!Array.isArray(objects)) return [];
  return objects.flatMap((o: { kind?: unknown; label?: unknown; geometry?: { start?: unknown; end?: unknown } | null }) =>
    o?.kind === 'text_span' && typeof o.label === 'string' && typeof o.geometry?.start === 'number' && typeof o.geometry.end === 'number'
      ? [{ start: o.geometry.start, end: o.geometry.end, label: o.label }]
      : []);
}

/**
 * The project's text items as one CoNLL/BIO file, in import order (item ids are time-ordered):
 * each sentence on its original tokens with the columns and separators it had, in the tag scheme it
 * was imported in (or `o.scheme`), tagged from the item's latest
 * accepted annotation, or with its imported tags when it has none. Text items that did not come
 * from a CoNLL file are split at whitespace and followed by a blank line. Yields the file in pieces
 * and returns what it had to bend (spans off token boundaries, overlaps), for a warning.
 */
export async function* exportConll(deps: ServiceDeps, actor: Actor, projectId: string, o: ConllExportOptions = {}): AsyncGenerator<string, ConllExportStats> {
  const stats: ConllExportStats = { ...emptyStats(), skipped: 0 };
  for await (const page of exportPages(deps, actor, projectId, o.which, PAGE)) {
    let chunk = '';
    for (const r of page) {
      if (r.kind !== 'text' || r.content === null) { stats.skipped++; continue; }
      let meta = (r.metadata as { conll?: ConllMeta } | null)?.conll;
      if (!meta || !Array.isArray(meta.offsets)) {
        meta = whitespaceMeta(r.content, stats.sentences, o.separator);
        stats.retokenized++;
        if (meta.offsets.length === 0) continue;
      }
      chunk += conllSentence(r.content, meta, r.annotation_id ? spansOf(r.payload) : null, stats, o.scheme ? { scheme: o.scheme } : {});
    }
    if (chunk) yield chunk;
  }
  return stats;
}

/** One line for people: how many sentences, and what did not fit BIO. */
export function describeConllStats(s: ConllExportStats): string {
  const warnings = [
    s.misaligned && `${s.misaligned} spans did not start or end on token boundaries (every token they overlap was tagged)`,
    s.overlapping && `${s.overlapping} tokens were in more than one span (the span starting first kept them)`,
    s.dropped && `${s.dropped} spans covered no token and were left out`,
    s.retokenized && `${s.retokenized} text items were not imported from CoNLL and were split at whitespace`,
    s.skipped && `${s.skipped} items that are not text were left out`,
  ].filter(Boolean);
  return `wrote ${s.sentences} sentences${warnings.length ? `; warnings: ${warnings.join('; ')}` : ''}`;
}

export interface TableExportOptions {
  /** `accepted` (default): the latest accepted annotation; `latest`: the latest of any state. */
  which?: 'accepted' | 'latest';
  /** ',' (default: as imported, else ',') or '\t'. */
  delimiter?: ',' | '\t';
  /** Header names (default: as imported, else `text` and `label`). */
  textColumn?: string;
  labelColumn?: string;
  /** Joins several classes of one item (default: as imported, else '|'). */
  multiLabel?: string;
}

/** What the table export counted: rows written, rows without a class, rows with several, items that are not text. */
export interface TableExportStats { rows: number; unlabeled: number; multiLabel: number; skipped: number }

/**
 * The project's text items as a CSV or TSV file of two columns, the text and its text_class label(s)
 * from the latest accepted annotation (empty when none), in import order. Column names, delimiter
 * and multi-label separator default to those of the file the items were imported from (the first
 * text item's `metadata.table`), else `text,label`.
 */
export async function* exportTextTable(deps: ServiceDeps, actor: Actor, projectId: string, o: TableExportOptions = {}): AsyncGenerator<string, TableExportStats> {
  const stats: TableExportStats = { rows: 0, unlabeled: 0, multiLabel: 0, skipped: 0 };
  let header: { delimiter: ',' | '\t'; join: string } | null = null;
  for await (const page of exportPages(deps, actor, projectId, o.which, PAGE)) {
    let chunk = '';
    for (const r of page) {
      if (r.kind !== 'text' || r.content === null) { stats.skipped++; continue; }
      if (header === null) {
        const t = (r.metadata as { table?: Partial<TableMeta> } | null)?.table ?? {};
        const delimiter = o.delimiter ?? (t.delimiter === '\t' ? '\t' : ',');
        header = { delimiter, join: o.multiLabel ?? t.multiLabel ?? '|' };
        chunk += tableLine([o.textColumn ?? t.textColumn ?? 'text', o.labelColumn ?? t.labelColumn ?? 'label'], delimiter);
      }
      const labels = r.annotation_id ? classLabels(r.payload) : [];
      if (labels.length === 0) stats.unlabeled++;
      if (labels.length > 1) stats.multiLabel++;
      chunk += tableLine([r.content, labels.join(header.join)], header.delimiter);
      stats.rows++;
    }
    if (chunk) yield chunk;
  }
  if (header === null) yield tableLine([o.textColumn ?? 'text', o.labelColumn ?? 'label'], o.delimiter ?? ',');
  return stats;
}

/** One line for people: how many rows, and what had no label. */
export function describeTableStats(s: TableExportStats): string {
  const notes = [
    s.unlabeled && `${s.unlabeled} without a class (label left empty)`,
    s.multiLabel && `${s.multiLabel} with several classes`,
    s.skipped && `${s.skipped} items that are not text left out`,
  ].filter(Boolean);
  return `wrote ${s.rows} rows${notes.length ? `; ${notes.join('; ')}` : ''}`;
}
