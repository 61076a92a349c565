// A YOLO dataset by its names: a YAML naming classes, a darknet names file, or label .txt files
// whose first line reads as a YOLO row.
import { baseOf, utf8 } from '../source.ts';
import type { Source, SourceFile } from '../types.ts';

const ROW = /^\d+(\s+-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?){4,}\s*$/;

async function firstLine(f: SourceFile): Promise<string> {
  for await (const chunk of f.chunks()) {
    let text: string;
    try { text = utf8(chunk.subarray(0, 4096)); } catch { return ''; }
    return text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  }
  return '';
}

export async function detectYolo(source: Source): Promise<number> {
  const labels = source.files.filter((f) => /(^|\/)labels\/.+\.txt$/i.test(f.path));
  const rowLike = labels.length > 0 ? ROW.test(await firstLine(labels.find((f) => f.size > 0) ?? labels[0]!)) : false;
  if (source.files.some((f) => baseOf(f.path) === 'data.yaml')) return rowLike || labels.length > 0 ? 0.95 : 0.85;
  if (source.files.some((f) => /^(obj\.names|obj\.data)$/.test(baseOf(f.path)))) return 0.85;
  if (rowLike) return 0.75;
  // A folder of label files alone (the labels/ folder itself was imported).
  const txt = source.files.filter((f) => f.path.toLowerCase().endsWith('.txt') && f.size > 0 && !/(^|\/)(classes|train|val|valid|test|readme[^/]*)\.txt$/i.test(f.path));
  if (txt.length > 0 && ROW.test(await firstLine(txt[0]!))) return 0.6;
  const yamls = source.files.filter((f) => /\.ya?ml$/i.test(f.path));
  for (const y of yamls.slice(0, 5)) {
    const head = await firstLines(y);
    if (/^names\s*:/m.test(head) && labels.length > 0) return 0.8;
  }
  return 0;
}

async function firstLines(f: SourceFile): Promise<string> {
  for await (const chunk of f.chunks()) return new TextDecoder().decode(chunk.subarray(0, 16384));
  return '';
}
