// What a CoNLL/BIO sentence keeps in its item's metadata (`metadata.conll`) so that the export can
// write the file back byte for byte, and the tag grammar both directions share.

/** Kept on each sentence item under `metadata.conll`. Offsets are Unicode code points into the item's text. */
export interface ConllMeta {
  /** 0-based position of the sentence in its file. */
  sentence: number;
  /** [start, end) of each token in the text (the tokens joined by single spaces). */
  offsets: Array<[number, number]>;
  /** The tags as the file had them (absent with `--conll-labels ignore`). */
  tags?: string[];
  /** 'iob1' when an entity of this sentence began with I- (IOB1); written back the same way. */
  scheme?: 'iob1';
  /** Per line, what stood between the token and the tag when it was not one tab (extra columns). */
  mid?: string[];
  /** Per line, what followed the tag (trailing whitespace and the line end) when lines differ. */
  ends?: string[];
  /** The line end of every line when it is not "\n" (e.g. "\r\n") and all lines share it. */
  eol?: string;
  /** Text before the first sentence of the file (separator lines such as -DOCSTART-, blank lines). */
  before?: string;
  /** Text after the sentence up to the next one: normally the blank line "\n"; separators kept as they were. */
  after: string;
}

export type ConllLabels = 'as-predictions' | 'as-annotations' | 'ignore';
export const CONLL_LABELS: readonly ConllLabels[] = ['as-predictions', 'as-annotations', 'ignore'];

export type ParsedTag = { kind: 'O' } | { kind: 'B' | 'I'; type: string };

const TAG = /^([BI])-(\S.*)$/;

/** O, B-type or I-type; anything else is a message saying what is wrong. */
export function parseTag(tag: string): ParsedTag | string {
  if (tag === 'O') return { kind: 'O' };
  const m = TAG.exec(tag);
  if (m) return { kind: m[1] as 'B' | 'I', type: m[2]! };
  if (/^[ESLU]-/.test(tag)) return `tag ${JSON.stringify(tag)} is BIOES/BILOU; only BIO (IOB2) and IOB1 tags are read: O, B-<type>, I-<type>`;
  if (tag === 'B' || tag === 'I' || tag === 'B-' || tag === 'I-') return `tag ${JSON.stringify(tag)} has no entity type (expected e.g. B-Disease)`;
  return `unknown tag ${JSON.stringify(tag)}: expected O, B-<type> or I-<type>`;
}

export interface TokenSpan { first: number; last: number; type: string }

/**
 * Entities of a tag sequence. B- always starts one; I- continues an entity of the same type
 * directly before it and otherwise starts one (I- after O or after another type is IOB1, and
 * conlleval reads it the same way), which marks the sentence `iob1`.
 */
export function tagsToEntities(tags: readonly ParsedTag[]): { entities: TokenSpan[]; iob1: boolean } {
  const entities: TokenSpan[] = [];
  let open: TokenSpan | null = null;
  let iob1 = false;
  tags.forEach((t, i) => {
    if (t.kind === 'O') { open = null; return; }
    if (t.kind === 'I' && open !== null && open.type === t.type) { open.last = i; return; }
    if (t.kind === 'I') iob1 = true;
    open = { first: i, last: i, type: t.type };
    entities.push(open);
  });
  return { entities, iob1 };
}

/**
 * Tags for tokens owned by entities (`owner[i]` is the entity index of token i, or -1). IOB2: B- on
 * each entity's first token. IOB1: I- everywhere except B- on a first token directly after another
 * entity of the same type.
 */
export function entitiesToTags(owner: readonly number[], types: readonly string[], scheme: 'iob1' | 'iob2'): string[] {
  return owner.map((o, i) => {
    if (o < 0) return 'O';
    const type = types[o]!;
    const starts = i === 0 || owner[i - 1] !== o;
    if (!starts) return `I-${type}`;
    if (scheme === 'iob2') return `B-${type}`;
    const prev = i > 0 ? owner[i - 1]! : -1;
    return prev >= 0 && types[prev] === type ? `B-${type}` : `I-${type}`;
  });
}
