// Writes `Annotations/<stem>.xml` per image, `ImageSets/Main/<subset>.txt` and `labelmap.txt`.
// VOC holds axis-aligned boxes only: a turned box is written as its bounds, other kinds are noted.
import { boxCorners, type LabeledObject } from '@cadre/core';
import { stemOf } from '../source.ts';
import type { ExportItem, OutFile, WriteContext } from '../types.ts';
import { textEl, valueText } from '../xml/index.ts';

const FLAGS = new Set(['truncated', 'difficult', 'occluded', 'pose']);

export async function* writeVoc(items: () => AsyncIterable<ExportItem>, ctx: WriteContext): AsyncGenerator<OutFile> {
  const subsets = new Map<string, string[]>();
  const used = new Set<string>();
  for await (const item of items()) {
    if (item.kind !== 'image' || item.frames) {
      ctx.note({ itemId: item.id, field: 'item', kind: 'dropped', reason: 'not an image', message: `${item.frames ? 'a sequence' : `a ${item.kind} item`} has no place in Pascal VOC` });
      continue;
    }
    const stem = uniqueStem(item, used);
    const subset = typeof item.metadata.subset === 'string' && /^[\w-]+$/.test(item.metadata.subset) ? item.metadata.subset : 'default';
    (subsets.get(subset) ?? subsets.set(subset, []).get(subset)!).push(stem);
    yield { path: `Annotations/${stem}.xml`, content: one(annotationXml(item, ctx)) };
  }
  if (subsets.size === 0) subsets.set('default', []);
  for (const [subset, stems] of subsets) yield { path: `ImageSets/Main/${subset}.txt`, content: one(stems.map((s) => `${s}\n`).join('')) };
  yield { path: 'labelmap.txt', content: one(labelmap(ctx)) };
}

async function* one(text: string): AsyncIterable<string> { yield text; }

/** The media's path without extension, made safe as a path inside the export, and unique. */
function uniqueStem(item: ExportItem, used: Set<string>): string {
  const base = (item.media ? stemOf(item.media.replace(/^[a-z][\w+.-]*:\/\/[^/]*\//i, '')) : item.id)
    .split('/').filter((p) => p !== '' && p !== '.' && p !== '..').join('/').replace(/[^\w./-]/g, '_') || item.id;
  let stem = base;
  for (let n = 2; used.has(stem); n++) stem = `${base}_${n}`;
  used.add(stem);
  return stem;
}

function annotationXml(item: ExportItem, ctx: WriteContext): string {
  const m = item.metadata;
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>\n<annotation>\n'];
  out.push(`  ${textEl('folder', typeof m.folder === 'string' ? m.folder : '')}\n`);
  out.push(`  ${textEl('filename', item.media ?? item.id)}\n`);
  if (typeof m.path === 'string') out.push(`  ${textEl('path', m.path)}\n`);
  for (const key of ['source', 'owner']) {
    if (m[key] && typeof m[key] === 'object') out.push(`  ${recordXml(key, m[key] as Record<string, unknown>)}\n`);
  }
  out.push(`  <size>${textEl('width', item.width ?? 0)}${textEl('height', item.height ?? 0)}${textEl('depth', 3)}</size>\n`);
  out.push(`  ${textEl('segmented', typeof m.segmented === 'string' ? m.segmented : '0')}\n`);
  item.objects.forEach((o, i) => { const x = objectXml(o, item.id, i, ctx); if (x) out.push(x); });
  out.push('</annotation>\n');
  return out.join('');
}

function objectXml(o: LabeledObject, itemId: string, i: number, ctx: WriteContext): string | null {
  const field = `objects[${i}]`;
  if (o.kind !== 'bbox2d') {
    ctx.note({ itemId, field, kind: 'dropped', reason: `${o.kind} in voc`, message: `${o.kind} ${JSON.stringify(o.label)} has no place in Pascal VOC, which holds boxes` });
    return null;
  }
  let { x, y, width, height } = o.geometry;
  if (o.geometry.rotation) {
    const c = boxCorners(o.geometry);
    const xs = c.map((p) => p[0]);
    const ys = c.map((p) => p[1]);
    [x, y] = [Math.min(...xs), Math.min(...ys)] as [typeof x, typeof y];
    [width, height] = [Math.max(...xs) - x, Math.max(...ys) - y] as [typeof width, typeof height];
    ctx.note({ itemId, field: `${field}.geometry.rotation`, kind: 'mapped', reason: 'turned box as its bounds', message: `box ${JSON.stringify(o.label)} turned ${o.geometry.rotation}° is written as its axis-aligned bounds` });
  }
  const a = o.attributes ?? {};
  const flag = (k: string) => (a[k] === true ? '1' : '0');
  const rest = Object.entries(a).filter(([k]) => !FLAGS.has(k));
  return [
    '  <object>\n',
    `    ${textEl('name', o.label)}\n`,
    `    ${textEl('pose', typeof a.pose === 'string' ? a.pose : 'Unspecified')}\n`,
    `    ${textEl('truncated', flag('truncated'))}\n`,
    `    ${textEl('difficult', flag('difficult'))}\n`,
    'occluded' in a ? `    ${textEl('occluded', flag('occluded'))}\n` : '',
    `    <bndbox>${textEl('xmin', x)}${textEl('ymin', y)}${textEl('xmax', x + width)}${textEl('ymax', y + height)}</bndbox>\n`,
    rest.length === 0 ? '' : `    <attributes>\n${rest.map(([k, v]) => `      <attribute>${textEl('name', k)}${textEl('value', valueText(v))}</attribute>\n`).join('')}    </attributes>\n`,
    '  </object>\n',
  ].join('');
}

/** `<source><database>…</database></source>` from a record kept in metadata (keys that are not XML names left out). */
const recordXml = (name: string, r: Record<string, unknown>) =>
  `<${name}>${Object.entries(r).filter(([k]) => /^[A-Za-z_][\w.-]*$/.test(k)).map(([k, v]) => textEl(k, valueText(v))).join('')}</${name}>`;

/** CVAT's labelmap: `name:r,g,b:parts:actions`, one class a line. */
function labelmap(ctx: WriteContext): string {
  const rows = ctx.ontology.classes.filter((c) => c.kind === 'bbox2d').map((c) => {
    const hex = c.color ?? '';
    const rgb = /^#[0-9a-f]{6}$/i.test(hex) ? [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(',') : '';
    return `${c.name.replace(/[:\n\r]/g, '_')}:${rgb}::\n`;
  });
  return `# label:color_rgb:parts:actions\n${rows.join('')}`;
}

