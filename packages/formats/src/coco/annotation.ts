// One COCO annotation as Cadre objects. A polygon segmentation gives one polygon a ring, an RLE mask
// the outlines traced from it, no segmentation the box; a class the project holds as boxes gets the
// `bbox` exactly whatever the segmentation. Keypoints become points named as the category names
// them. When an annotation gives several objects (rings, keypoints) they share `instance` (the
// annotation's id, or its `attributes.instance`), which the writer groups back into one annotation.
import { px, type LabeledObject } from '@cadre/core';
import type { Note, ReadContext, RowProblem } from '../types.ts';
import { countsFromString, maskFromCounts } from './rle.ts';
import { traceMask } from './trace.ts';
import { isNum, isRecord, ringArea, show } from './values.ts';

export interface Category { name: string; keypoints?: string[] }

export interface At { file: string; line: number; field: string }

export type AnnotationResult =
  | { ok: true; objects: LabeledObject[]; notes: Note[] }
  | { ok: false; problem: RowProblem };

type Points = Array<[number, number]>;

class Problem extends Error {
  constructor(readonly field: string, message: string) { super(message); }
}

/** `a` is `annotations[index]` of the file, its category already found. */
export function annotationObjects(a: Record<string, unknown>, index: number, category: Category, at: At, ctx: ReadContext): AnnotationResult {
  try {
    return { ok: true, ...objectsOf(a, index, category, at, ctx) };
  } catch (e) {
    if (!(e instanceof Problem)) throw e;
    return { ok: false, problem: { file: at.file, line: at.line, field: e.field, message: e.message } };
  }
}

function objectsOf(a: Record<string, unknown>, index: number, category: Category, at: At, ctx: ReadContext): { objects: LabeledObject[]; notes: Note[] } {
  const f = at.field;
  const label = category.name;
  const notes: Note[] = [];
  const note = (kind: Note['kind'], field: string, reason: string, message: string) => notes.push({ file: at.file, line: at.line, field, kind, reason, message });

  const attributes: Record<string, unknown> = {};
  if (a.attributes !== undefined) {
    if (!isRecord(a.attributes)) throw new Problem(`${f}.attributes`, `expected an object of attribute values, got ${show(a.attributes)}`);
    Object.assign(attributes, a.attributes);
  }
  if (a.iscrowd !== undefined && a.iscrowd !== 0 && a.iscrowd !== 1 && typeof a.iscrowd !== 'boolean') {
    throw new Problem(`${f}.iscrowd`, `expected 0 or 1, got ${show(a.iscrowd)}`);
  }
  if (a.iscrowd === 1 || a.iscrowd === true) attributes.iscrowd = true;
  if (a.score !== undefined && !(isNum(a.score) && a.score >= 0 && a.score <= 1)) throw new Problem(`${f}.score`, `expected a number from 0 to 1, got ${show(a.score)}`);
  const score = a.score as number | undefined;

  const bbox = a.bbox === undefined ? undefined : boxOf(a.bbox, `${f}.bbox`);
  const needBox = (why: string) => {
    if (bbox === undefined) throw new Problem(`${f}.bbox`, `is missing (${why})`);
    if (!(bbox[2] > 0 && bbox[3] > 0)) throw new Problem(`${f}.bbox`, `has no area (width ${bbox[2]}, height ${bbox[3]})`);
    return bbox;
  };

  const seg = a.segmentation;
  const hasRings = Array.isArray(seg) && seg.length > 0;
  const hasMask = isRecord(seg);
  if (seg !== undefined && seg !== null && !Array.isArray(seg) && !hasMask) {
    throw new Problem(`${f}.segmentation`, `expected a list of polygons or an RLE mask, got ${show(seg)}`);
  }
  const asBox = ctx.kindOf?.(label) === 'bbox2d';

  const shapes: Array<{ kind: 'bbox2d'; box: [number, number, number, number] } | { kind: 'polygon'; points: Points }> = [];
  if (asBox || (!hasRings && !hasMask)) {
    shapes.push({ kind: 'bbox2d', box: needBox(asBox ? `the class ${JSON.stringify(label)} holds boxes` : 'no segmentation') });
    if (asBox && (hasRings || hasMask)) {
      note('mapped', `${f}.segmentation`, 'segmentation kept as its box: the class holds boxes', `the class ${JSON.stringify(label)} holds boxes: the bbox is kept and the ${hasMask ? 'mask' : 'polygon'} is not`);
    }
  } else {
    const rings = hasRings ? ringsOf(seg as unknown[], `${f}.segmentation`, note) : maskRings(seg as Record<string, unknown>, `${f}.segmentation`, note);
    if (rings.length > 0) for (const points of rings) shapes.push({ kind: 'polygon', points });
    else {
      shapes.push({ kind: 'bbox2d', box: needBox('the segmentation has no usable polygon') });
      note('mapped', `${f}.segmentation`, 'segmentation without a usable polygon: box kept', 'the segmentation has no polygon of 3 or more points with an area: the bbox is kept instead');
    }
  }

  const points = a.keypoints === undefined ? [] : keypointsOf(a.keypoints, category, `${f}.keypoints`);

  const instance = shapes.length + points.length > 1 ? (attributes.instance ?? a.id ?? index + 1) : undefined;
  const base = (id: string) => ({ id, label, ...(score !== undefined ? { score } : {}) });
  const objects = shapes.map((s, j): LabeledObject => {
    const id = shapes.length > 1 ? `coco-${index}-${j}` : `coco-${index}`;
    const attrs: Record<string, unknown> = instance !== undefined ? { ...attributes, instance } : { ...attributes };
    if (s.kind === 'bbox2d') return { ...base(id), kind: 'bbox2d', attributes: attrs, geometry: { x: px(s.box[0]), y: px(s.box[1]), width: px(s.box[2]), height: px(s.box[3]) } };
    return { ...base(id), kind: 'polygon', attributes: attrs, geometry: { points: s.points } };
  });
  for (const p of points) {
    objects.push({
      id: `coco-${index}-kp${p.k}`, label: p.name, kind: 'point2d', geometry: { x: px(p.x), y: px(p.y) },
      attributes: { visibility: p.v, ...(instance !== undefined ? { instance } : {}) },
    });
  }
  return { objects, notes };
}

