import { StringDecoder } from 'node:string_decoder';
import { checkedChunks, type ChunkSource } from '../import/chunks.ts';
import type { PredictionInput, RowError, RowResult } from '../import/types.ts';
import { parseTag, tagsToEntities, type ConllLabels, type ConllMeta, type ParsedTag } from './conll-format.ts';
import { codePointLength } from './offsets.ts';
import { findUnstorable } from '../storable.ts';

export interface ConllReadOptions {
  /** Named in every error. */
  file: string;
  /** What the file's tags become: predictions to review (default), accepted annotations, or nothing. */
  labels?: ConllLabels;
  /** Collects the entity types of the tags, for the ontology. */
  types?: Set<string>;
}

export const CONLL_MODEL_VERSION = 'conll-import';

interface Line { token: string; tag: string; mid: string; end: string }

/**
 * Streams a CoNLL/BIO file (`token<TAB>tag` a line, blank line between sentences) as task rows:
 * one text item a sentence, its text the tokens joined by single spaces, and in `data.conll` what
 * the export needs to write the file back byte for byte (ConllMeta). Lines whose token is
 * `-DOCSTART-` and blank (or whitespace-only) lines are separators, kept verbatim. More than two
 * columns: the first is the token, the last the tag, the middle ones are kept. A bad line makes its
 * sentence an invalid row (file, line, field `token` or `tag`); reading goes on with the next one.
 */
export async function* readConllRows(input: ChunkSource, o: ConllReadOptions): AsyncGenerator<RowResult> {
  const labels = o.labels ?? 'as-predictions';
  const decoder = new StringDecoder('utf8');
  type Open = { lines: Line[]; problem: RowError | null; before: string; start: number };
  let current: Open | null = null; // the sentence being read
  let done: Open | null = null; // the last whole sentence, waiting for the separators after it
  let gap = ''; // separator text since the last sentence (or the start of the file)
  let index = 0;
  let lineNo = 0;
  let rest = '';

  const emit = (s: Open, after: string): RowResult => {
    const r = s.problem ? { ok: false as const, error: s.problem } : toRow(s.lines, s.start, index, s.before, after, labels, o.types);
    index++;
    return r;
  };
  /** Reads one line; returns the previous sentence when this line starts the next one. */
  function take(raw: string, eol: string): RowResult | undefined {
    lineNo++;
    const cr = raw.endsWith('\r');
    const body = cr ? raw.slice(0, -1) : raw;
    const end = cr ? `\r${eol}` : eol;
    if (body.trim() === '' || body.split('\t', 1)[0] === '-DOCSTART-') {
      if (current) { done = current; current = null; }
      gap += body + end;
      return undefined;
    }
    let out: RowResult | undefined;
    if (!current) {
      if (done) { out = emit(done, gap); done = null; }
      current = { lines: [], problem: null, before: index === 0 ? gap : '', start: lineNo };
      gap = '';
    }
    const s = current;
    const fail = (field: string, message: string) => { s.problem ??= { file: o.file, line: lineNo, field, message }; };
    const core = body.trimEnd(); // trailing spaces or tabs after the tag are kept, not read
    const tab = core.indexOf('\t');
    const last = core.lastIndexOf('\t');
    const tag = tab === -1 ? '' : core.slice(last + 1);
    const parsed = parseTag(tag);
    if (tab === -1 && body.includes('\t')) fail('tag', 'the tag is empty');
    else if (tab === -1) fail('token', `no tab: expected "token<TAB>tag", got ${JSON.stringify(body.length > 40 ? `${body.slice(0, 40)}…` : body)}`);
    else if (tab === 0) fail('token', 'the token is empty (the line starts with a tab)');
    else if (findUnstorable(core.slice(0, tab), 'token')) fail('token', findUnstorable(core.slice(0, tab), 'token')!.problem);
    else if (typeof parsed === 'string') fail('tag', parsed);
    s.lines.push({ token: core.slice(0, Math.max(tab, 0)), tag, mid: tab === -1 ? '\t' : core.slice(tab, last + 1), end: body.slice(core.length) + end });
    return out;
  }

  for await (const chunk of checkedChunks(input, o.file)) {
    const parts = (rest + decoder.write(chunk)).split('\n');
    rest = parts.pop()!;
    for (const raw of parts) {
      const r = take(raw, '\n');
      if (r) yield r;
    }
  }
  rest += decoder.end();
  const r = rest === '' ? undefined : take(rest, '');
  if (r) yield r;
  if (current) done = current;
  if (done) yield emit(done, gap);
}

function toRow(lines: Line[], start: number, index: number, before: string, after: string, labels: ConllLabels, types?: Set<string>): RowResult {
  const tokens = lines.map((l) => l.token);
  const text = tokens.join(' ');
  const offsets: Array<[number, number]> = [];
  const utf16: Array<[number, number]> = [];
  let cp = 0;
  let u = 0;
  for (const t of tokens) {
    const n = codePointLength(t);
    offsets.push([cp, cp + n]);
    utf16.push([u, u + t.length]);
    cp += n + 1;
    u += t.length + 1;
  }
  const parsed = lines.map((l) => parseTag(l.tag) as ParsedTag);
  const { entities, iob1 } = tagsToEntities(parsed);
  for (const e of entities) types?.add(e.type);
  const meta: ConllMeta = { sentence: index, offsets, after };
  if (labels !== 'ignore') meta.tags = lines.map((l) => l.tag);
  if (iob1) meta.scheme = 'iob1';
  if (lines.some((l) => l.mid !== '\t')) meta.mid = lines.map((l) => l.mid);
  const eol = lines[0]!.end;
  if (lines.some((l) => l.end !== eol)) meta.ends = lines.map((l) => l.end);
  else if (eol !== '\n') meta.eol = eol;
  if (before !== '') meta.before = before;
  const predictions: PredictionInput[] = [];
  const row: RowResult = { ok: true, row: { line: start, data: { text, conll: meta }, predictions, priority: 0 } };
  if (labels === 'as-predictions' && entities.length > 0) {
    predictions.push({
      modelVersion: CONLL_MODEL_VERSION, score: null,
      result: entities.map((e, k) => ({
        id: `conll-${k}`, type: 'labels', from_name: 'label', to_name: 'text',
        value: { start: utf16[e.first]![0], end: utf16[e.last]![1], text: text.slice(utf16[e.first]![0], utf16[e.last]![1]), labels: [e.type] },
      })),
    });
  }
  if (labels === 'as-annotations') {
    row.row.annotation = {
      schemaVersion: 1,
      objects: entities.map((e, k) => ({ id: `conll-${k}`, label: e.type, kind: 'text_span', attributes: {}, geometry: { start: offsets[e.first]![0], end: offsets[e.last]![1] } })),
    };
  }
  return row;
}
