// What a CoNLL/BIO sentence keeps in its item's metadata (`metadata.conll`) so that the export can
// write the file back byte for byte, and the tag grammar both directions share: BIO (IOB2), IOB1,
// BIOES and BILOU.

/**
 * How the tags spell entities. iob2 (BIO): B- on every first token, I- inside. iob1: I- everywhere,
 * B- only on a first token directly after an entity of the same type. bioes: B- first, I- inside,
 * E- last, S- a single token. bilou: the same with L- (last) and U- (unit).
 */
export type TagScheme = 'iob2' | 'iob1' | 'bioes' | 'bilou';
export const TAG_SCHEMES: readonly TagScheme[] = ['iob2', 'iob1', 'bioes', 'bilou'];

/** The columns of a file: what separates them, how many each line has, which one holds the tag (0-based). */
export interface ConllLayout { separator: 'tab' | 'space'; columns: number; tagColumn: number }

/** Kept on each sentence item under `metadata.conll`. Offsets are Unicode code points into the item's text. */
export interface ConllMeta {
  /** 0-based position of the sentence in its file. */
  sentence: number;
  /** [start, end) of each token in the text (the tokens joined by single spaces). */
  offsets: Array<[number, number]>;
  /** The tags as the file had them (absent with `--conll-labels ignore`). */
  tags?: string[];
  /**
   * The tag scheme new tags of this sentence are written in; absent: iob2. The sentence's own tags
   * decide when they show it (an E-/S- tag, an I- opening an entity), otherwise the file's.
   */
  scheme?: Exclude<TagScheme, 'iob2'>;
  /** The file's columns, when not `token<TAB>tag` (absent: tab, 2 columns, the tag last). */
  layout?: ConllLayout;
  /** Per line, what stood between the token and the tag when it was not one separator (extra columns). */
  mid?: string[];
  /** Per line, the columns after the tag column (with their separators), when the tag is not the last. */
  post?: string[];
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

type Letter = 'B' | 'I' | 'E' | 'S' | 'L' | 'U';
export type ParsedTag = { kind: 'O' } | { kind: Letter; type: string };

const TAG = /^([BIESLU])-(\S.*)$/;

/** O, or B-, I-, E-, S-, L-, U- with a type; anything else is a message saying what is wrong. */
export function parseTag(tag: string): ParsedTag | string {
  if (tag === 'O') return { kind: 'O' };
  const m = TAG.exec(tag);
  if (m) return { kind: m[1] as Letter, type: m[2]! };
  if (/^[BIESLU]-?$/.test(tag)) return `tag ${JSON.stringify(tag)} has no entity type (expected e.g. B-Disease)`;
  return `unknown tag ${JSON.stringify(tag)}: expected O, or B-, I- (BIO), E-, S- (BIOES), L-, U- (BILOU) and the entity type, e.g. B-Disease`;
}

export interface TokenSpan { first: number; last: number; type: string }

/** A tag that breaks the scheme: `index` is the token (line) it is on. */
export interface TagProblem { index: number; message: string }

export type Family = 'bio' | 'bioes';
export const familyOf = (s: TagScheme): Family => (s === 'iob1' || s === 'iob2' ? 'bio' : 'bioes');
const NAME: Record<TagScheme, string> = { iob2: 'BIO (IOB2)', iob1: 'IOB1', bioes: 'BIOES', bilou: 'BILOU' };
export const schemeName = (s: TagScheme): string => NAME[s];

export interface Decoded {
  entities: TokenSpan[];
  /** The scheme the tags show; null when they show none (no entity). */
  shows: TagScheme | null;
  problem: TagProblem | null;
}

const show = (t: ParsedTag) => (t.kind === 'O' ? 'O' : `${t.kind}-${t.type}`);

/**
 * Entities of one sentence's tags. `expect` is the scheme the file is read in (given, or shown by an
 * earlier sentence); null: whatever these tags show. BIO is read as conlleval reads it: B- always
 * starts an entity, I- continues one of the same type directly before it and otherwise starts one
 * (IOB1; with `strict` and `expect` iob2 that is a problem). BIOES/BILOU is strict: an entity opens with B- and closes with E- (L-), or is one S- (U-)
 * token; anything else is a problem naming the tag.
 */
export function decodeTags(tags: readonly ParsedTag[], expect: TagScheme | null = null, strict = false): Decoded {
  const ends = tags.some((t) => t.kind === 'E' || t.kind === 'S');
  const lu = tags.some((t) => t.kind === 'L' || t.kind === 'U');
  if (ends && lu) {
    const index = tags.findIndex((t) => t.kind === 'L' || t.kind === 'U');
    return { entities: [], shows: null, problem: { index, message: `tag ${JSON.stringify(show(tags[index]!))} is BILOU but this sentence also has BIOES tags (E-, S-)` } };
  }
  const family: Family | null = ends || lu ? 'bioes' : expect ? familyOf(expect) : null;
  if (ends || lu) {
    if (expect && familyOf(expect) === 'bio') {
      const index = tags.findIndex((t) => t.kind !== 'O' && t.kind !== 'B' && t.kind !== 'I');
      return { entities: [], shows: null, problem: { index, message: `tag ${JSON.stringify(show(tags[index]!))} is ${ends ? 'BIOES' : 'BILOU'}, not ${NAME[expect]}` } };
    }
    return decodeStrict(tags, ends ? 'bioes' : 'bilou');
  }
  if (family === 'bioes') return decodeStrict(tags, expect!);
  return decodeBio(tags, strict && expect === 'iob2');
}

/** `strictIob2`: an I- that opens an entity is a problem instead of IOB1. */
function decodeBio(tags: readonly ParsedTag[], strictIob2: boolean): Decoded {
  const entities: TokenSpan[] = [];
  let open: TokenSpan | null = null;
  let iob1 = false;
  let iob2 = false;
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i]!;
    if (t.kind === 'O') { open = null; continue; }
    if (t.kind === 'I' && open !== null && open.type === t.type) { open.last = i; continue; }
    if (t.kind === 'I') {
      if (strictIob2) {
        const after = i === 0 ? 'at the start of the sentence' : `after ${JSON.stringify(show(tags[i - 1]!))}`;
        return { entities: [], shows: null, problem: { index: i, message: `tag ${JSON.stringify(show(t))} ${after}: in BIO (IOB2) an entity starts with B-` } };
      }
      iob1 = true;
    } else if (open === null || open.type !== t.type) iob2 = true;
    open = { first: i, last: i, type: t.type };
    entities.push(open);
  }
  return { entities, shows: iob1 ? 'iob1' : iob2 ? 'iob2' : null, problem: null };
}