function boxOf(v: unknown, field: string): [number, number, number, number] {
  if (!Array.isArray(v) || v.length !== 4 || !v.every(isNum)) throw new Problem(field, `expected [x, y, width, height] (4 numbers), got ${show(v)}`);
  const box = v as [number, number, number, number];
  if (box[2] < 0 || box[3] < 0) throw new Problem(field, `has a negative size (width ${box[2]}, height ${box[3]})`);
  return box;
}

type NoteFn = (kind: Note['kind'], field: string, reason: string, message: string) => void;

function ringsOf(seg: unknown[], field: string, note: NoteFn): Points[] {
  const out: Points[] = [];
  seg.forEach((ring, j) => {
    const at = `${field}[${j}]`;
    if (!Array.isArray(ring) || !ring.every(isNum)) throw new Problem(at, `expected a list of numbers x1, y1, x2, y2, ..., got ${show(ring)}`);
    if (ring.length % 2 !== 0) throw new Problem(at, `has ${ring.length} numbers, not x, y pairs`);
    const points: Points = [];
    for (let i = 0; i < ring.length; i += 2) points.push([ring[i] as number, ring[i + 1] as number]);
    if (points.length < 3 || ringArea(points) === 0) {
      note('dropped', at, 'polygon ring without an area', `ring of ${points.length} points ${points.length < 3 ? '(fewer than 3)' : 'on one line'} left out`);
      return;
    }
    out.push(points);
  });
  return out;
}

function maskRings(seg: Record<string, unknown>, field: string, note: NoteFn): Points[] {
  const size = seg.size;
  if (!Array.isArray(size) || size.length !== 2 || !size.every((n) => Number.isSafeInteger(n) && (n as number) > 0)) {
    throw new Problem(`${field}.size`, `expected [height, width] in whole pixels, got ${show(size)}`);
  }
  const [h, w] = size as [number, number];
  let counts: number[];
  if (typeof seg.counts === 'string') {
    try { counts = countsFromString(seg.counts); } catch (e) { throw new Problem(`${field}.counts`, `not a COCO compressed RLE: ${(e as Error).message}`); }
  } else if (Array.isArray(seg.counts)) counts = seg.counts as number[];
  else throw new Problem(`${field}.counts`, `expected a list of run lengths or a compressed RLE string, got ${show(seg.counts)}`);
  let traced;
  try { traced = traceMask(maskFromCounts(counts, h, w)); } catch (e) { throw new Problem(`${field}.counts`, (e as Error).message); }
  const holes = traced.holes > 0 ? `; ${traced.holes} hole${traced.holes === 1 ? '' : 's'} filled (a polygon cannot hold one)` : '';
  if (traced.polygons.length > 0) note('mapped', field, 'rle mask traced to polygons', `RLE mask traced to ${traced.polygons.length} polygon${traced.polygons.length === 1 ? '' : 's'} along the pixel edges${holes}`);
  return traced.polygons;
}

function keypointsOf(v: unknown, category: Category, field: string): Array<{ k: number; name: string; x: number; y: number; v: number }> {
  if (!Array.isArray(v) || v.length % 3 !== 0 || !v.every(isNum)) throw new Problem(field, `expected x, y, visibility triples, got ${show(v)}`);
  const names = category.keypoints;
  const n = v.length / 3;
  if (!names || names.length !== n) {
    throw new Problem(field, `has ${n} keypoints, but category ${JSON.stringify(category.name)} names ${names ? names.length : 'none'}`);
  }
  const out: Array<{ k: number; name: string; x: number; y: number; v: number }> = [];
  for (let k = 0; k < n; k++) {
    const [x, y, vis] = v.slice(3 * k, 3 * k + 3) as [number, number, number];
    if (vis !== 0 && vis !== 1 && vis !== 2) throw new Problem(`${field}[${3 * k + 2}]`, `visibility of ${JSON.stringify(names[k])} is ${vis}, expected 0, 1 or 2`);
    if (vis > 0) out.push({ k, name: names[k]!, x, y, v: vis });
  }
  return out;
}
