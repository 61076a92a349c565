// A YOLO dataset: `data.yaml` (names in ontology order of the box and polygon classes) and one
// `labels/<media path without extension>.txt` an image, Ultralytics' layout (a media path under
// images/ keeps its folders below it; a URL gives its last path part). Boxes are 5 columns, turned
// boxes 9 (OBB corners), polygons a class and their points; numbers at full precision.
// Ultralytics reads a whole label file as segments when one row has more than 5 columns (a 5-column
// box among them would be taken for two points), and drops every segment of a dataset whose files
// mix the two. So where the ontology has a polygon class, every box is written by its 4 corners (a
// segmentation dataset; boxes are read back as boxes, the corners forming a rectangle); otherwise a
// file holding a turned box writes its other boxes by their corners too.
import { boxCorners } from '@cadre/core';
import { stringify } from 'yaml';
import { stemOf } from '../source.ts';
import type { ExportItem, OutFile, WriteContext } from '../types.ts';

const KINDS = new Set(['bbox2d', 'polygon']);

/** Where an image's labels go: `labels/` + its path (below images/, no '..') without extension. */
export function labelPath(media: string): string {
  let path = media.replace(/\\/g, '/');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) path = path.replace(/[?#].*$/, '').replace(/\/+$/, '').split('/').pop() ?? path;
  const parts = path.split('/').filter((p) => p !== '' && p !== '.' && p !== '..' && !/^[a-z]:$/i.test(p));
  if (parts[0] === 'images' && parts.length > 1) parts.shift();
  return `labels/${stemOf(parts.join('/'))}.txt`;
}

async function* once(text: string): AsyncGenerator<string> { yield text; }

export async function* writeYolo(items: () => AsyncIterable<ExportItem>, ctx: WriteContext): AsyncGenerator<OutFile> {
  const classes = ctx.ontology.classes.filter((c) => KINDS.has(c.kind)).map((c) => c.name);
  const index = new Map(classes.map((name, i) => [name, i]));
  const segments = ctx.ontology.classes.some((c) => c.kind === 'polygon');
  const yaml = stringify({ path: '.', train: 'images', val: 'images', names: new Map(classes.map((n, i) => [i, n])) }, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' });
  yield { path: 'data.yaml', content: once(yaml) };
  const taken = new Set<string>();
  for await (const item of items()) {
    const drop = (field: string, reason: string, message: string) => ctx.note({ itemId: item.id, field, kind: 'dropped', reason, message });
    if (item.kind !== 'image' || item.media === null) {
      if (item.kind !== 'image' || item.objects.length > 0) drop('item', `${item.kind === 'image' ? 'image without media' : `${item.kind} item`} not held by YOLO`, 'item left out: YOLO holds images named by a file');
      continue;
    }
    const path = labelPath(item.media);
    if (taken.has(path)) { drop('item', 'label path taken by another item', `${item.media} left out: its labels would go to ${path}, which another image's labels already use`); continue; }
    const W = item.width;
    const H = item.height;
    if (item.objects.length > 0 && !(W && H)) { drop('item', 'image size unknown', `${item.media} left out: YOLO coordinates are fractions of the image, whose size is unknown`); continue; }
    taken.add(path);
    const rows: string[] = [];
    const corners = segments || item.objects.some((o) => o.kind === 'bbox2d' && !!o.geometry.rotation && index.has(o.label));
    item.objects.forEach((o, i) => {
      const cls = index.get(o.label);
      const field = `objects[${i}]`;
      if (!KINDS.has(o.kind)) return drop(field, `${o.kind} not held by YOLO`, `${o.kind} ${JSON.stringify(o.label)} left out: YOLO holds boxes and polygons`);
      if (cls === undefined) return drop(field, 'class not a box or polygon class of the ontology', `${JSON.stringify(o.label)} left out: the ontology has no box or polygon class of that name`);
      const xy = (pts: ReadonlyArray<readonly [number, number]>) => pts.map(([x, y]) => `${x / W!} ${y / H!}`).join(' ');
      if (o.kind === 'bbox2d') {
        const g = o.geometry;
        rows.push(g.rotation || corners ? `${cls} ${xy(boxCorners(g))}` : `${cls} ${(g.x + g.width / 2) / W!} ${(g.y + g.height / 2) / H!} ${g.width / W!} ${g.height / H!}`);
      } else if (o.kind === 'polygon') rows.push(`${cls} ${xy(o.geometry.points)}`);
    });
    yield { path, content: once(rows.map((r) => `${r}\n`).join('')) };
  }
}
