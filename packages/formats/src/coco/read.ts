// COCO JSON, parsed whole: one item an entry of `images` (media = its `file_name` as written), one
// annotation set of the objects of its annotations. Problems name the file, the line the element
// starts on, and its path (`annotations[12].bbox`); the item is still read without that annotation.
import type { LabeledObject } from '@cadre/core';
import { utf8 } from '../source.ts';
import { FormatError, type LabelledItem, type ReadContext, type ReadResult, type RowProblem, type Source, type SourceFile } from '../types.ts';
import { annotationObjects, type Category } from './annotation.ts';
import { cocoFiles } from './detect.ts';
import { elementLines, jsonErrorAt, lineAt } from './json-lines.ts';
import { isNum, isRecord, show } from './values.ts';

/** Image fields the item's own fields hold; the rest go to its metadata and back on export. */
const IMAGE_KEYS = new Set(['id', 'file_name', 'width', 'height']);

export async function* readCoco(source: Source, ctx: ReadContext): AsyncGenerator<ReadResult> {
  let files = await cocoFiles(source);
  // A lone JSON file that is not COCO: read it anyway, so the error says what it lacks.
  const json = source.files.filter((f) => f.path.toLowerCase().endsWith('.json'));
  if (files.length === 0 && json.length === 1) files = json;
  if (files.length === 0) throw new FormatError(source.name, 0, '', 'no COCO JSON file (an object with images, annotations and categories)');
  for (const file of files) yield* readFile(file, ctx);
}

async function parse(file: SourceFile): Promise<{ text: string; doc: Record<string, unknown> }> {
  let text: string;
  try { text = utf8(await file.bytes()); } catch { throw new FormatError(file.path, 0, '', 'is not UTF-8 text'); }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const at = jsonErrorAt(text);
    throw new FormatError(file.path, at >= 0 ? lineAt(text, at) : 0, '', `is not valid JSON: ${(e as Error).message}`);
  }
  if (!isRecord(doc)) throw new FormatError(file.path, 1, '', 'expected a JSON object with images, annotations and categories');
  for (const key of ['images', 'annotations', 'categories']) {
    if (doc[key] !== undefined && !Array.isArray(doc[key])) throw new FormatError(file.path, 0, key, `expected an array, got ${show(doc[key])}`);
  }
  if (!Array.isArray(doc.images)) throw new FormatError(file.path, 0, 'images', 'is missing: a COCO file lists its images');
  return { text, doc };
}

async function* readFile(file: SourceFile, ctx: ReadContext): AsyncGenerator<ReadResult> {
  const { text, doc } = await parse(file);
  const lines = elementLines(text, ['images', 'annotations', 'categories']);
  const lineOf = (key: string, i: number) => lines.get(key)![i] ?? 0;
  const problems: RowProblem[] = [];
  const problem = (key: string, i: number, field: string, message: string) => problems.push({ file: file.path, line: lineOf(key, i), field, message });

  const categories = new Map<unknown, Category>();
  ((doc.categories ?? []) as unknown[]).forEach((c, i) => {
    const at = `categories[${i}]`;
    if (!isRecord(c)) return problem('categories', i, at, `expected an object, got ${show(c)}`);
    if (typeof c.name !== 'string' || c.name === '') return problem('categories', i, `${at}.name`, `expected a class name, got ${show(c.name)}`);
    if (categories.has(c.id)) return problem('categories', i, `${at}.id`, `category id ${show(c.id)} is used twice`);
    const kp = c.keypoints;
    if (kp !== undefined && !(Array.isArray(kp) && kp.every((n) => typeof n === 'string' && n !== ''))) return problem('categories', i, `${at}.keypoints`, `expected a list of keypoint names, got ${show(kp)}`);
    categories.set(c.id, { name: c.name, ...(kp ? { keypoints: kp as string[] } : {}) });
  });

  const images = new Map<unknown, { item: LabelledItem; objects: LabeledObject[] }>();
  const order: Array<{ item: LabelledItem; objects: LabeledObject[] }> = [];
  (doc.images as unknown[]).forEach((img, i) => {
    const at = `images[${i}]`;
    if (!isRecord(img)) return problem('images', i, at, `expected an object, got ${show(img)}`);
    if (typeof img.file_name !== 'string' || img.file_name === '') return problem('images', i, `${at}.file_name`, `expected the image's file name, got ${show(img.file_name)}`);
    if (img.id === undefined || images.has(img.id)) return problem('images', i, `${at}.id`, img.id === undefined ? 'is missing' : `image id ${show(img.id)} is used twice`);
    const item: LabelledItem = { file: file.path, line: lineOf('images', i), kind: 'image', media: img.file_name, annotations: [], predictions: [], metadata: {}, notes: [] };
    const sized = (v: unknown) => isNum(v) && v > 0;
    if (img.width !== undefined || img.height !== undefined) {
      if (sized(img.width) && sized(img.height)) { item.width = img.width as number; item.height = img.height as number; }
      else problem('images', i, `${at}.${sized(img.width) ? 'height' : 'width'}`, `expected a size in pixels, got ${show(sized(img.width) ? img.height : img.width)}; the image is read without a size`);
    }
    for (const [k, v] of Object.entries(img)) if (!IMAGE_KEYS.has(k)) item.metadata[k] = v;
    const entry = { item, objects: [] };
    images.set(img.id, entry);
    order.push(entry);
  });

  ((doc.annotations ?? []) as unknown[]).forEach((a, i) => {
    const at = `annotations[${i}]`;
    if (!isRecord(a)) return problem('annotations', i, at, `expected an object, got ${show(a)}`);
    const image = images.get(a.image_id);
    if (!image) return problem('annotations', i, `${at}.image_id`, `image_id ${show(a.image_id)} is not in images`);
    const category = categories.get(a.category_id);
    if (!category) return problem('annotations', i, `${at}.category_id`, `category_id ${show(a.category_id)} is not in categories`);
    const r = annotationObjects(a, i, category, { file: file.path, line: lineOf('annotations', i), field: at }, ctx);
    if (!r.ok) return void problems.push(r.problem);
    image.objects.push(...r.objects);
    image.item.notes.push(...r.notes);
  });

  for (const error of problems) yield { ok: false, error };
  for (const { item, objects } of order) {
    item.annotations.push({ objects });
    yield { ok: true, item };
  }
}
