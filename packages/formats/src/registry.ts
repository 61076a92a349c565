// Every format module, by name. Each format adds itself here and nowhere else.
import type { FormatModule, FormatName, Source } from './types.ts';
import { coco } from './coco/index.ts';
import { yolo } from './yolo/index.ts';
import { voc } from './voc/index.ts';
import { cvat } from './cvat/index.ts';
import { datumaro } from './datumaro/index.ts';
import { mot } from './mot/index.ts';
import { labelstudio } from './labelstudio/index.ts';

export const FORMATS: readonly FormatModule[] = [coco, yolo, voc, labelstudio, cvat, datumaro, mot];

export function formatByName(name: string): FormatModule | undefined {
  return FORMATS.find((f) => f.name === name);
}

/** The format a source is most likely in, or null when none is at least fairly sure. */
export async function detectFormat(source: Source): Promise<FormatName | null> {
  let best: { name: FormatName; score: number } | null = null;
  for (const f of FORMATS) {
    const score = await f.detect(source);
    if (score >= 0.5 && (!best || score > best.score)) best = { name: f.name, score };
  }
  return best?.name ?? null;
}
