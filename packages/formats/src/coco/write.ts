// One COCO file, `annotations/instances_default.json` (CVAT's layout: media beside it in images/),
// written in two passes over the items so a million annotations are never held: the first writes
// `images` (and learns which points are whose keypoints), the second `annotations`; `categories`
// come last. Each image and annotation is on its own line; numbers are written at full precision.
import { boxCorners, type LabelClass } from '@cadre/core';
import type { ExportItem, OutFile, WriteContext } from '../types.ts';
import { idOf, plan, type Plan } from './groups.ts';
import { boundsBox, ringArea } from './values.ts';

export const COCO_PATH = 'annotations/instances_default.json';

/** Kinds a COCO annotation holds; the ontology's classes of these kinds are the categories. */
const CATEGORY_KINDS = new Set(['bbox2d', 'polygon']);
const FLUSH = 1 << 16;

export async function* writeCoco(items: () => AsyncIterable<ExportItem>, ctx: WriteContext): AsyncGenerator<OutFile> {
  yield { path: COCO_PATH, content: content(items, ctx) };
}

const written = (item: ExportItem) => item.kind === 'image' && item.media !== null;

async function* content(items: () => AsyncIterable<ExportItem>, ctx: WriteContext): AsyncGenerator<string> {
  const classes = ctx.ontology.classes.filter((c) => CATEGORY_KINDS.has(c.kind));
  const categoryId = new Map(classes.map((c, i) => [c.name, i + 1]));
  const ontologyOrder = new Map(ctx.ontology.classes.map((c, i) => [c.name, i]));
  const keypointNames = new Map<string, Set<string>>();
  let maxInstance = 0;

  let out = `{"info":${JSON.stringify({ description: ctx.projectName })},"licenses":[],\n"images":[`;
  let n = 0;
  for await (const item of items()) {
    if (!written(item)) continue;
    n++;
    const image: Record<string, unknown> = { id: n, file_name: item.media };
    if (item.width && item.height) { image.width = item.width; image.height = item.height; }
    for (const [k, v] of Object.entries(item.metadata ?? {})) if (!(k in image) && k !== 'width' && k !== 'height') image[k] = v;
    out += `${n > 1 ? ',' : ''}\n${JSON.stringify(image)}`;
    for (const o of item.objects) { const id = idOf(o.attributes?.instance); if (id !== undefined && id > maxInstance) maxInstance = id; }
    for (const p of plan(item.objects).plans) {
      if (p.points.length === 0) continue;
      const label = p.shapes[0]!.object.label;
      const names = keypointNames.get(label) ?? new Set<string>();
      for (const { object } of p.points) names.add(object.label);
      keypointNames.set(label, names);
    }
    if (out.length > FLUSH) { yield out; out = ''; }
  }
  out += '\n],\n"annotations":[';

  const keypoints = new Map([...keypointNames].map(([label, names]) => [label, [...names].sort((a, b) => (ontologyOrder.get(a) ?? Infinity) - (ontologyOrder.get(b) ?? Infinity))]));
  const ids = { next: maxInstance + 1, used: new Set<number>() };
  let imageId = 0;
  let count = 0;
  for await (const item of items()) {
    if (!written(item)) {
      if (item.objects.length > 0 || item.kind !== 'image') ctx.note({ itemId: item.id, field: 'item', kind: 'dropped', reason: `${item.kind === 'image' ? 'image without media' : `${item.kind} item`} not held by COCO`, message: `item left out: COCO holds images named by a file` });
      continue;
    }
    imageId++;
    if (!(item.width && item.height)) ctx.note({ itemId: item.id, field: 'item', kind: 'mapped', reason: 'image size unknown', message: `${item.media} written without width and height: tools that need them (masks, evaluation) cannot use it` });
    const { plans, left } = plan(item.objects);
    for (const l of left) ctx.note({ itemId: item.id, field: `objects[${l.index}]`, kind: l.kind, reason: l.reason, message: l.message });
    for (const p of plans) {
      const a = annotation(p, imageId, item, categoryId, keypoints, ids, ctx);
      if (!a) continue;
      out += `${count++ > 0 ? ',' : ''}\n${JSON.stringify(a)}`;
      if (out.length > FLUSH) { yield out; out = ''; }
    }
  }
  out += '\n],\n"categories":[';
  out += classes.map((c, i) => `\n${JSON.stringify(category(c, i + 1, keypoints.get(c.name)))}`).join(',');
  yield `${out}\n]}\n`;
}

