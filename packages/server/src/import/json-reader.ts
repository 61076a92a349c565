import { JsonSplitter } from './json-splitter.ts';
import { toTaskRow } from './task-row.ts';
import { ImportFileError } from './types.ts';
import type { RowResult } from './types.ts';

const NL = 0x0a;

/** JSON.parse one row; a syntax error is fatal and names the line inside the row where V8 says it is. */
function parseRow(text: string, file: string, line: number, lastLine = false): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const pos = /at position (\d+)/.exec(message);
    const at = pos ? line + countNewlines(text, Number(pos[1])) : line;
    const cut = lastLine && /Unterminated string|Unexpected end|Expected .* after/.test(message);
    if (cut) throw new ImportFileError(file, at, 'truncated', `the last line ends in the middle of a row (truncated?): ${message}`);
    throw new ImportFileError(file, at, 'syntax', `JSON syntax error: ${message}`);
  }
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export async function* readJson(chunks: AsyncIterable<Buffer>, file: string, maxRowBytes: number): AsyncGenerator<RowResult> {
  const splitter = new JsonSplitter(file, maxRowBytes);
  for await (const chunk of chunks) {
    for (const piece of splitter.push(chunk)) {
      yield toTaskRow(parseRow(piece.bytes.toString('utf8'), file, piece.line), piece.line, file);
    }
  }
  splitter.end();
}

function isBlank(text: string): boolean {
  if (text.charCodeAt(0) === 0x7b) return false; // '{': the common case, no need to trim
  return text.trim().length === 0;
}

/** One JSON object per line; blank lines are skipped, `\r\n` is whitespace to JSON.parse. */
export async function* readJsonl(chunks: AsyncIterable<Buffer>, file: string, maxRowBytes: number): AsyncGenerator<RowResult> {
  let line = 1;
  let parts: Buffer[] = []; // the start of a line that continues in the next chunk
  let partBytes = 0;
  const tooLarge = (): never => {
    throw new ImportFileError(file, line, 'row_too_large', `row is larger than the limit of ${maxRowBytes} bytes`);
  };
  for await (const chunk of chunks) {
    let from = 0;
    for (let nl = chunk.indexOf(NL); nl !== -1; nl = chunk.indexOf(NL, from)) {
      let text: string;
      if (parts.length > 0) {
        if (partBytes + nl > maxRowBytes) tooLarge();
        parts.push(chunk.subarray(0, nl));
        text = Buffer.concat(parts).toString('utf8');
        parts = [];
        partBytes = 0;
      } else {
        if (nl - from > maxRowBytes) tooLarge();
        text = chunk.toString('utf8', from, nl);
      }
      if (!isBlank(text)) yield toTaskRow(parseRow(text, file, line), line, file);
      line++;
      from = nl + 1;
    }
    if (from < chunk.length) {
      parts.push(chunk.subarray(from));
      partBytes += chunk.length - from;
      if (partBytes > maxRowBytes) tooLarge();
    }
  }
  const text = Buffer.concat(parts).toString('utf8');
  if (!isBlank(text)) yield toTaskRow(parseRow(text, file, line, true), line, file);
}
