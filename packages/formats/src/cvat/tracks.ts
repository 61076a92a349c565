// A sequence's objects as CVAT for video tracks: one <track> per track id, a shape per frame it is
// on, and outside="1" on the frame after each run so CVAT hides it there (as CVAT writes it).
// Objects without a track are <image id="frame"> shapes.
import type { LabeledObject } from '@cadre/core';
import type { ExportItem, WriteContext } from '../types.ts';
import { attrs } from '../xml/index.ts';
import { holdable, shapeXml } from './shapes.ts';

interface Track { key: string; wanted: number | null; label: string; kind: LabeledObject['kind']; byFrame: Map<number, LabeledObject[]> }

/** A point of a CVAT <points> track with several points was read as track `N.k`; it is written back into track N. */
const POINT_OF = /^(\d+)\.(\d+)$/;

export function videoBody(item: ExportItem, ctx: WriteContext): string {
  const frames = item.frames!;
  const tracks = new Map<string, Track>();
  const loose = new Map<number, LabeledObject[]>();
  item.objects.forEach((o, i) => {
    if (!holdable(o, item.id, i, ctx)) return;
    const frame = o.frame ?? 0;
    if (o.trackId === undefined) { (loose.get(frame) ?? loose.set(frame, []).get(frame)!).push(o); return; }
    const point = o.kind === 'point2d' ? POINT_OF.exec(o.trackId) : null;
    const base = point ? point[1]! : o.trackId;
    const key = `${base}\u0000${o.label}\u0000${o.kind}`;
    let t = tracks.get(key);
    if (!t) tracks.set(key, (t = { key, wanted: /^\d+$/.test(base) ? Number(base) : null, label: o.label, kind: o.kind, byFrame: new Map() }));
    (t.byFrame.get(frame) ?? t.byFrame.set(frame, []).get(frame)!).push(o);
  });
  const ids = trackIds([...tracks.values()], item.id, ctx);
  const out: string[] = [];
  for (const t of [...tracks.values()].sort((a, b) => ids.get(a)! - ids.get(b)!)) {
    out.push(`  <track${attrs({ id: ids.get(t)!, label: t.label, source: 'manual' })}>\n`);
    const order = [...t.byFrame.keys()].sort((a, b) => a - b);
    order.forEach((frame, n) => {
      const shapes = t.byFrame.get(frame)!;
      const o = shapes[0]!;
      const points = o.kind === 'point2d' ? pointsOf(shapes) : undefined;
      out.push(`    ${shapeXml(o, undefined, { frame, outside: 0, keyframe: o.keyframe === false ? 0 : 1 }, points)}\n`);
      const next = order[n + 1];
      if (next !== frame + 1 && frame + 1 < frames.length) out.push(`    ${shapeXml(o, undefined, { frame: frame + 1, outside: 1, keyframe: 1 }, points)}\n`);
    });
    out.push('  </track>\n');
  }
  for (const frame of [...loose.keys()].sort((a, b) => a - b)) {
    out.push(`  <image${attrs({ id: frame, name: frames[frame], width: item.width, height: item.height })}>\n`);
    for (const o of loose.get(frame)!) out.push(`    ${shapeXml(o, o.label)}\n`);
    out.push('  </image>\n');
  }
  return out.join('');
}

/** The points of one frame of a points track, in the order of their `N.k` ids. */
function pointsOf(shapes: LabeledObject[]): Array<[number, number]> {
  const k = (o: LabeledObject) => Number(POINT_OF.exec(o.trackId ?? '')?.[2] ?? 0);
  return [...shapes].sort((a, b) => k(a) - k(b)).map((o) => { const g = o.geometry as { x: number; y: number }; return [g.x, g.y]; });
}

/** CVAT track ids are whole numbers: a track keeps its id when it is one and free, others get the next free ones. */
function trackIds(tracks: Track[], itemId: string, ctx: WriteContext): Map<Track, number> {
  const ids = new Map<Track, number>();
  const taken = new Set<number>();
  for (const t of tracks) if (t.wanted !== null && !taken.has(t.wanted)) { ids.set(t, t.wanted); taken.add(t.wanted); }
  let next = 0;
  for (const t of tracks) {
    if (ids.has(t)) continue;
    while (taken.has(next)) next++;
    ids.set(t, next);
    taken.add(next);
    ctx.note({ itemId, field: 'trackId', kind: 'mapped', reason: 'track id renumbered', message: `track ${JSON.stringify(t.key.split('\u0000')[0])} (${t.label}) is CVAT track ${next}` });
  }
  return ids;
}