function category(c: LabelClass, id: number, keypoints: string[] | undefined): Record<string, unknown> {
  return { id, name: c.name, supercategory: '', ...(keypoints ? { keypoints, skeleton: [] } : {}) };
}

function annotation(
  p: Plan, imageId: number, item: ExportItem, categoryId: Map<string, number>, keypoints: Map<string, string[]>,
  ids: { next: number; used: Set<number> }, ctx: WriteContext,
): Record<string, unknown> | null {
  const first = p.shapes[0]!;
  const label = first.object.label;
  const note = (index: number, kind: 'mapped' | 'dropped', reason: string, message: string) => ctx.note({ itemId: item.id, field: `objects[${index}]`, kind, reason, message });
  const category = categoryId.get(label);
  if (category === undefined) {
    for (const o of [...p.shapes, ...p.points]) note(o.index, 'dropped', 'class not a box or polygon class of the ontology', `${JSON.stringify(label)} left out: the ontology has no box or polygon class of that name`);
    return null;
  }
  const { iscrowd, instance, ...attributes } = first.object.attributes ?? {};
  let id: number;
  const kept = p.instance !== undefined ? idOf(p.instance) : undefined;
  if (kept !== undefined && !ids.used.has(kept)) { id = kept; ids.used.add(kept); }
  else {
    id = ids.next++;
    if (instance !== undefined) attributes.instance = instance;
  }

  let bbox: [number, number, number, number];
  let segmentation: number[][] = [];
  let area: number;
  const g = first.object.geometry;
  if (first.object.kind === 'bbox2d' && 'width' in g) {
    area = g.width * g.height;
    if (g.rotation) {
      const corners = boxCorners(g);
      bbox = boundsBox([corners]);
      segmentation = [corners.flat()];
      note(first.index, 'mapped', 'turned box written as polygon', `turned box ${JSON.stringify(label)} written as the polygon of its corners (segmentation) and its axis-aligned bounds (bbox)`);
    } else bbox = [g.x, g.y, g.width, g.height];
  } else {
    const rings = p.shapes.map((s) => (s.object.geometry as { points: Array<[number, number]> }).points);
    bbox = boundsBox(rings);
    segmentation = rings.map((r) => r.flat());
    area = rings.reduce((sum, r) => sum + ringArea(r), 0);
  }
  const a: Record<string, unknown> = { id, image_id: imageId, category_id: category, segmentation, area, bbox, iscrowd: iscrowd === true ? 1 : 0 };
  if (typeof first.object.score === 'number') a.score = first.object.score;
  const names = keypoints.get(label);
  if (names) {
    const flat: number[] = [];
    let visible = 0;
    for (const name of names) {
      const pt = p.points.find((q) => q.object.label === name);
      if (!pt) { flat.push(0, 0, 0); continue; }
      const { visibility, instance: _, ...other } = pt.object.attributes ?? {};
      if (Object.keys(other).length > 0) note(pt.index, 'dropped', 'keypoint attributes', `attributes ${Object.keys(other).join(', ')} of keypoint ${JSON.stringify(name)} left out: a COCO keypoint holds x, y and visibility`);
      flat.push(pt.object.geometry.x, pt.object.geometry.y, visibility === 1 ? 1 : 2);
      visible++;
    }
    a.keypoints = flat;
    a.num_keypoints = visible;
  }
  if (Object.keys(attributes).length > 0) a.attributes = attributes;
  return a;
}
