import type { Source, SourceFile } from './types.ts';

const encoder = new TextEncoder();

/** A source held in memory: tests, and uploads small enough to hold. */
export function memorySource(name: string, files: Record<string, string | Uint8Array>): Source {
  const list: SourceFile[] = Object.entries(files)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, content]) => {
      const bytes = typeof content === 'string' ? encoder.encode(content) : content;
      return {
        path, size: bytes.length,
        bytes: async () => bytes,
        async *chunks() { for (let i = 0; i < bytes.length; i += 1 << 20) yield bytes.subarray(i, i + (1 << 20)); },
      };
    });
  return sourceOf(name, list);
}

/** A source of the given files (sorted by path). */
export function sourceOf(name: string, files: SourceFile[]): Source {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const byPath = new Map(sorted.map((f) => [f.path, f]));
  return { name, files: sorted, get: (path) => byPath.get(path) };
}

/** Decodes UTF-8 (a BOM is dropped); a byte sequence that is not UTF-8 throws. */
export function utf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
}

/** Lines of a streamed text file, with their 1-based numbers, in flat memory. */
export async function* lines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<{ line: number; text: string }> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let rest = '';
  let n = 0;
  let first = true;
  for await (const chunk of chunks) {
    let text = rest + decoder.decode(chunk, { stream: true });
    if (first) { text = text.replace(/^\uFEFF/, ''); first = false; }
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      yield { line: ++n, text: text.slice(start, nl > start && text[nl - 1] === '\r' ? nl - 1 : nl) };
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.decode();
  if (rest !== '') yield { line: ++n, text: rest.endsWith('\r') ? rest.slice(0, -1) : rest };
}

/** Concatenates an export file's pieces (tests, and small files). */
export async function collect(content: AsyncIterable<string | Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let out = '';
  for await (const piece of content) out += typeof piece === 'string' ? piece : decoder.decode(piece, { stream: true });
  return out + decoder.decode();
}

/** The directory part of a '/'-separated path ('' for a top-level file). */
export const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
/** The last part of a '/'-separated path. */
export const baseOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);
/** A path without its extension. */
export const stemOf = (path: string) => { const b = baseOf(path); const dot = b.lastIndexOf('.'); return dot > 0 ? path.slice(0, path.length - (b.length - dot)) : path; };
