// Label Studio results → Cadre objects. Image results are in percent of the image (0–100) and come
// back in pixels; a rectangle turns about its top-left corner in Label Studio and about its centre
// in Cadre; text spans count UTF-16 units in Label Studio and code points in Cadre. Results that
// share an `id` with a region (per-region Choices, TextArea, Rating, Number, DateTime, Taxonomy)
// are that region's attributes, keyed by their control's name.
import { px as imagePx, type Bbox2dGeometry, type LabeledObject } from '@cadre/core';
import type { Note, RowProblem } from '../types.ts';
import { Controls, finite, isRecord } from './meta.ts';
import type { OffsetMap } from '@cadre/core';

export interface ResultsContext {
  file: string;
  line: number;
  /** Where the result list is in the task: `annotations[0]`, `predictions[1]`. */
  at: string;
  kind: 'image' | 'pointcloud' | 'text';
  /** The item's image size, when known (from the results or the caller); per-result sizes win. */
  size: { width: number; height: number } | null;
  text: OffsetMap | null;
  /** Predictions: each result's own `score` goes on its object. */
  prediction: boolean;
  controls: Controls;
  problems: RowProblem[];
  notes: Note[];
}

/** Result types that draw a region on an image, with the key of their labels. */
const IMAGE_REGIONS: Record<string, { labels: string; shape: 'rect' | 'poly' | 'point' | 'vector' }> = {
  rectanglelabels: { labels: 'rectanglelabels', shape: 'rect' },
  rectangle: { labels: 'labels', shape: 'rect' },
  polygonlabels: { labels: 'polygonlabels', shape: 'poly' },
  polygon: { labels: 'labels', shape: 'poly' },
  keypointlabels: { labels: 'keypointlabels', shape: 'point' },
  keypoint: { labels: 'labels', shape: 'point' },
  vectorlabels: { labels: 'vectorlabels', shape: 'vector' },
  vector: { labels: 'labels', shape: 'vector' },
};

const RECT_KEYS = ['x', 'y', 'width', 'height'] as const;

/** Result types that, sharing an id with a region, are one of its attributes. */
export const ATTRIBUTE_TYPES = new Set(['choices', 'textarea', 'rating', 'number', 'datetime', 'taxonomy']);

type Raw = Record<string, unknown>;

