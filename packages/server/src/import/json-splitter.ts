import { ImportFileError } from './types.ts';

/** The bytes of one top-level value and the line its first byte is on. */
export interface Piece {
  line: number;
  bytes: Buffer;
}

const NL = 0x0a, CR = 0x0d, SP = 0x20, TAB = 0x09;
const QUOTE = 0x22, BACKSLASH = 0x5c, COMMA = 0x2c;
const LBRACE = 0x7b, RBRACE = 0x7d, LBRACK = 0x5b, RBRACK = 0x5d;
const START = 0, ARRAY = 1, OBJECT = 2, DONE = 3;

/**
 * Cuts a JSON document into its top-level array elements (or the one top-level object) by tracking
 * depth, strings and escapes byte by byte; each piece is then JSON.parse'd on its own, which is far
 * faster than a token-level streaming parser and keeps memory to one row. Bracket kinds are not
 * matched here: a piece with mismatched brackets fails in JSON.parse.
 */
export class JsonSplitter {
  private mode = START;
  private depth = 0;
  private inString = false;
  private escape = false;
  private line = 1;
  private active = false; // inside a top-level value
  private expectValue = false; // just after a comma
  private startLine = 0;
  private parts: Buffer[] = [];
  private partBytes = 0;

  constructor(
    private readonly file: string,
    private readonly maxRowBytes: number,
  ) {}

  push(chunk: Buffer): Piece[] {
    const out: Piece[] = [];
    let { mode, depth, inString, escape, line, active } = this;
    let start = 0;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const b = chunk[i]!;
      if (inString) {
        if (escape) escape = false;
        else if (b === BACKSLASH) escape = true;
        else if (b === QUOTE) inString = false;
        else if (b === NL) line++;
        continue;
      }
      if (b === NL) {
        line++;
        continue;
      }
      if (b === SP || b === TAB || b === CR) continue;
      if (mode === ARRAY && depth === 1) {
        if (b === COMMA || b === RBRACK) {
          if (active) out.push(this.piece(chunk, start, i));
          else if (b === COMMA || this.expectValue) this.syntax(line, b === COMMA ? 'unexpected ","' : 'trailing "," before "]"');
          active = false;
          this.expectValue = b === COMMA;
          if (b === RBRACK) (depth = 0), (mode = DONE);
          continue;
        }
        if (b === RBRACE) this.syntax(line, 'unexpected "}" in the top-level array');
        if (!active) (active = true), (start = i), (this.startLine = line), (this.expectValue = false);
      } else if (mode === START) {
        if (b === LBRACK) {
          (mode = ARRAY), (depth = 1);
          continue;
        }
        if (b !== LBRACE) this.syntax(line, 'expected a JSON array "[" or object "{" at the start of the file');
        (mode = OBJECT), (active = true), (start = i), (this.startLine = line);
      } else if (mode === DONE) {
        this.syntax(line, 'unexpected data after the end of the top-level JSON value (is this JSON Lines? name it .jsonl)');
      }
      if (b === QUOTE) inString = true;
      else if (b === LBRACE || b === LBRACK) depth++;
      else if (b === RBRACE || b === RBRACK) {
        depth--;
        if (mode === OBJECT && depth === 0) {
          out.push(this.piece(chunk, start, i + 1));
          (active = false), (mode = DONE);
        }
      }
    }
    Object.assign(this, { mode, depth, inString, escape, line, active });
    if (active) {
      const rest = chunk.subarray(start);
      this.parts.push(rest);
      this.partBytes += rest.length;
      this.checkSize(this.partBytes);
    }
    return out;
  }

  /** Call at end of input: throws if the document was cut short. */
  end(): void {
    if (this.mode === DONE) return;
    if (this.mode === START) this.fail(this.line, 'syntax', 'the file is empty (expected a JSON array of tasks)');
    const where = this.active ? this.startLine : this.line;
    const what = this.inString ? 'inside a string' : this.mode === ARRAY ? 'before the top-level array is closed' : 'before the object is closed';
    this.fail(where, 'truncated', `the file ends ${what} (truncated?)`);
  }

  private piece(chunk: Buffer, start: number, end: number): Piece {
    this.checkSize(this.partBytes + end - start);
    let bytes = chunk.subarray(start, end);
    if (this.parts.length > 0) {
      this.parts.push(bytes);
      bytes = Buffer.concat(this.parts);
      this.parts = [];
      this.partBytes = 0;
    }
    return { line: this.startLine, bytes };
  }

  private checkSize(bytes: number): void {
    if (bytes > this.maxRowBytes) {
      this.fail(this.startLine, 'row_too_large', `row is larger than the limit of ${this.maxRowBytes} bytes`);
    }
  }

  private syntax(line: number, detail: string): never {
    return this.fail(line, 'syntax', `JSON syntax error: ${detail}`);
  }

  private fail(line: number, code: 'syntax' | 'truncated' | 'row_too_large', detail: string): never {
    throw new ImportFileError(this.file, line, code, detail);
  }
}
