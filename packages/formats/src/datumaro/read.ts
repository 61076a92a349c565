// Datumaro JSON (`annotations/<subset>.json`): image items with bbox, polygon, polyline and points
// annotations. Records have no lines here: a problem's `line` is the item's number (1-based).
import type { LabeledObject } from '@cadre/core';
import { baseOf, stemOf } from '../source.ts';
import { FormatError, type LabelledItem, type Note, type ReadResult, type Source, type SourceFile } from '../types.ts';
import { readJson } from './json.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Datumaro's annotation files: `.json` under an `annotations/` folder (or a lone .json given as is). */
export function datumaroFiles(source: Source): SourceFile[] {
  const under = source.files.filter((f) => /(^|\/)annotations\/[^/]+\.json$/i.test(f.path));
  return under.length > 0 ? under : source.files.filter((f) => f.path.toLowerCase().endsWith('.json') && !f.path.includes('/'));
}

export async function* readDatumaro(source: Source): AsyncGenerator<ReadResult> {
  for (const file of datumaroFiles(source)) {
    let doc: unknown;
    try {
      doc = await readJson(file);
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      yield { ok: false, error: { file: e.file, line: e.line, field: e.field, message: e.detail } };
      continue;
    }
    if (!isObject(doc) || !Array.isArray(doc.items)) { yield { ok: false, error: { file: file.path, line: 0, field: 'items', message: 'expected a Datumaro document with an items array' } }; continue; }
    const labels = labelNames(doc);
    const subset = stemOf(baseOf(file.path));
    for (const [i, raw] of doc.items.entries()) yield* readItem(file.path, raw, i, labels, subset);
  }
}

function labelNames(doc: Json): string[] {
  const cats = isObject(doc.categories) ? doc.categories : {};
  const label = isObject(cats.label) ? cats.label : {};
  return Array.isArray(label.labels) ? label.labels.map((l) => (isObject(l) && typeof l.name === 'string' ? l.name : '')) : [];
}

function* readItem(file: string, raw: unknown, i: number, labels: string[], subset: string): Generator<ReadResult> {
  const line = i + 1;
  const at = `items[${i}]`;
  const problem = (field: string, message: string): ReadResult => ({ ok: false, error: { file, line, field: `${at}${field ? `.${field}` : ''}`, message } });
  if (!isObject(raw)) { yield problem('', 'expected an object'); return; }
  const id = typeof raw.id === 'string' || typeof raw.id === 'number' ? String(raw.id) : '';
  if (id === '') { yield problem('id', 'is missing'); return; }
  const image = isObject(raw.image) ? raw.image : isObject(raw.media) ? raw.media : {};
  const item: LabelledItem = { file, line, kind: 'image', media: typeof image.path === 'string' && image.path !== '' ? image.path : id, annotations: [], predictions: [], metadata: { id }, notes: [] };
  if (image.size !== undefined) {
    const s = image.size;
    if (!(Array.isArray(s) && s.length === 2 && s.every((v) => typeof v === 'number' && Number.isFinite(v) && v > 0))) { yield problem('image.size', `expected [height, width], got ${JSON.stringify(s)}`); return; }
    item.height = s[0] as number;
    item.width = s[1] as number;
  }
  if (subset !== 'default') item.metadata.subset = subset;
  if (isObject(raw.attr) && Object.keys(raw.attr).length > 0) item.metadata.attr = raw.attr;
  const objects: LabeledObject[] = [];
  const anns = raw.annotations ?? [];
  if (!Array.isArray(anns)) { yield problem('annotations', 'expected an array'); return; }
  for (const [j, a] of anns.entries()) {
    const r = readAnnotation(a, `${at}.annotations[${j}]`, labels);
    if (r.problem) { yield { ok: false, error: { file, line, field: r.problem.field, message: r.problem.message } }; continue; }
    if (r.note) item.notes.push({ file, line, ...r.note });
    for (const o of r.objects ?? []) objects.push({ ...o, id: `o${objects.length}` });
  }
  item.annotations.push({ objects });
  yield { ok: true, item };
}

type AnnResult = { objects?: LabeledObject[]; note?: Omit<Note, 'file' | 'line'>; problem?: undefined } | { problem: { field: string; message: string }; objects?: undefined; note?: undefined };

