import { convertTags, entitiesToTags, type ConllMeta, type TagScheme } from './conll-format.ts';
import { OffsetMap } from '@cadre/core';

/** A text_span in code points. */
export interface SpanLike { start: number; end: number; label: string }

/** What the export had to bend, counted over the whole file. */
export interface ConllWriteStats {
  sentences: number;
  /** Spans whose start or end falls inside a token (or in the space between tokens): every token they overlap was tagged. */
  misaligned: number;
  /** Tokens claimed by more than one span (BIO cannot say that): the span that starts first keeps them. */
  overlapping: number;
  /** Spans over no token at all (only spaces): left out. */
  dropped: number;
  /** Text items without CoNLL tokens (not imported from CoNLL): split at whitespace. */
  retokenized: number;
}

export const emptyStats = (): ConllWriteStats => ({ sentences: 0, misaligned: 0, overlapping: 0, dropped: 0, retokenized: 0 });

/** How the export writes: `scheme` rewrites every sentence's tags in it; `separator` is for text items not imported from CoNLL (default tab). */
export interface ConllWriteOptions { scheme?: TagScheme; separator?: 'tab' | 'space' }

/** Tokens of a text that did not come from a CoNLL file: runs of non-whitespace, offsets in code points; written `token<TAB>tag` (or `token tag`). */
export function whitespaceMeta(text: string, sentence: number, separator: 'tab' | 'space' = 'tab'): ConllMeta {
  const offsets: Array<[number, number]> = [];
  let cp = 0;
  let startCp = -1;
  for (const ch of text) {
    if (/\s/.test(ch)) {
      if (startCp >= 0) offsets.push([startCp, cp]);
      startCp = -1;
    } else if (startCp < 0) startCp = cp;
    cp++;
  }
  if (startCp >= 0) offsets.push([startCp, cp]);
  return { sentence, offsets, after: '\n', ...(separator === 'space' ? { layout: { separator, columns: 2, tagColumn: 1 } } : {}) };
}

/** Tags of the tokens from spans: each token overlapped by a span takes its label. */
export function spansToTags(meta: ConllMeta, spans: readonly SpanLike[], stats: ConllWriteStats, scheme: TagScheme = meta.scheme ?? 'iob2'): string[] {
  const owner = new Array<number>(meta.offsets.length).fill(-1);
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const types = sorted.map((s) => s.label);
  sorted.forEach((s, k) => {
    let touched = 0;
    let startsAtToken = false;
    let endsAtToken = false;
    meta.offsets.forEach(([ts, te], i) => {
      if (!(ts < s.end && s.start < te)) return;
      touched++;
      startsAtToken ||= ts === s.start;
      endsAtToken ||= te === s.end;
      if (owner[i]! >= 0) stats.overlapping++;
      else owner[i] = k;
    });
    if (touched === 0) stats.dropped++;
    else if (!startsAtToken || !endsAtToken) stats.misaligned++;
  });
  return entitiesToTags(owner, types, scheme);
}

/**
 * One sentence as CoNLL lines, with the columns and separators the file had. `spans` null: the item
 * was never annotated, so the imported tags are written (O where the import kept none). Tags are
 * written in the sentence's scheme (ConllMeta.scheme), or in `o.scheme` when given.
 */
export function conllSentence(text: string, meta: ConllMeta, spans: readonly SpanLike[] | null, stats: ConllWriteStats, o: ConllWriteOptions = {}): string {
  const map = new OffsetMap(text);
  const kept = meta.tags ?? meta.offsets.map(() => 'O');
  const tags = spans !== null ? spansToTags(meta, spans, stats, o.scheme ?? meta.scheme ?? 'iob2')
    : o.scheme && o.scheme !== (meta.scheme ?? 'iob2') ? convertTags(kept, o.scheme, meta.scheme ?? null) : kept;
  const eol = meta.eol ?? '\n';
  const sep = meta.layout?.separator === 'space' ? ' ' : '\t';
  let out = meta.before ?? '';
  for (let i = 0; i < meta.offsets.length; i++) {
    const [s, e] = meta.offsets[i]!;
    out += map.slice(s, e) + (meta.mid?.[i] ?? sep) + tags[i] + (meta.post?.[i] ?? '') + (meta.ends?.[i] ?? eol);
  }
  stats.sentences++;
  return out + meta.after;
}
