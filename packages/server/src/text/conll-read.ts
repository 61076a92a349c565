import { StringDecoder } from 'node:string_decoder';
import { checkedChunks, type ChunkSource } from '../import/chunks.ts';
import { ImportFileError, type RowError, type RowResult } from '../import/types.ts';
import { decodeTags, familyOf, parseTag, schemeName, type ConllLayout, type ConllMeta, type ParsedTag, type TagScheme } from './conll-format.ts';
import { codePointLength } from '@cadre/core';
import { findUnstorable } from '../storable.ts';

export interface ConllReadOptions {
  /** Named in every error. */
  file: string;
  /** Leave the tags out: no labels, no tags kept in the metadata (`--conll-labels ignore`). */
  ignoreTags?: boolean;
  /** What separates the columns; auto (default): the first line that is not blank or -DOCSTART- decides (a tab: tab, else spaces). */
  separator?: 'tab' | 'space' | 'auto';
  /** 0-based column of the tag (the token is column 0); default: the last column. */
  tagColumn?: number;
  /**
   * The tag scheme; auto (default): each sentence is read in the scheme its tags show, a sentence
   * whose tags show none (no entity) takes the file's (the first one shown), and a BIOES/BILOU file
   * is read strictly. Given: every sentence is read strictly in it.
   */
  scheme?: TagScheme | 'auto';
  /** Collects the entity types of the tags, for the ontology. */
  types?: Set<string>;
}

export const CONLL_MODEL_VERSION = 'conll-import';

/** Sentences whose tags show no scheme wait at most this many for one that does, then are written as iob2. */
const HOLD_BACK = 1000;

interface Line { token: string; tag: string; mid: string; post: string; end: string }
interface Sentence { lines: Line[]; problem: RowError | null; before: string; start: number; index: number }
interface Ready { s: Sentence; after: string; entities: Array<{ first: number; last: number; type: string }> }

const shown = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

/**
 * Streams a CoNLL/BIO file as task rows: one token a line, its columns separated by tabs or by
 * spaces (`token<TAB>tag`, or CoNLL-2003 `token POS chunk NER`), a blank line between sentences.
 * One text item a sentence, its text the tokens joined by single spaces, its entities as a Cadre
 * payload of text_span objects in `row.labels` (what they become is the import's `as`), and in
 * `data.conll` what the export needs to write the file back byte for byte (ConllMeta). Lines whose
 * token is `-DOCSTART-` and blank (or whitespace-only) lines are separators, kept verbatim. Trailing
 * whitespace after the last column is kept, not read; runs of spaces in a space-separated file count
 * as one separator (kept as they were). Every line must have as many columns as the first. A bad
 * line makes its sentence an invalid row (file, line, field `token`, `tag`, `columns` or
 * `column <n>`); reading goes on with the next one.
 */
