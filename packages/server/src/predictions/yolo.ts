import { clampIntoImage, emptyTally, type ClampTally } from './clamp.ts';
import { rectangle, type ImageSize, type RectangleResult } from './rectangle.ts';

/**
 * YOLO txt labels, one box a line: `class cx cy w h` normalised to the image (0–1), with an optional
 * sixth column, the score, as detectors write with `save_conf`. Throws with the line number. Boxes
 * that rounding put a hair outside the image are clamped into it and counted in `tally`.
 */
export function yoloToResults(text: string, names: readonly string[], size: ImageSize, tally: ClampTally = emptyTally()): RectangleResult[] {
  const out: RectangleResult[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const fields = line.split(/\s+/);
    if (fields.length !== 5 && fields.length !== 6) {
      throw new Error(`line ${i + 1}: expected "class cx cy w h [score]", got ${fields.length} fields`);
    }
    const [cls, cx, cy, w, h, score] = fields.map(Number) as [number, number, number, number, number, number | undefined];
    if (![cls, cx, cy, w, h].every(Number.isFinite) || (score !== undefined && !Number.isFinite(score))) {
      throw new Error(`line ${i + 1}: not all numbers: ${JSON.stringify(line)}`);
    }
    const label = Number.isInteger(cls) ? names[cls] : undefined;
    if (label === undefined) throw new Error(`line ${i + 1}: class ${fields[0]} is not in the class list (${names.length} classes)`);
    const box = clampIntoImage({ x: (cx - w / 2) * size.width, y: (cy - h / 2) * size.height, width: w * size.width, height: h * size.height }, size, tally);
    out.push(rectangle(`yolo-${i + 1}`, label, box, size, score ?? null));
  });
  return out;
}