/** Converts one annotation's or prediction's `result` list. */
export function resultsToObjects(results: unknown, c: ResultsContext): LabeledObject[] {
  const listAt = `${c.at}.result`;
  if (!Array.isArray(results)) {
    problem(c, listAt, `expected an array of results, got ${describe(results)}`);
    return [];
  }
  const objects: LabeledObject[] = [];
  const byRegionId = new Map<string, LabeledObject>();
  const used = new Set<string>();
  /** Per-region results and label-only results, applied once every region is known. */
  const later: Array<{ r: Raw; path: string; id: string | null }> = [];
  const classes: Array<{ r: Raw; path: string; id: string | null }> = [];

  results.forEach((r: unknown, i) => {
    const path = `${listAt}[${i}]`;
    if (!isRecord(r)) { problem(c, path, `expected a result object, got ${describe(r)}`); return; }
    if (typeof r.type !== 'string' || r.type === '') { problem(c, `${path}.type`, `expected the result type, got ${describe(r.type)}`); return; }
    const type = r.type;
    const id = typeof r.id === 'string' && r.id !== '' ? r.id : typeof r.id === 'number' ? String(r.id) : null;
    const v = r.value;
    const region = IMAGE_REGIONS[type];
    const known = region !== undefined || type === 'labels' || type === 'cuboid3d' || ATTRIBUTE_TYPES.has(type);
    if (!known) { drop(c, path, type, `Label Studio ${type} results have no Cadre counterpart`); return; }
    if (!isRecord(v)) { problem(c, `${path}.value`, `expected an object, got ${describe(v)}`); return; }
    let object: LabeledObject | null | undefined;
    if (region) {
      if (c.kind !== 'image') object = drop(c, path, type, `a ${type} result on a ${c.kind} item`);
      else object = imageObject(r, v, region, path, c, results, id);
    } else if (type === 'labels' && (c.kind === 'text' || ('start' in v && !('x' in v)))) {
      object = c.kind === 'text' ? spanObject(v, path, c) : drop(c, path, type, 'a text span on an item that is not a text');
    } else if (type === 'cuboid3d') {
      object = cuboidObject(v, path, c);
    } else if (ATTRIBUTE_TYPES.has(type) || type === 'labels') {
      (type === 'choices' ? classes : later).push({ r, path, id });
      return;
    } else {
      object = drop(c, path, type, `Label Studio ${type} results have no Cadre counterpart`);
    }
    if (!object) return;
    if (typeof r.from_name === 'string') c.controls.see(r.from_name, r.to_name, type, object.label);
    object.id = uniqueId(id ?? `r${i}`, used);
    if (c.prediction && finite(r.score) && r.score >= 0 && r.score <= 1) object.score = r.score;
    objects.push(object);
    if (id !== null && !byRegionId.has(id)) byRegionId.set(id, object);
  });

  // Choices of a region are its attributes; choices of the whole text are text_class objects.
  for (const x of classes) {
    if (x.id !== null && byRegionId.has(x.id)) { later.push(x); continue; }
    const choices = choiceList(x.r.value as Raw, `${x.path}.value.choices`, c);
    if (!choices) continue;
    if (c.kind !== 'text') { drop(c, x.path, 'choices', `choices for the whole ${c.kind} (${choices.join(', ')}) have no Cadre counterpart`); continue; }
    c.controls.see(x.r.from_name, x.r.to_name, 'choices');
    choices.forEach((label, k) => {
      const o: LabeledObject = { id: uniqueId(choices.length > 1 ? `${x.id ?? 'class'}:${k}` : x.id ?? 'class', used), label, kind: 'text_class', geometry: null, attributes: {} };
      if (c.prediction && finite(x.r.score) && x.r.score >= 0 && x.r.score <= 1) o.score = x.r.score;
      objects.push(o);
    });
  }
  for (const x of later) {
    const type = x.r.type as string;
    const owner = x.id !== null ? byRegionId.get(x.id) : undefined;
    if (type === 'labels') {
      // A bare Rectangle / Polygon / KeyPoint with a Labels control: the label came with the region.
      if (!owner) drop(c, x.path, 'labels', 'a labels result whose region is not in the annotation');
      continue;
    }
    if (!owner) { drop(c, x.path, type, `a ${type} result that belongs to no region`); continue; }
    const name = typeof x.r.from_name === 'string' && x.r.from_name !== '' ? x.r.from_name : type;
    const value = attributeValue(type, x.r.value as Raw, `${x.path}.value`, c);
    if (value === undefined) continue;
    owner.attributes[name] = value;
    c.controls.see(name, x.r.to_name, type);
  }
  return objects;
}