const DROPPED: Record<string, string> = {
  label: 'an image-level label has no Cadre kind for images',
  mask: 'a mask (RLE) is not traced to a polygon',
  caption: 'a caption has no Cadre kind for images',
  cuboid_3d: 'a 3D cuboid on an image item is not kept',
  ellipse: 'an ellipse is not kept',
};

function readAnnotation(a: unknown, at: string, labels: string[]): AnnResult {
  const bad = (field: string, message: string): AnnResult => ({ problem: { field: `${at}${field ? `.${field}` : ''}`, message } });
  if (!isObject(a)) return bad('', 'expected an object');
  const type = a.type;
  if (typeof type !== 'string') return bad('type', 'is missing');
  let label = '';
  if (a.label_id !== undefined && a.label_id !== null) {
    if (!(typeof a.label_id === 'number' && Number.isSafeInteger(a.label_id) && labels[a.label_id])) return bad('label_id', `${JSON.stringify(a.label_id)} is not a label of categories.label.labels (${labels.length} labels)`);
    label = labels[a.label_id]!;
  }
  if (Object.hasOwn(DROPPED, type)) return { note: { field: at, kind: 'dropped', reason: `datumaro ${type}`, message: `${type}${label ? ` ${JSON.stringify(label)}` : ''}: ${DROPPED[type]}` } };
  if (!label) return bad('label_id', 'is missing');
  const attributes: Record<string, unknown> = isObject(a.attributes) ? { ...a.attributes } : {};
  const extra: Partial<LabeledObject> = {};
  if (attributes.track_id !== undefined) { extra.trackId = String(attributes.track_id); delete attributes.track_id; }
  if (typeof attributes.keyframe === 'boolean') { extra.keyframe = attributes.keyframe; delete attributes.keyframe; }
  if (attributes.occluded === false) delete attributes.occluded;
  let rotation = 0;
  if (attributes.rotation !== undefined) {
    if (typeof attributes.rotation !== 'number' || !Number.isFinite(attributes.rotation)) return bad('attributes.rotation', `expected degrees, got ${JSON.stringify(attributes.rotation)}`);
    if (type === 'bbox') { rotation = attributes.rotation; delete attributes.rotation; }
  }
  if (typeof a.z_order === 'number' && a.z_order !== 0) attributes.z_order = a.z_order;
  if (typeof a.group === 'number' && a.group !== 0) attributes.group = a.group;
  const make = (kind: LabeledObject['kind'], geometry: unknown) => ({ id: '', label, kind, geometry, attributes: { ...attributes }, ...extra }) as LabeledObject;
  if (type === 'bbox') {
    const b = a.bbox;
    if (!(Array.isArray(b) && b.length === 4 && b.every((v) => typeof v === 'number' && Number.isFinite(v)))) return bad('bbox', `expected [x, y, width, height] numbers, got ${JSON.stringify(b)}`);
    const [x, y, w, h] = b as number[];
    if (!(w! > 0 && h! > 0)) return bad('bbox', `width and height must be positive, got ${w} × ${h}`);
    return { objects: [make('bbox2d', { x, y, width: w, height: h, ...(rotation ? { rotation } : {}) })] };
  }
  if (type === 'polygon' || type === 'polyline' || type === 'points') {
    const p = a.points;
    if (!(Array.isArray(p) && p.length % 2 === 0 && p.every((v) => typeof v === 'number' && Number.isFinite(v)))) return bad('points', 'expected a flat list of x, y numbers');
    const pts: Array<[number, number]> = [];
    for (let k = 0; k < p.length; k += 2) pts.push([p[k] as number, p[k + 1] as number]);
    const min = type === 'polygon' ? 3 : type === 'polyline' ? 2 : 1;
    if (pts.length < min) return bad('points', `a ${type} needs at least ${min} points, got ${pts.length}`);
    if (type !== 'points') return { objects: [make(type, { points: pts })] };
    const objects = pts.map(([x, y]) => make('point2d', { x, y }));
    return pts.length > 1
      ? { objects, note: { field: at, kind: 'mapped', reason: 'datumaro points as single points', message: `points ${JSON.stringify(label)} with ${pts.length} points are kept as ${pts.length} points` } }
      : { objects };
  }
  return { note: { field: at, kind: 'dropped', reason: `datumaro ${type}`, message: `annotation type ${JSON.stringify(type)} is not kept` } };
}
