// Notes on the canvas: why a reviewer rejected an object, or which machine check it failed. The
// engine outlines the object and places the note; a DOM layer (note-layer.ts) shows the text.
import type { AnnotationDocument } from './document.ts';
import { shapeOf } from './kinds/index.ts';
import type { ViewTransform } from './viewport.ts';

export interface ObjectNote {
  /** The object the note is pinned to; null notes are the host's to show (a banner), not the canvas's. */
  objectId: string | null;
  text: string;
  tone: 'reject' | 'check';
}

/** Strong enough to read over any photograph: red for a rejection, orange for a failed check. */
export const NOTE_COLORS: Readonly<Record<ObjectNote['tone'], string>> = { reject: '#e0102f', check: '#ff8a00' };

export interface NotePlacement {
  objectId: string;
  text: string;
  tone: ObjectNote['tone'];
  /** Canvas pixels: the top-left of the object's bounds. */
  x: number;
  y: number;
  /** 0 for the first note of its object, 1 for the next…: the layer stacks them upwards. */
  stack: number;
}

/** Notes pinned to objects that are still there and shown, at each object's top-left on screen. */
export function placeNotes(notes: readonly ObjectNote[], doc: AnnotationDocument, v: ViewTransform): NotePlacement[] {
  const stacks = new Map<string, number>();
  const out: NotePlacement[] = [];
  for (const n of notes) {
    if (n.objectId === null || doc.hidden.has(n.objectId)) continue;
    const layer = doc.layerOf(n.objectId);
    const obj = layer === undefined ? undefined : doc.slot(layer, n.objectId)?.object;
    if (obj === undefined) continue;
    const b = shapeOf(obj).bounds(obj.geometry);
    const stack = stacks.get(n.objectId) ?? 0;
    stacks.set(n.objectId, stack + 1);
    out.push({ objectId: n.objectId, text: n.text, tone: n.tone, x: b.minX * v.scale + v.offsetX, y: b.minY * v.scale + v.offsetY, stack });
  }
  return out;
}