function imageObject(r: Raw, v: Raw, region: (typeof IMAGE_REGIONS)[string], path: string, c: ResultsContext, all: unknown[], id: string | null): LabeledObject | null {
  const label = regionLabel(v, region.labels, path, c, all, id);
  if (label === null) return null;
  if (finite(r.image_rotation) && r.image_rotation % 360 !== 0) {
    return drop(c, `${path}.image_rotation`, `${r.type as string} on a turned image`, `the image was turned ${r.image_rotation}° in Label Studio; results on a turned image are not converted`);
  }
  const size = imageSize(r, path, c);
  if (!size) return null;
  const { width: iw, height: ih } = size;
  if (region.shape === 'rect') {
    if (!numbers(v, RECT_KEYS, path, c)) return null;
    const w = ((v.width as number) / 100) * iw;
    const h = ((v.height as number) / 100) * ih;
    if (!(w > 0 && h > 0)) { problem(c, `${path}.value.${w > 0 ? 'height' : 'width'}`, 'a box must be wider and taller than 0'); return null; }
    if (v.rotation !== undefined && v.rotation !== null && !finite(v.rotation)) { problem(c, `${path}.value.rotation`, `expected degrees, got ${describe(v.rotation)}`); return null; }
    const rotation = finite(v.rotation) ? v.rotation % 360 : 0;
    return { id: '', label, kind: 'bbox2d', attributes: {}, geometry: fromTopLeftTurn(((v.x as number) / 100) * iw, ((v.y as number) / 100) * ih, w, h, rotation) as Bbox2dGeometry };
  }
  const px = (value: number) => (value / 100) * iw;
  const py = (value: number) => (value / 100) * ih;
  if (region.shape === 'point') {
    if (!numbers(v, ['x', 'y'], path, c)) return null;
    return { id: '', label, kind: 'point2d', attributes: {}, geometry: { x: imagePx(px(v.x as number)), y: imagePx(py(v.y as number)) } };
  }
  if (region.shape === 'poly') {
    const points = pointList(v.points, `${path}.value.points`, c, (p) => (Array.isArray(p) && p.length >= 2 && finite(p[0]) && finite(p[1]) ? [p[0], p[1]] : null));
    if (!points) return null;
    const scaled = points.map(([x, y]): [number, number] => [px(x), py(y)]);
    if (v.closed === false) {
      note(c, 'mapped', path, 'open polygon as polyline', 'an unclosed Label Studio polygon is kept as a polyline');
      return scaled.length >= 2 ? { id: '', label, kind: 'polyline', attributes: {}, geometry: { points: scaled } } : (problem(c, `${path}.value.points`, 'a line needs at least 2 points'), null);
    }
    if (scaled.length < 3) { problem(c, `${path}.value.points`, `a polygon needs at least 3 points, got ${scaled.length}`); return null; }
    return { id: '', label, kind: 'polygon', attributes: {}, geometry: { points: scaled } };
  }
  const vertices = pointList(v.vertices, `${path}.value.vertices`, c, (p) => (isRecord(p) && finite(p.x) && finite(p.y) ? [p.x, p.y] : null));
  if (!vertices) return null;
  if (Array.isArray(v.vertices) && v.vertices.some((p) => isRecord(p) && p.isBezier === true)) {
    note(c, 'mapped', `${path}.value.vertices`, 'bezier vertices as corners', 'curved (Bézier) segments are kept as straight lines between their vertices');
  }
  const scaled = vertices.map(([x, y]): [number, number] => [px(x), py(y)]);
  if (v.closed === true && scaled.length >= 3) return { id: '', label, kind: 'polygon', attributes: {}, geometry: { points: scaled } };
  if (scaled.length < 2) { problem(c, `${path}.value.vertices`, 'a line needs at least 2 vertices'); return null; }
  return { id: '', label, kind: 'polyline', attributes: {}, geometry: { points: scaled } };
}

/**
 * Label Studio's rectangle: (x, y) is the top-left corner, and the box turns `rotation` degrees
 * clockwise about that corner. Cadre's: (x, y) is the top-left corner of the unturned box and it
 * turns about its centre. Same box, same angle; only the unturned corner moves.
 */
