import { isUtf8 } from 'node:buffer';
import { ImportFileError } from './types.ts';

export type ChunkSource = AsyncIterable<Buffer | Uint8Array | string> | NodeJS.ReadableStream;

const NL = 0x0a;
const BOM = [0xef, 0xbb, 0xbf];

function toBuffer(chunk: Buffer | Uint8Array | string): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function sequenceLength(lead: number): number {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

/** How many bytes at the end of `buf` start a character that the next chunk completes. */
function incompleteTail(buf: Buffer): number {
  for (let k = 1; k <= 3 && k <= buf.length; k++) {
    const b = buf[buf.length - k]!;
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0x80) return 0;
    return sequenceLength(b) > k ? k : 0;
  }
  return 0;
}

function countLines(buf: Buffer, end: number): number {
  let n = 0;
  for (let i = buf.indexOf(NL); i !== -1 && i < end; i = buf.indexOf(NL, i + 1)) n++;
  return n;
}

/** Offset of the first byte that is not valid UTF-8 (only called once we know there is one). */
function firstInvalid(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const len = sequenceLength(buf[i]!);
    if (buf[i]! >= 0x80 && !isUtf8(buf.subarray(i, i + len))) return i;
    i += len;
  }
  return buf.length;
}

/**
 * Yields the source's chunks as Buffers once each is known to be valid UTF-8, so the readers can cut
 * rows at ASCII bytes and decode them without ever seeing a broken character. A character split
 * across chunks is checked when its last byte arrives; a leading BOM is dropped.
 */
export async function* checkedChunks(source: ChunkSource, file: string): AsyncGenerator<Buffer> {
  let tail: Buffer | null = null; // bytes of a character that began in the previous chunk
  let head: Buffer | null = Buffer.alloc(0); // the first bytes, until we know whether they are a BOM
  let lines = 1;
  const fail = (chunk: Buffer, at: number): never => {
    throw new ImportFileError(file, lines + countLines(chunk, at), 'encoding', 'the file is not valid UTF-8 text');
  };
  for await (const raw of source as AsyncIterable<Buffer | Uint8Array | string>) {
    let chunk = toBuffer(raw);
    if (head) {
      chunk = head.length ? Buffer.concat([head, chunk]) : chunk;
      if (chunk.length < 3 && chunk.every((b, i) => b === BOM[i])) {
        head = chunk;
        continue;
      }
      head = null;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    if (chunk.length === 0) continue;
    let from = 0;
    if (tail) {
      const need = sequenceLength(tail[0]!) - tail.length;
      const joined: Buffer = Buffer.concat([tail, chunk.subarray(0, need)]);
      from = Math.min(need, chunk.length);
      if (joined.length < sequenceLength(tail[0]!)) {
        if (joined.subarray(1).some((b) => (b & 0xc0) !== 0x80)) fail(chunk, 0);
        tail = joined; // still incomplete (tiny chunks): pass the bytes on, check when complete
        yield chunk;
        continue;
      }
      if (!isUtf8(joined)) fail(chunk, 0);
      tail = null;
    }
    const cut = chunk.length - incompleteTail(chunk);
    if (cut < from) fail(chunk, 0);
    const body = chunk.subarray(from, cut);
    if (!isUtf8(body)) fail(chunk, from + firstInvalid(body));
    if (cut < chunk.length) tail = chunk.subarray(cut);
    lines += countLines(chunk, chunk.length);
    if (chunk.length > 0) yield chunk;
  }
  if (tail || head?.length) {
    throw new ImportFileError(file, lines, 'encoding', 'the file ends in the middle of a UTF-8 character');
  }
}
