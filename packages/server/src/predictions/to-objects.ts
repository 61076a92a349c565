import { px, type LabeledObject } from '@cadre/core';
import { cuboidResultToObject } from './cuboid.ts';
import type { ImageSize } from './rectangle.ts';
import { OffsetMap } from '@cadre/core';
import { textResultToObjects } from './text-results.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Label Studio rectangle results (percent of the image) as bbox2d objects in image pixels,
 * cuboid3d results as cuboids, and choices / labels results as text_class / text_span objects (span
 * offsets converted to code points of `text`, see text-results.ts), for the workspace to show a
 * prediction. Results of other types are left out. `origin` stays unset: it says what a person did
 * with a prediction, and nobody has yet.
 */
export function resultsToObjects(results: readonly unknown[], predictionId: string, imageSize?: ImageSize, text?: string | null): LabeledObject[] {
  const out: LabeledObject[] = [];
  let map: OffsetMap | undefined;
  results.forEach((r, i) => {
    if (isRecord(r) && (r.type === 'choices' || r.type === 'labels')) {
      map ??= typeof text === 'string' ? new OffsetMap(text) : undefined;
      out.push(...textResultToObjects(r, i, predictionId, map));
      return;
    }
    if (isRecord(r) && r.type === 'cuboid3d') {
      const cuboid = cuboidResultToObject(r, i, predictionId);
      if (cuboid) out.push(cuboid);
      return;
    }
    if (!isRecord(r) || r.type !== 'rectanglelabels' || !isRecord(r.value)) return;
    const v = r.value;
    const label = Array.isArray(v.rectanglelabels) ? v.rectanglelabels[0] : undefined;
    const width = num(r.original_width) ? r.original_width : imageSize?.width;
    const height = num(r.original_height) ? r.original_height : imageSize?.height;
    if (typeof label !== 'string' || width === undefined || height === undefined) return;
    if (!num(v.x) || !num(v.y) || !num(v.width) || !num(v.height)) return;
    const object: LabeledObject = {
      id: `${predictionId}:${typeof r.id === 'string' ? r.id : i}`,
      label, kind: 'bbox2d', attributes: {}, predictionId,
      geometry: { x: px((v.x / 100) * width), y: px((v.y / 100) * height), width: px((v.width / 100) * width), height: px((v.height / 100) * height) },
    };
    if (num(r.score)) object.score = r.score;
    out.push(object);
  });
  return out;
}

/**
 * A stored prediction's objects, as the workspace shows them and as work taken from it is judged:
 * Label Studio results, or Cadre objects (`format: 'cadre'`, what a label file imported as
 * pre-labels stores); empty when the format is not understood.
 */
export function predictionObjects(id: string, payload: unknown, text: string | null): LabeledObject[] {
  const p = payload as { format?: string; result?: unknown; objects?: unknown } | null;
  if (p?.format === 'cadre' && Array.isArray(p.objects)) {
    return (p.objects as LabeledObject[]).map((o, i) => ({ ...o, id: `${id}:${o.id ?? i}`, predictionId: id }));
  }
  return p?.format === 'labelstudio' && Array.isArray(p.result) ? resultsToObjects(p.result, id, undefined, text) : [];
}
