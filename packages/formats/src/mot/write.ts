// Writes a sequence as `gt/gt.txt`, `gt/labels.txt` (CVAT's MOT layout) and `seqinfo.ini`; several
// sequences each under their own folder. MOT holds axis-aligned boxes with whole-number track ids.
import { boxCorners } from '@cadre/core';
import type { ExportItem, OutFile, WriteContext } from '../types.ts';
import { seqInfoText } from './seqinfo.ts';

export async function* writeMot(items: () => AsyncIterable<ExportItem>, ctx: WriteContext): AsyncGenerator<OutFile> {
  let sequences = 0;
  const labels = ctx.ontology.classes.filter((c) => c.kind === 'bbox2d').map((c) => c.name);
  for await (const item of items()) {
    if (!item.frames) continue;
    sequences++;
    for (const o of item.objects) if (o.kind === 'bbox2d' && !labels.includes(o.label)) labels.push(o.label);
  }
  const names = new Set<string>();
  for await (const item of items()) {
    if (!item.frames) {
      ctx.note({ itemId: item.id, field: 'item', kind: 'dropped', reason: 'not a sequence', message: 'MOT holds sequences of frames; a single image has no place in it' });
      continue;
    }
    const dir = sequences === 1 ? '' : `${uniqueName(item, names)}/`;
    const { imDir, imExt } = frameLayout(item, ctx);
    const name = typeof item.metadata.name === 'string' ? item.metadata.name : ctx.projectName;
    const frameRate = typeof item.metadata.frameRate === 'number' ? item.metadata.frameRate : 30;
    yield { path: `${dir}seqinfo.ini`, content: one(seqInfoText({ name, imDir, imExt, frameRate, seqLength: item.frames.length, width: item.width, height: item.height })) };
    yield { path: `${dir}gt/gt.txt`, content: one(gtText(item, labels, ctx)) };
    yield { path: `${dir}gt/labels.txt`, content: one(labels.map((l) => `${l.replace(/[\r\n]/g, ' ')}\n`).join('')) };
  }
}

async function* one(text: string): AsyncIterable<string> { yield text; }

/** The image folder and extension the item's frames follow (`img1/000001.jpg`, …), or MOT's defaults with a note. */
function frameLayout(item: ExportItem, ctx: WriteContext): { imDir: string; imExt: string } {
  const frames = item.frames!;
  const m = frames.length > 0 ? /^(?:.*\/)?([^/]+)\/\d{6}(\.\w+)$/.exec(frames[0]!) : null;
  if (m) {
    const prefix = frames[0]!.slice(0, frames[0]!.length - 6 - m[2]!.length);
    const follows = frames.every((f, i) => f === `${prefix}${String(i + 1).padStart(6, '0')}${m[2]}`);
    if (follows) return { imDir: m[1]!, imExt: m[2]! };
  }
  if (frames.length > 0) ctx.note({ itemId: item.id, field: 'frames', kind: 'mapped', reason: 'frames renamed', message: `MOT names frames img1/000001.jpg, …; the ${frames.length} frames (${frames[0]}, …) are listed in that order` });
  return { imDir: 'img1', imExt: '.jpg' };
}

function gtText(item: ExportItem, labels: string[], ctx: WriteContext): string {
  const ids = trackIds(item, ctx);
  const rows: string[] = [];
  item.objects.forEach((o, i) => {
    if (o.kind !== 'bbox2d') {
      ctx.note({ itemId: item.id, field: `objects[${i}]`, kind: 'dropped', reason: `${o.kind} in mot`, message: `${o.kind} ${JSON.stringify(o.label)} has no place in MOT, which holds boxes` });
      return;
    }
    let { x, y, width, height } = o.geometry as { x: number; y: number; width: number; height: number; rotation?: number };
    if (o.geometry.rotation) {
      const c = boxCorners(o.geometry);
      [x, y] = [Math.min(...c.map((p) => p[0])), Math.min(...c.map((p) => p[1]))];
      [width, height] = [Math.max(...c.map((p) => p[0])) - x, Math.max(...c.map((p) => p[1])) - y];
      ctx.note({ itemId: item.id, field: `objects[${i}].geometry.rotation`, kind: 'mapped', reason: 'turned box as its bounds', message: `box ${JSON.stringify(o.label)} turned ${o.geometry.rotation}° is written as its axis-aligned bounds` });
    }
    const a = o.attributes ?? {};
    const conf = a.ignored === true ? 0 : typeof a.conf === 'number' ? a.conf : 1;
    const visibility = typeof a.visibility === 'number' ? a.visibility : 1;
    const id = o.trackId === undefined ? -1 : ids.get(o.trackId)!;
    rows.push([(o.frame ?? 0) + 1, id, x, y, width, height, conf, labels.indexOf(o.label) + 1, visibility].map(String).join(','));
  });
  return rows.map((r) => `${r}\n`).join('');
}

/** MOT track ids are whole numbers: one that is keeps it, others get the next free ones. */
function trackIds(item: ExportItem, ctx: WriteContext): Map<string, number> {
  const ids = new Map<string, number>();
  const taken = new Set<number>();
  const all = [...new Set(item.objects.map((o) => o.trackId).filter((t): t is string => t !== undefined))];
  for (const t of all) if (/^\d+$/.test(t) && Number.isSafeInteger(Number(t))) { ids.set(t, Number(t)); taken.add(Number(t)); }
  let next = 1;
  for (const t of all) {
    if (ids.has(t)) continue;
    while (taken.has(next)) next++;
    ids.set(t, next);
    taken.add(next);
    ctx.note({ itemId: item.id, field: 'trackId', kind: 'mapped', reason: 'track id renumbered', message: `track ${JSON.stringify(t)} is MOT id ${next}` });
  }
  return ids;
}

function uniqueName(item: ExportItem, used: Set<string>): string {
  const base = (typeof item.metadata.name === 'string' ? item.metadata.name : item.id).replace(/[^\w.-]/g, '_').replace(/^\.+/, '_') || 'sequence';
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
  used.add(name);
  return name;
}