function decodeStrict(tags: readonly ParsedTag[], scheme: TagScheme): Decoded {
  const entities: TokenSpan[] = [];
  const [endL, unitL] = scheme === 'bilou' ? ['L', 'U'] : ['E', 'S'];
  const fail = (index: number, message: string): Decoded => ({ entities: [], shows: null, problem: { index, message: `${message} (${NAME[scheme]})` } });
  let open: TokenSpan | null = null;
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i]!;
    if (open !== null && (t.kind === 'O' || t.kind === 'B' || t.kind === 'S' || t.kind === 'U')) {
      return fail(i - 1, `the entity ${JSON.stringify(open.type)} that starts on ${JSON.stringify(`B-${open.type}`)} does not end with ${endL}-${open.type} before ${JSON.stringify(show(t))}`);
    }
    if (t.kind === 'O') continue;
    if (t.kind === 'B') { open = { first: i, last: i, type: t.type }; continue; }
    if (t.kind === 'S' || t.kind === 'U') { entities.push({ first: i, last: i, type: t.type }); continue; }
    // I, E or L: must continue the open entity of the same type.
    if (open === null || open.type !== t.type) {
      const after = i === 0 ? 'at the start of the sentence' : `after ${JSON.stringify(show(tags[i - 1]!))}`;
      return fail(i, `tag ${JSON.stringify(show(t))} ${after}: an entity starts with B- or ${unitL}-`);
    }
    open.last = i;
    if (t.kind === 'E' || t.kind === 'L') { entities.push(open); open = null; }
  }
  if (open !== null) return fail(tags.length - 1, `the entity ${JSON.stringify(open.type)} that starts on ${JSON.stringify(`B-${open.type}`)} does not end with ${endL}-${open.type} at the end of the sentence`);
  return { entities, shows: entities.length > 0 ? scheme : null, problem: null };
}

/** Entities of a sentence's tags, read leniently (tags that were checked on import). */
export function tagsToEntities(tags: readonly ParsedTag[], scheme: TagScheme | null = null): { entities: TokenSpan[]; iob1: boolean } {
  const d = decodeTags(tags, scheme);
  return { entities: d.entities, iob1: d.shows === 'iob1' };
}

/**
 * Tags for tokens owned by entities (`owner[i]` is the entity index of token i, or -1). IOB2: B- on
 * each entity's first token. IOB1: I- everywhere except B- on a first token directly after another
 * entity of the same type. BIOES/BILOU: B- … E- (L-), or S- (U-) alone.
 */
export function entitiesToTags(owner: readonly number[], types: readonly string[], scheme: TagScheme): string[] {
  return owner.map((o, i) => {
    if (o < 0) return 'O';
    const type = types[o]!;
    const starts = i === 0 || owner[i - 1] !== o;
    const ends = i === owner.length - 1 || owner[i + 1] !== o;
    if (scheme === 'bioes' || scheme === 'bilou') {
      const [e, s] = scheme === 'bilou' ? ['L', 'U'] : ['E', 'S'];
      return `${starts && ends ? s : starts ? 'B' : ends ? e : 'I'}-${type}`;
    }
    if (!starts) return `I-${type}`;
    if (scheme === 'iob2') return `B-${type}`;
    const prev = i > 0 ? owner[i - 1]! : -1;
    return prev >= 0 && types[prev] === type ? `B-${type}` : `I-${type}`;
  });
}

/** Token spans as tags of `length` tokens (spans must not overlap). */
export function spansToSchemeTags(length: number, entities: readonly TokenSpan[], scheme: TagScheme): string[] {
  const owner = new Array<number>(length).fill(-1);
  entities.forEach((e, k) => { for (let i = e.first; i <= e.last; i++) owner[i] = k; });
  return entitiesToTags(owner, entities.map((e) => e.type), scheme);
}

/** One sentence's tags in another scheme (for converting a file, and the export's `scheme`). */
export function convertTags(tags: readonly string[], to: TagScheme, from: TagScheme | null = null): string[] {
  const parsed = tags.map((t) => {
    const p = parseTag(t);
    if (typeof p === 'string') throw new Error(p);
    return p;
  });
  const d = decodeTags(parsed, from);
  if (d.problem) throw new Error(`token ${d.problem.index + 1}: ${d.problem.message}`);
  return spansToSchemeTags(tags.length, d.entities, to);
}
