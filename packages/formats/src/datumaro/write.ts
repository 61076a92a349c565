// Writes `annotations/<subset>.json` (default.json unless items name a subset), categories from the
// ontology and any label the objects use, items written one by one.
import type { LabeledObject } from '@cadre/core';
import { stemOf } from '../source.ts';
import type { ExportItem, OutFile, WriteContext } from '../types.ts';

const KINDS = new Set<LabeledObject['kind']>(['bbox2d', 'polygon', 'polyline', 'point2d']);
const subsetOf = (item: ExportItem) => (typeof item.metadata.subset === 'string' && /^[\w-]+$/.test(item.metadata.subset) ? item.metadata.subset : 'default');

export async function* writeDatumaro(items: () => AsyncIterable<ExportItem>, ctx: WriteContext): AsyncGenerator<OutFile> {
  const subsets = new Set<string>();
  const labels = ctx.ontology.classes.filter((c) => KINDS.has(c.kind)).map((c) => ({ name: c.name, attributes: c.attributes.map((a) => a.name) }));
  for await (const item of items()) {
    if (item.kind !== 'image') continue;
    subsets.add(subsetOf(item));
    for (const o of item.objects) if (KINDS.has(o.kind) && !labels.some((l) => l.name === o.label)) labels.push({ name: o.label, attributes: [] });
  }
  if (subsets.size === 0) subsets.add('default');
  const index = new Map(labels.map((l, i) => [l.name, i]));
  const categories = { label: { labels: labels.map((l) => ({ name: l.name, parent: '', attributes: l.attributes })), attributes: [] }, points: { items: [] } };
  for (const subset of subsets) {
    yield { path: `annotations/${subset}.json`, content: subsetJson(items, ctx, subset, categories, index) };
  }
}

async function* subsetJson(items: () => AsyncIterable<ExportItem>, ctx: WriteContext, subset: string, categories: unknown, index: Map<string, number>): AsyncIterable<string> {
  yield `{"dm_format_version":"1.0","info":{},"categories":${JSON.stringify(categories)},"items":[`;
  let first = true;
  for await (const item of items()) {
    if (item.kind !== 'image') {
      if (subset === 'default') ctx.note({ itemId: item.id, field: 'item', kind: 'dropped', reason: 'not an image', message: `a ${item.kind} item has no place in Datumaro's image annotations` });
      continue;
    }
    if (subsetOf(item) !== subset) continue;
    yield `${first ? '' : ','}\n${JSON.stringify(itemJson(item, ctx, index))}`;
    first = false;
  }
  yield '\n]}\n';
}

function itemJson(item: ExportItem, ctx: WriteContext, index: Map<string, number>): unknown {
  const id = typeof item.metadata.id === 'string' ? item.metadata.id : item.media ? stemOf(item.media) : item.id;
  const annotations: unknown[] = [];
  item.objects.forEach((o, i) => {
    if (!KINDS.has(o.kind)) {
      ctx.note({ itemId: item.id, field: `objects[${i}]`, kind: 'dropped', reason: `${o.kind} in datumaro`, message: `${o.kind} ${JSON.stringify(o.label)} is not written to Datumaro` });
      return;
    }
    const { z_order, group, ...rest } = o.attributes ?? {};
    const attributes: Record<string, unknown> = { occluded: false, ...rest };
    if (o.trackId !== undefined) attributes.track_id = /^\d+$/.test(o.trackId) ? Number(o.trackId) : o.trackId;
    if (o.keyframe !== undefined) attributes.keyframe = o.keyframe;
    const ann: Record<string, unknown> = { id: i, type: '', attributes, group: typeof group === 'number' ? group : 0, label_id: index.get(o.label), z_order: typeof z_order === 'number' ? z_order : 0 };
    if (o.kind === 'bbox2d') {
      const { x, y, width, height, rotation } = o.geometry;
      Object.assign(ann, { type: 'bbox', bbox: [x, y, width, height] });
      if (rotation) attributes.rotation = rotation;
    } else if (o.kind === 'point2d') {
      Object.assign(ann, { type: 'points', points: [o.geometry.x, o.geometry.y], visibility: [2] });
    } else {
      const g = o.geometry as { points: Array<[number, number]> };
      Object.assign(ann, { type: o.kind, points: g.points.flat() });
    }
    annotations.push(ann);
  });
  const attr = item.metadata.attr && typeof item.metadata.attr === 'object' ? item.metadata.attr : {};
  return {
    id, annotations, attr,
    image: { path: item.media ?? id, ...(item.width && item.height ? { size: [item.height, item.width] } : {}) },
  };
}
