// Writes CVAT XML 1.1: images go to one `annotations.xml` "for images"; a sequence is "for video"
// (its own `annotations.xml`, or `<name>/annotations.xml` when there are several files).
import type { GeometryKind, LabelClass } from '@cadre/core';
import type { ExportItem, OutFile, WriteContext } from '../types.ts';
import { attrs } from '../xml/index.ts';
import { metaXml } from './meta.ts';
import { holdable, shapeXml, tagOf } from './shapes.ts';
import { videoBody } from './tracks.ts';

const HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<annotations>\n  <version>1.1</version>\n';

export async function* writeCvat(items: () => AsyncIterable<ExportItem>, ctx: WriteContext): AsyncGenerator<OutFile> {
  let images = 0;
  let sequences = 0;
  const used = new Map<string, GeometryKind>();
  for await (const item of items()) {
    if (item.kind !== 'image') continue;
    if (item.frames) sequences++; else images++;
    for (const o of item.objects) if (tagOf(o.kind) && !used.has(o.label)) used.set(o.label, o.kind);
  }
  const classes = classesFor(ctx, used);
  if (images > 0) yield { path: 'annotations.xml', content: imagesXml(items, ctx, classes, images) };
  if (sequences === 0) { if (images === 0) yield { path: 'annotations.xml', content: one(`${HEAD}${metaXml({ name: ctx.projectName, size: 0, mode: 'annotation' }, classes)}</annotations>\n`) }; return; }
  const names = new Set<string>();
  for await (const item of items()) {
    if (item.kind !== 'image' || !item.frames) continue;
    const path = images === 0 && sequences === 1 ? 'annotations.xml' : `${uniqueName(item, names)}/annotations.xml`;
    yield { path, content: one(videoXml(item, ctx, classes)) };
  }
}

async function* one(text: string): AsyncIterable<string> { yield text; }

/** The ontology's classes of kinds CVAT holds, and any label the objects use that it lacks. */
function classesFor(ctx: WriteContext, used: Map<string, GeometryKind>): LabelClass[] {
  const classes = ctx.ontology.classes.filter((c) => tagOf(c.kind));
  for (const [name, kind] of used) if (!classes.some((c) => c.name === name)) classes.push({ name, kind, attributes: [] });
  return classes;
}

async function* imagesXml(items: () => AsyncIterable<ExportItem>, ctx: WriteContext, classes: LabelClass[], count: number): AsyncIterable<string> {
  yield HEAD + metaXml({ name: ctx.projectName, size: count, mode: 'annotation' }, classes);
  let id = 0;
  for await (const item of items()) {
    if (item.kind !== 'image' || item.frames) {
      if (item.kind !== 'image') ctx.note({ itemId: item.id, field: 'item', kind: 'dropped', reason: 'not an image', message: `a ${item.kind} item has no place in CVAT for images` });
      continue;
    }
    const subset = typeof item.metadata.subset === 'string' ? item.metadata.subset : undefined;
    const shapes = item.objects.map((o, i) => (holdable(o, item.id, i, ctx) ? `    ${shapeXml(o, o.label)}\n` : '')).join('');
    yield `  <image${attrs({ id: id++, name: item.media ?? item.id, width: item.width, height: item.height, subset })}>\n${shapes}  </image>\n`;
  }
  yield '</annotations>\n';
}

function videoXml(item: ExportItem, ctx: WriteContext, classes: LabelClass[]): string {
  const m = item.metadata;
  const source = typeof m.source === 'string' ? m.source : undefined;
  const name = typeof m.task === 'string' ? m.task : ctx.projectName;
  return `${HEAD}${metaXml({ name, size: item.frames!.length, mode: 'interpolation', width: item.width, height: item.height, source }, classes)}${videoBody(item, ctx)}</annotations>\n`;
}

function uniqueName(item: ExportItem, used: Set<string>): string {
  const base = (typeof item.metadata.task === 'string' ? item.metadata.task : item.id).replace(/[^\w.-]/g, '_').replace(/^\.+/, '_') || 'sequence';
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
  used.add(name);
  return name;
}
