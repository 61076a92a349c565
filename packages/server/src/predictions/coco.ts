import { clampIntoImage, emptyTally, type ClampTally } from './clamp.ts';
import { rectangle, type ImageSize, type RectangleResult } from './rectangle.ts';

interface CocoBox { id: string; label: string; box: { x: number; y: number; width: number; height: number }; score: number | null }
/** One image's boxes in pixels; its size when the JSON gives it. */
export interface CocoImage { size: ImageSize | null; boxes: CocoBox[] }

/** The boxes as rectangle results; `size` is the JSON's when it has one, else the file's. Rounding past an edge is clamped (clamp.ts). */
export function cocoResults(image: CocoImage, fileSize: ImageSize, tally: ClampTally = emptyTally()): RectangleResult[] {
  const size = image.size ?? fileSize;
  return image.boxes.map((b) => rectangle(b.id, b.label, clampIntoImage(b.box, size, tally), size, b.score));
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

/**
 * Indexes a COCO JSON document (`images`, `annotations` with `bbox [x, y, w, h]` in pixels,
 * `categories`) by image file name. The whole document is parsed at once: COCO files are one object.
 */
export function indexCoco(doc: unknown): Map<string, CocoImage> {
  if (!isRecord(doc) || !Array.isArray(doc.images) || !Array.isArray(doc.annotations) || !Array.isArray(doc.categories)) {
    throw new Error('not COCO JSON: expected an object with images, annotations and categories arrays');
  }
  const categories = new Map<unknown, string>();
  for (const c of doc.categories) if (isRecord(c) && typeof c.name === 'string') categories.set(c.id, c.name);
  const byId = new Map<unknown, CocoImage>();
  const byName = new Map<string, CocoImage>();
  doc.images.forEach((img: unknown, i) => {
    if (!isRecord(img) || typeof img.file_name !== 'string') throw new Error(`images[${i}]: expected a file_name`);
    const size = num(img.width) && num(img.height) ? { width: img.width as number, height: img.height as number } : null;
    const entry: CocoImage = { size, boxes: [] };
    byId.set(img.id, entry);
    byName.set(img.file_name, entry);
  });
  doc.annotations.forEach((a: unknown, i) => {
    const where = `annotations[${i}]`;
    if (!isRecord(a)) throw new Error(`${where}: expected an object`);
    const image = byId.get(a.image_id);
    if (!image) throw new Error(`${where}: image_id ${String(a.image_id)} is not in images`);
    const label = categories.get(a.category_id);
    if (label === undefined) throw new Error(`${where}: category_id ${String(a.category_id)} is not in categories`);
    const bbox = a.bbox;
    if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every(num)) throw new Error(`${where}.bbox: expected [x, y, width, height] in pixels`);
    if (a.score !== undefined && !num(a.score)) throw new Error(`${where}.score: expected a number`);
    const [x, y, width, height] = bbox as [number, number, number, number];
    image.boxes.push({ id: `coco-${String(a.id ?? i)}`, label, box: { x, y, width, height }, score: (a.score as number | undefined) ?? null });
  });
  return byName;
}