export function fromTopLeftTurn(x: number, y: number, w: number, h: number, rotation: number): { x: number; y: number; width: number; height: number; rotation?: number } {
  if (rotation === 0) return { x, y, width: w, height: h };
  const t = (rotation * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const cx = x + (w / 2) * cos - (h / 2) * sin;
  const cy = y + (w / 2) * sin + (h / 2) * cos;
  return { x: cx - w / 2, y: cy - h / 2, width: w, height: h, rotation };
}

/** The inverse: Cadre's box as Label Studio's turned top-left corner. */
export function toTopLeftTurn(g: { x: number; y: number; width: number; height: number; rotation?: number }): { x: number; y: number } {
  const r = g.rotation ?? 0;
  if (r === 0) return { x: g.x, y: g.y };
  const t = (r * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const cx = g.x + g.width / 2;
  const cy = g.y + g.height / 2;
  return { x: cx - ((g.width / 2) * cos - (g.height / 2) * sin), y: cy - ((g.width / 2) * sin + (g.height / 2) * cos) };
}

function spanObject(v: Raw, path: string, c: ResultsContext): LabeledObject | null {
  const label = firstLabel(v.labels, `${path}.value.labels`, c);
  if (label === null) return null;
  for (const key of ['start', 'end'] as const) {
    const n = v[key];
    if (!(typeof n === 'number' && Number.isSafeInteger(n) && n >= 0)) {
      if (n === undefined && (v.startOffset !== undefined || typeof v.start === 'string')) return drop(c, path, 'labels', 'a span in HTML (start/end are paths) has no Cadre counterpart');
      problem(c, `${path}.value.${key}`, `expected a whole number offset, got ${describe(n)}`);
      return null;
    }
  }
  const start = v.start as number;
  const end = v.end as number;
  if (end <= start) { problem(c, `${path}.value`, `span is empty or reversed (start ${start}, end ${end})`); return null; }
  const map = c.text;
  if (!map) { problem(c, path, 'a span on an item without text'); return null; }
  const expected = typeof v.text === 'string' ? v.text : undefined;
  const cs = map.toCodePoint(start);
  const ce = map.toCodePoint(end);
  if (cs !== undefined && ce !== undefined && (expected === undefined || map.text.slice(start, end) === expected)) {
    return { id: '', label, kind: 'text_span', attributes: {}, geometry: { start: cs, end: ce } };
  }
  // Pre-labels written in Python count code points: accept that reading when only it gives the text.
  if (expected !== undefined && end <= map.codePoints && map.slice(start, end) === expected) {
    note(c, 'mapped', `${path}.value`, 'span offsets in code points', 'start/end count code points (as Python does), not UTF-16 units; read as such because only that reading gives value.text');
    return { id: '', label, kind: 'text_span', attributes: {}, geometry: { start, end } };
  }
  if (end > map.text.length) problem(c, `${path}.value.end`, `span ends at ${end}, past the end of the text (${map.text.length} UTF-16 units)`);
  else if (cs === undefined || ce === undefined) problem(c, `${path}.value.${cs === undefined ? 'start' : 'end'}`, 'the offset splits a character (inside a UTF-16 surrogate pair)');
  else problem(c, `${path}.value.text`, `is ${JSON.stringify(expected)}, but the text at ${start}..${end} is ${JSON.stringify(map.text.slice(start, end))}`);
  return null;
}

const CUBOID_KEYS = ['x', 'y', 'z', 'dx', 'dy', 'dz', 'yaw'] as const;

/** Cadre's own cuboid3d result (Label Studio has no 3D box): lidar frame, metres, radians, z at the centre. */
function cuboidObject(v: Raw, path: string, c: ResultsContext): LabeledObject | null {
  if (c.kind !== 'pointcloud') return drop(c, path, 'cuboid3d', `a cuboid on a ${c.kind} item`);
  const label = firstLabel(v.labels, `${path}.value.labels`, c);
  if (label === null || !numbers(v, CUBOID_KEYS, path, c)) return null;
  for (const k of ['dx', 'dy', 'dz'] as const) if (!((v[k] as number) > 0)) { problem(c, `${path}.value.${k}`, `must be > 0, got ${v[k] as number}`); return null; }
  const geometry = Object.fromEntries(CUBOID_KEYS.map((k) => [k, v[k]])) as { x: number; y: number; z: number; dx: number; dy: number; dz: number; yaw: number; roll?: number; pitch?: number };
  if (finite(v.roll)) geometry.roll = v.roll;
  if (finite(v.pitch)) geometry.pitch = v.pitch;
  const o: LabeledObject = { id: '', label, kind: 'cuboid3d', attributes: {}, geometry: geometry as never };
  if (typeof v.trackId === 'string' && v.trackId !== '') o.trackId = v.trackId;
  if (typeof v.frame === 'number' && Number.isSafeInteger(v.frame) && v.frame >= 0) o.frame = v.frame;
  return o;
}

/** A region's label: its own `<type>labels`, or (a bare Rectangle) a `labels` result with its id. */
function regionLabel(v: Raw, key: string, path: string, c: ResultsContext, all: unknown[], id: string | null): string | null {
  if (v[key] !== undefined || key !== 'labels') return firstLabel(v[key], `${path}.value.${key}`, c);
  if (v.labels !== undefined) return firstLabel(v.labels, `${path}.value.labels`, c);
  const k = id === null ? -1 : all.findIndex((r) => isRecord(r) && r.type === 'labels' && r.id === id && isRecord(r.value));
  if (k >= 0) return firstLabel(((all[k] as Raw).value as Raw).labels, `${path.replace(/\[\d+\]$/, `[${k}]`)}.value.labels`, c);
  problem(c, `${path}.value`, 'the region has no label (no labels of its own, and no labels result with its id)');
  return null;
}

function firstLabel(labels: unknown, path: string, c: ResultsContext): string | null {
  if (!Array.isArray(labels) || labels.length === 0 || typeof labels[0] !== 'string' || labels[0] === '') {
    problem(c, path, `expected a list of labels, got ${describe(labels)}`);
    return null;
  }
  if (labels.length > 1) note(c, 'dropped', path, 'extra labels', `the region has ${labels.length} labels; Cadre keeps the first, ${JSON.stringify(labels[0])}`);
  return labels[0];
}

function choiceList(v: Raw, path: string, c: ResultsContext): string[] | null {
  const list = v.choices;
  if (!Array.isArray(list) || !list.every((s) => typeof s === 'string' && s !== '')) {
    problem(c, path, `expected a list of choices, got ${describe(list)}`);
    return null;
  }
  return list as string[];
}

/** A per-region result's value as an attribute: one choice or text as a string, several as a list. */
function attributeValue(type: string, v: Raw, path: string, c: ResultsContext): unknown {
  const one = (list: string[]) => (list.length === 1 ? list[0] : list);
  switch (type) {
    case 'choices': {
      const list = choiceList(v, `${path}.choices`, c);
      return list ? one(list) : undefined;
    }
    case 'textarea': {
      const t = typeof v.text === 'string' ? [v.text] : v.text;
      if (!Array.isArray(t) || !t.every((s) => typeof s === 'string')) { problem(c, `${path}.text`, `expected a list of texts, got ${describe(v.text)}`); return undefined; }
      return one(t as string[]);
    }
    case 'rating':
    case 'number':
      if (!finite(v[type])) { problem(c, `${path}.${type}`, `expected a number, got ${describe(v[type])}`); return undefined; }
      return v[type];
    case 'datetime':
      if (typeof v.datetime !== 'string') { problem(c, `${path}.datetime`, `expected a date, got ${describe(v.datetime)}`); return undefined; }
      return v.datetime;
    default:
      if (!Array.isArray(v.taxonomy)) { problem(c, `${path}.taxonomy`, `expected a list of paths, got ${describe(v.taxonomy)}`); return undefined; }
      return v.taxonomy;
  }
}

function imageSize(r: Raw, path: string, c: ResultsContext): { width: number; height: number } | null {
  const w = r.original_width;
  const h = r.original_height;
  if (w !== undefined && !(finite(w) && w > 0)) { problem(c, `${path}.original_width`, `expected a width in pixels, got ${describe(w)}`); return null; }
  if (h !== undefined && !(finite(h) && h > 0)) { problem(c, `${path}.original_height`, `expected a height in pixels, got ${describe(h)}`); return null; }
  if (finite(w) && finite(h)) return { width: w, height: h };
  if (c.size) return c.size;
  problem(c, `${path}.${w === undefined ? 'original_width' : 'original_height'}`, 'is missing and the image size is unknown (the image was not found), so percent coordinates cannot become pixels');
  return null;
}

function pointList(list: unknown, path: string, c: ResultsContext, read: (p: unknown) => [number, number] | null): Array<[number, number]> | null {
  if (!Array.isArray(list)) { problem(c, path, `expected a list of points, got ${describe(list)}`); return null; }
  const out: Array<[number, number]> = [];
  for (let i = 0; i < list.length; i++) {
    const p = read(list[i]);
    if (!p) { problem(c, `${path}[${i}]`, `expected a point in percent, got ${describe(list[i])}`); return null; }
    out.push(p);
  }
  return out;
}

function numbers(v: Raw, keys: readonly string[], path: string, c: ResultsContext): boolean {
  for (const k of keys) if (!finite(v[k])) { problem(c, `${path}.value.${k}`, `expected a number, got ${describe(v[k])}`); return false; }
  return true;
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}~${n}`;
  used.add(id);
  return id;
}

function problem(c: ResultsContext, field: string, message: string): void {
  c.problems.push({ file: c.file, line: c.line, field, message });
}

function note(c: ResultsContext, kind: Note['kind'], field: string, reason: string, message: string): void {
  c.notes.push({ file: c.file, line: c.line, field, kind, reason, message });
}

function drop(c: ResultsContext, field: string, type: string, message: string): null {
  note(c, 'dropped', field, type, message);
  return null;
}

export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length === 0 ? 'an empty list' : 'a list';
  if (typeof v === 'object') return 'an object';
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
