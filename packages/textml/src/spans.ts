/**
 * Entity spans over tokens and the tags that spell them. A span is [start, end) in tokens with a
 * type. Reading accepts BIO (IOB2), IOB1 (an I- that does not continue a span starts one) and
 * BIOES/BILOU; writing is BIO.
 */
export interface TokenSpan { start: number; end: number; type: string }

export function spansFromTags(tags: readonly string[]): TokenSpan[] {
  const spans: TokenSpan[] = [];
  let open: TokenSpan | null = null;
  const close = () => { if (open) spans.push(open); open = null; };
  tags.forEach((tag, i) => {
    const m = /^([BIESLU])-(.+)$/.exec(tag);
    if (!m) { close(); return; }
    const [, prefix, type] = m as unknown as [string, string, string];
    const continues = open !== null && open.type === type && (prefix === 'I' || prefix === 'E' || prefix === 'L');
    if (continues) open!.end = i + 1;
    else { close(); open = { start: i, end: i + 1, type }; }
    if (prefix === 'E' || prefix === 'L' || prefix === 'S' || prefix === 'U') close();
  });
  close();
  return spans;
}

export function tagsFromSpans(length: number, spans: readonly TokenSpan[]): string[] {
  const tags = new Array<string>(length).fill('O');
  for (const s of spans) for (let i = s.start; i < s.end; i++) tags[i] = `${i === s.start ? 'B' : 'I'}-${s.type}`;
  return tags;
}

export interface SpanScores {
  precision: number; recall: number; f1: number;
  truePositives: number; predicted: number; gold: number;
  /** Sentences whose predicted spans are exactly the gold ones (a person would accept them untouched). */
  untouched: number;
  /** The same among sentences with at least one span, gold or predicted. */
  untouchedWithSpans: number;
  sentences: number; sentencesWithSpans: number;
}

const key = (s: TokenSpan) => `${s.start}:${s.end}:${s.type}`;

/** Exact-match span precision, recall and F1 (CoNLL's measure), and the untouched share. */
export function scoreSpans(pairs: ReadonlyArray<{ gold: readonly TokenSpan[]; predicted: readonly TokenSpan[] }>): SpanScores {
  let tp = 0, predicted = 0, gold = 0, same = 0, sameWith = 0, withSpans = 0;
  for (const p of pairs) {
    const g = new Set(p.gold.map(key));
    let hits = 0;
    for (const s of p.predicted) if (g.has(key(s))) hits++;
    tp += hits;
    predicted += p.predicted.length;
    gold += p.gold.length;
    const exact = hits === p.gold.length && hits === p.predicted.length;
    if (exact) same++;
    if (p.gold.length + p.predicted.length > 0) {
      withSpans++;
      if (exact) sameWith++;
    }
  }
  const precision = predicted ? tp / predicted : 0;
  const recall = gold ? tp / gold : 0;
  return {
    precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    truePositives: tp, predicted, gold,
    untouched: pairs.length ? same / pairs.length : 0,
    untouchedWithSpans: withSpans ? sameWith / withSpans : 0,
    sentences: pairs.length, sentencesWithSpans: withSpans,
  };
}