export async function* readConllRows(input: ChunkSource, o: ConllReadOptions): AsyncGenerator<RowResult> {
  const decoder = new StringDecoder('utf8');
  const given = o.scheme && o.scheme !== 'auto' ? o.scheme : null;
  if (o.tagColumn !== undefined && !(Number.isInteger(o.tagColumn) && o.tagColumn >= 1)) {
    throw new ImportFileError(o.file, 0, 'syntax', `tag column ${o.tagColumn}: expected a whole number of at least 1 (0-based; column 0 is the token)`);
  }
  let layout: ConllLayout | null = null;
  let layoutLine = 0;
  let fileScheme: { scheme: TagScheme; line: number } | null = given ? { scheme: given, line: 0 } : null;
  let current: Sentence | null = null; // the sentence being read
  let done: Sentence | null = null; // the last whole sentence, waiting for the separators after it
  let gap = ''; // separator text since the last sentence (or the start of the file)
  let index = 0;
  let lineNo = 0;
  let rest = '';
  let waiting: Ready[] = []; // whole sentences whose tags show no scheme, before the file's is known

  const rowOf = (r: Ready, scheme: TagScheme | null) => toRow(r, scheme, layout, o);
  /** The rows a finished sentence lets out, in file order. */
  function finish(s: Sentence, after: string): RowResult[] {
    if (s.problem) return [{ ok: false, error: s.problem }];
    const parsed = s.lines.map((l) => parseTag(l.tag) as ParsedTag);
    const d = decodeTags(parsed, fileScheme?.scheme ?? null, given !== null);
    if (d.problem) {
      const from = fileScheme && !given && fileScheme.line > 0 ? `; the file's tags are ${schemeName(fileScheme.scheme)} from line ${fileScheme.line}` : '';
      return [{ ok: false, error: { file: o.file, line: s.start + d.problem.index, field: 'tag', message: d.problem.message + from } }];
    }
    for (const e of d.entities) o.types?.add(e.type);
    const ready: Ready = { s, after, entities: d.entities };
    if (given) return [rowOf(ready, given)];
    // The first sentence to show a scheme sets the file's (a well-formed IOB1 file never shows IOB2, nor a BIO one BIOES).
    if (d.shows && !fileScheme) fileScheme = { scheme: d.shows, line: s.start };
    if (!d.shows && !fileScheme && waiting.length < HOLD_BACK) { waiting.push(ready); return []; }
    const out = waiting.map((w) => rowOf(w, fileScheme?.scheme ?? null));
    waiting = [];
    out.push(rowOf(ready, d.shows ?? fileScheme?.scheme ?? null));
    return out;
  }

  /** Reads one line; returns the rows of the previous sentence when this line starts the next one. */
  function take(raw: string, eol: string): RowResult[] {
    lineNo++;
    const cr = raw.endsWith('\r');
    const body = cr ? raw.slice(0, -1) : raw;
    const end = cr ? `\r${eol}` : eol;
    if (body.trim() === '' || /^-DOCSTART-(?:[\t ]|$)/.test(body)) {
      if (current) { done = current; current = null; }
      gap += body + end;
      return [];
    }
    let out: RowResult[] = [];
    if (!current) {
      if (done) { out = finish(done, gap); done = null; }
      current = { lines: [], problem: null, before: index === 0 ? gap : '', start: lineNo, index: index++ };
      gap = '';
    }
    const s = current;
    const fail = (field: string, message: string) => { s.problem ??= { file: o.file, line: lineNo, field, message }; };
    const core = body.trimEnd(); // trailing spaces or tabs after the last column are kept, not read
    if (layout === null) {
      const separator = o.separator && o.separator !== 'auto' ? o.separator : core.includes('\t') ? 'tab' : core.includes(' ') ? 'space' : null;
      if (separator !== null) {
        const columns = core.split(separator === 'tab' ? '\t' : / +/).length;
        if (columns >= 2) {
          const tagColumn = o.tagColumn ?? columns - 1;
          if (tagColumn >= columns) throw new ImportFileError(o.file, lineNo, 'syntax', `the tag column is ${tagColumn} (0-based) but line ${lineNo} has ${columns} columns`);
          layout = { separator, columns, tagColumn };
          layoutLine = lineNo;
        }
      }
    }
    const sepName = layout?.separator === 'space' ? 'space' : 'tab';
    const parts = layout === null ? [core] : core.split(layout.separator === 'tab' ? /(\t)/ : /( +)/);
    const fields = parts.filter((_, k) => k % 2 === 0);
    const columns = layout?.columns ?? 2;
    const tagColumn = layout?.tagColumn ?? 1;
    const example = sepName === 'tab' ? '"token<TAB>tag"' : '"token tag"';
    const stray = layout?.separator === 'space' ? core.indexOf('\t') : -1;
    if (stray !== -1) fail(`column ${core.slice(0, stray).split(/ +/).length}`, `a tab in a space-separated file (line ${layoutLine} has columns separated by spaces): ${shown(body)}`);
    else if (fields.length === 1 && body.length > core.length && /[\t ]/.test(body.slice(core.length))) fail('tag', 'the tag is empty');
    else if (fields.length === 1) fail('token', `no ${sepName}: expected ${example}, got ${shown(body)}`);
    else if (fields[0] === '') fail('token', `the token is empty (the line starts with a ${sepName})`);
    else if (fields.length !== columns) {
      const empty = fields.findIndex((f) => f === '');
      fail(empty > 0 ? `column ${empty}` : 'columns', `expected ${columns} columns as on line ${layoutLine}, got ${fields.length}${empty > 0 ? ` (column ${empty}, 0-based, is empty: a stray ${sepName}?)` : ''}: ${shown(body)}`);
    } else if (findUnstorable(fields[0]!, 'token')) fail('token', findUnstorable(fields[0]!, 'token')!.problem);
    else {
      const parsed = parseTag(fields[tagColumn]!);
      if (typeof parsed === 'string') fail(tagColumn === columns - 1 ? 'tag' : `column ${tagColumn}`, parsed);
    }
    // Where the token ends and the tag starts and ends, in `core`.
    let at = 0;
    const starts: number[] = [];
    parts.forEach((p, k) => { if (k % 2 === 0) starts.push(at); at += p.length; });
    const ok = fields.length === columns && stray === -1;
    const token = fields[0] ?? '';
    const tag = ok ? fields[tagColumn]! : '';
    const tagAt = ok ? starts[tagColumn]! : core.length;
    s.lines.push({ token, tag, mid: core.slice(token.length, tagAt), post: core.slice(tagAt + tag.length), end: body.slice(core.length) + end });
    return out;
  }

  for await (const chunk of checkedChunks(input, o.file)) {
    const parts = (rest + decoder.write(chunk)).split('\n');
    rest = parts.pop()!;
    for (const raw of parts) yield* take(raw, '\n');
  }
  rest += decoder.end();
  if (rest !== '') yield* take(rest, '');
  if (current) done = current;
  if (done) yield* finish(done, gap);
  const scheme = fileScheme?.scheme ?? null;
  for (const w of waiting) yield rowOf(w, scheme);
}

