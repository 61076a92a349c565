/**
 * Tokens of a running text with their offsets (UTF-16, as JavaScript strings count): runs of
 * letters and digits, and each other non-space character alone, as the CoNLL files split them.
 */
export interface Token { text: string; start: number; end: number }

export function tokensOf(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu)) out.push({ text: m[0], start: m.index!, end: m.index! + m[0].length });
  return out;
}

/** The tokens a character span [start, end) covers, as a token span; null when it covers none. */
export function tokenSpanOf(tokens: readonly Token[], start: number, end: number): { start: number; end: number } | null {
  let first = -1;
  let last = -1;
  tokens.forEach((t, i) => {
    if (t.end > start && t.start < end) {
      if (first < 0) first = i;
      last = i;
    }
  });
  return first < 0 ? null : { start: first, end: last + 1 };
}
