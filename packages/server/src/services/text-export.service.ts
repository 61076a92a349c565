import type { ConllMeta } from '../text/conll-format.ts';
import { conllSentence, emptyStats, whitespaceMeta, type ConllWriteStats, type SpanLike } from '../text/conll-write.ts';
import { exportPages } from './export.service.ts';
import type { Actor, ServiceDeps } from './context.ts';

export interface ConllExportOptions {
  /** `accepted` (default): the latest accepted annotation; `latest`: the latest of any state. */
  which?: 'accepted' | 'latest';
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
 * each sentence on its original tokens with the separators it had, tagged from the item's latest
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
        meta = whitespaceMeta(r.content, stats.sentences);
        stats.retokenized++;
        if (meta.offsets.length === 0) continue;
      }
      chunk += conllSentence(r.content, meta, r.annotation_id ? spansOf(r.payload) : null, stats);
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