function toRow(r: Ready, scheme: TagScheme | null, fileLayout: ConllLayout | null, o: ConllReadOptions): RowResult {
  const { s, after, entities } = r;
  const lines = s.lines;
  const tokens = lines.map((l) => l.token);
  const text = tokens.join(' ');
  const offsets: Array<[number, number]> = [];
  let cp = 0;
  for (const t of tokens) {
    const n = codePointLength(t);
    offsets.push([cp, cp + n]);
    cp += n + 1;
  }
  const meta: ConllMeta = { sentence: s.index, offsets, after };
  if (!o.ignoreTags) meta.tags = lines.map((l) => l.tag);
  if (scheme && scheme !== 'iob2') meta.scheme = scheme;
  const layout = fileLayout && (fileLayout.separator !== 'tab' || fileLayout.columns !== 2 || fileLayout.tagColumn !== 1) ? fileLayout : null;
  if (layout) meta.layout = layout;
  const sep = layout?.separator === 'space' ? ' ' : '\t';
  if (lines.some((l) => l.mid !== sep)) meta.mid = lines.map((l) => l.mid);
  if (lines.some((l) => l.post !== '')) meta.post = lines.map((l) => l.post);
  const eol = lines[0]!.end;
  if (lines.some((l) => l.end !== eol)) meta.ends = lines.map((l) => l.end);
  else if (eol !== '\n') meta.eol = eol;
  if (s.before !== '') meta.before = s.before;
  const row: RowResult = { ok: true, row: { line: s.start, data: { text, conll: meta }, predictions: [], priority: 0 } };
  if (!o.ignoreTags) {
    const objects = entities.map((e, k) => ({ id: `conll-${k}`, label: e.type, kind: 'text_span', attributes: {}, geometry: { start: offsets[e.first]![0], end: offsets[e.last]![1] } }));
    row.row.labels = [{ payload: { schemaVersion: 1, objects } }];
  }
  return row;
}
