// The top-level values of a JSON document (the elements of a top-level array, or the one top-level
// object), each as its own text with the line it starts on, in flat memory: a 1 GB Label Studio
// export is never held whole, only the task being cut. Depth, strings and escapes are tracked
// character by character; each piece is then JSON.parse'd on its own by the caller, so a
// broken task is a problem of that task and the next one is still read.
import { FormatError } from '../types.ts';

export interface Piece {
  /** 1-based line of the value's first character. */
  line: number;
  /** Index of the element in the top-level array (0 for a top-level object). */
  index: number;
  text: string;
}

const NL = 10, CR = 13, SP = 32, TAB = 9, QUOTE = 34, BACKSLASH = 92, COMMA = 44;
const LBRACE = 123, RBRACE = 125, LBRACK = 91, RBRACK = 93;
const enum Mode { Start, Array, Object, Done }

/** Splits decoded text pushed in chunks; `end()` says whether the document was complete. */
export class JsonSplitter {
  private mode = Mode.Start;
  private depth = 0;
  private inString = false;
  private escape = false;
  private line = 1;
  private active = false;
  private expectValue = false;
  private startLine = 0;
  private index = 0;
  private parts: string[] = [];
  /** Characters held for the value being cut (a task that spans chunks). */
  buffered = 0;

  /** `maxTaskChars`: a task longer than this is a FormatError (an unclosed string would otherwise hold the rest of the file). */
  constructor(private readonly file: string, private readonly maxTaskChars = 256 * 1024 * 1024) {}

  /** True once the document showed itself an array (false for a single task object). */
  get isArray(): boolean { return this.wasArray; }
  private wasArray = false;
  private justClosed = false;

  push(text: string): Piece[] {
    const out: Piece[] = [];
    let { mode, depth, inString, escape, line, active } = this;
    let start = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (escape) escape = false;
        else if (c === BACKSLASH) escape = true;
        else if (c === QUOTE) inString = false;
        else if (c === NL) line++;
        continue;
      }
      if (c === NL) { line++; continue; }
      if (c === SP || c === TAB || c === CR) continue;
      if (mode === Mode.Array && depth === 1) {
        if (c === COMMA || c === RBRACK) {
          if (active) out.push(this.piece(text, start, i));
          else if (c === COMMA || this.expectValue) this.fail(line, c === COMMA ? 'unexpected "," in the top-level array' : 'a "," before "]"');
          active = false;
          this.expectValue = c === COMMA;
          if (c === RBRACK) { depth = 0; mode = Mode.Done; }
          continue;
        }
        if (active && this.justClosed) this.fail(line, 'expected "," between the tasks of the array');
        if (c === RBRACE) this.fail(line, 'unexpected "}" in the top-level array');
        if (!active) { active = true; start = i; this.startLine = line; this.expectValue = false; }
      } else if (mode === Mode.Start) {
        if (c === LBRACK) { mode = Mode.Array; depth = 1; this.wasArray = true; continue; }
        if (c !== LBRACE) this.fail(line, 'expected a JSON array of tasks "[" or one task "{" at the start of the file');
        mode = Mode.Object; active = true; start = i; this.startLine = line;
      } else if (mode === Mode.Done) {
        this.fail(line, 'unexpected data after the end of the JSON value (one task a line? name the file .jsonl)');
      }
      this.justClosed = false;
      if (c === QUOTE) inString = true;
      else if (c === LBRACE || c === LBRACK) depth++;
      else if (c === RBRACE || c === RBRACK) {
        depth--;
        if (mode === Mode.Array && depth === 1) this.justClosed = true;
        if (mode === Mode.Object && depth === 0) {
          out.push(this.piece(text, start, i + 1));
          active = false; mode = Mode.Done;
        }
      }
    }
    Object.assign(this, { mode, depth, inString, escape, line, active });
    if (active) {
      const rest = text.slice(start);
      this.parts.push(rest);
      this.buffered += rest.length;
      if (this.buffered > this.maxTaskChars) this.fail(this.startLine, `a task is longer than ${this.maxTaskChars} characters (an unclosed string or bracket?)`);
    }
    return out;
  }

  /** Throws a FormatError when the document was cut short or empty. */
  end(): void {
    if (this.mode === Mode.Done) return;
    if (this.mode === Mode.Start) this.fail(this.line, 'the file is empty (expected a JSON array of Label Studio tasks)');
    const where = this.active ? this.startLine : this.line;
    const what = this.inString ? 'inside a string' : this.mode === Mode.Array ? 'before the top-level array is closed' : 'before the task is closed';
    this.fail(where, `the file ends ${what} (truncated?)`);
  }

  private piece(text: string, start: number, end: number): Piece {
    let s = text.slice(start, end);
    if (this.parts.length > 0) {
      this.parts.push(s);
      s = this.parts.join('');
      this.parts = [];
      this.buffered = 0;
    }
    return { line: this.startLine, index: this.index++, text: s };
  }

  private fail(line: number, detail: string): never {
    throw new FormatError(this.file, line, this.mode === Mode.Array || this.mode === Mode.Done ? `[${this.index}]` : '', detail);
  }
}

/** Decodes UTF-8 chunks (fatal on bad bytes, a BOM dropped) as text pieces. */
export async function* decodeChunks(chunks: AsyncIterable<Uint8Array>, file: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  try {
    for await (const chunk of chunks) {
      let text = decoder.decode(chunk, { stream: true });
      if (first && text !== '') { text = text.replace(/^\uFEFF/, ''); first = false; }
      if (text !== '') yield text;
    }
    const rest = decoder.decode();
    if (rest !== '') yield rest;
  } catch (e) {
    if (e instanceof TypeError) throw new FormatError(file, 0, '', 'the file is not UTF-8 text');
    throw e;
  }
}

/** JSON.parse with the failure as a message rather than an exception. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, message: `JSON syntax error: ${(e as Error).message}` };
  }
}
