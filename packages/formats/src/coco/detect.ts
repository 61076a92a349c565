// Which files of a source are COCO JSON, from their first bytes: an object naming `images` near its
// start (COCO's own files put `info`, `licenses` and `categories` before it; 64 KiB covers them).
import type { Source, SourceFile } from '../types.ts';

const HEAD = 64 * 1024;
/** Folders of per-image JSON (LabelMe) are not read whole to find out. */
const MAX_PROBED = 50;

export async function head(file: SourceFile, bytes = HEAD): Promise<string> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for await (const chunk of file.chunks()) {
    parts.push(chunk);
    n += chunk.length;
    if (n >= bytes) break;
  }
  const all = new Uint8Array(Math.min(n, bytes));
  let at = 0;
  for (const p of parts) { const take = Math.min(p.length, all.length - at); all.set(p.subarray(0, take), at); at += take; if (at >= all.length) break; }
  return new TextDecoder('utf-8', { fatal: false }).decode(all);
}

/** How sure the first bytes make it that the file is COCO JSON (0..1). */
export function cocoScore(text: string): number {
  if (!/^\uFEFF?\s*\{/.test(text)) return 0;
  const images = /"images"\s*:\s*\[/.test(text);
  const annotations = /"annotations"\s*:\s*\[/.test(text);
  const categories = /"categories"\s*:\s*\[/.test(text);
  if (images) return annotations || categories ? 0.95 : 0.85;
  // Datumaro's files also have categories and (per item) annotations, but no images.
  return annotations && categories ? 0.4 : 0;
}

const jsonFiles = (source: Source) => {
  const all = source.files.filter((f) => f.path.toLowerCase().endsWith('.json'));
  // COCO's layout (and CVAT's, and ours) keeps the file under annotations/: look there first.
  return [...all.filter((f) => /(^|\/)annotations\//i.test(f.path)), ...all.filter((f) => !/(^|\/)annotations\//i.test(f.path))];
};

export async function detectCoco(source: Source): Promise<number> {
  let best = 0;
  for (const f of jsonFiles(source).slice(0, MAX_PROBED)) best = Math.max(best, cocoScore(await head(f)));
  return best;
}

/** The files the reader reads: every JSON object naming `images` (the reader reports what is wrong with it). */
export async function cocoFiles(source: Source): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  for (const f of source.files) {
    if (!f.path.toLowerCase().endsWith('.json')) continue;
    const text = await head(f);
    if (/^\uFEFF?\s*\{/.test(text) && /"images"\s*:/.test(text)) out.push(f);
  }
  return out;
}
