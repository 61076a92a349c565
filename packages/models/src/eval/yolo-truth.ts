// Ground truth from YOLO label text (`class cx cy w h` a line, normalised to the image size), for
// evaluating models against a YOLO-labelled folder such as coco128.
import type { Box } from './index.ts';

/** Boxes in pixels; `names` are the class names by index. A malformed line is an error naming it. */
export function readYoloLabels(text: string, names: readonly string[], width: number, height: number, file = 'labels'): Box[] {
  const boxes: Box[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line) continue;
    const v = line.split(/\s+/).map(Number);
    const name = names[v[0]!];
    if (v.length !== 5 || v.some((n) => !Number.isFinite(n)) || name === undefined) {
      throw new Error(`${file} line ${i + 1}: expected "class cx cy w h" with a class from 0 to ${names.length - 1}, got ${JSON.stringify(line)}`);
    }
    const [, cx, cy, w, h] = v as [number, number, number, number, number];
    boxes.push({ class: name, x: (cx - w / 2) * width, y: (cy - h / 2) * height, w: w * width, h: h * height });
  }
  return boxes;
}

/** The class names of a YOLO data config (`names:` as a mapping `0: person` or a list `- person` / `[a, b]`). */
export function readYoloNames(yaml: string): string[] {
  const lines = yaml.split(/\r?\n/);
  const at = lines.findIndex((l) => /^names\s*:/.test(l));
  if (at < 0) throw new Error('no "names:" in the YOLO config');
  const inline = lines[at]!.replace(/^names\s*:\s*/, '').trim();
  const unquote = (s: string) => s.trim().replace(/^(['"])(.*)\1$/, '$2');
  if (inline.startsWith('[')) return inline.replace(/^\[|\]\s*$/g, '').split(',').map(unquote).filter(Boolean);
  const names: string[] = [];
  for (const l of lines.slice(at + 1)) {
    if (!/^\s+\S/.test(l)) break;
    const m = /^\s+(?:(\d+)\s*:|-)\s*(.+)$/.exec(l);
    if (!m) break;
    if (m[1] !== undefined) names[Number(m[1])] = unquote(m[2]!);
    else names.push(unquote(m[2]!));
  }
  return names;
}
