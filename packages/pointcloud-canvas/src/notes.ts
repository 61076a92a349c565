// Notes on boxes: where a note goes in a view (pure maths, tested in Node) and the elements that
// show them over the perspective and top views.
import type { Cuboid3dGeometry } from '@cadre/core';
import type { ObjectNote } from './api.ts';
import { lidarToScreen, type OrthoFrame, type Size, type Vec3 } from './frames.ts';


export const NOTE_COLORS: Readonly<Record<ObjectNote['tone'], string>> = { reject: '#e0102f', check: '#ff8a00' };

/** A note is pinned at the centre of the box's top face. */
export function noteAnchor(g: Cuboid3dGeometry): Vec3 {
  return [g.x, g.y, g.z + g.dz / 2];
}

/** Where a box's note goes in an orthographic view, in canvas pixels. */
export function orthoNotePixel(frame: OrthoFrame, size: Size, g: Cuboid3dGeometry): { x: number; y: number } {
  const p = lidarToScreen(frame, size, noteAnchor(g));
  return { x: p.x, y: p.y };
}

/** The tone a box is outlined in: a rejection outranks a check. */
export function notedTones(notes: readonly ObjectNote[]): Map<string, ObjectNote['tone']> {
  const tones = new Map<string, ObjectNote['tone']>();
  for (const n of notes) if (n.objectId !== null && tones.get(n.objectId) !== 'reject') tones.set(n.objectId, n.tone);
  return tones;
}

export interface NotePixel { objectId: string; text: string; tone: ObjectNote['tone']; x: number; y: number; stack: number }

const STACK_PX = 22;

/**
 * One `.cadre-note` element per note over one view's canvas, in a box laid after the canvas at its
 * offset. Elements are reused between draws; a note whose anchor is off screen is hidden.
 */
export class NoteOverlay {
  private readonly box: HTMLDivElement;
  private readonly elements: HTMLDivElement[] = [];

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.box = canvas.ownerDocument.createElement('div');
    this.box.className = 'cadre-notes';
    this.box.style.cssText = 'position:absolute;width:0;height:0;overflow:visible;pointer-events:none;z-index:5';
    canvas.after(this.box);
  }

  update(notes: readonly NotePixel[]): void {
    this.box.style.left = `${this.canvas.offsetLeft}px`;
    this.box.style.top = `${this.canvas.offsetTop}px`;
    const w = this.canvas.clientWidth, h = this.canvas.clientHeight;
    const shown = notes.filter((n) => n.x >= 0 && n.y >= 0 && n.x <= w && n.y <= h);
    while (this.elements.length > shown.length) this.elements.pop()!.remove();
    shown.forEach((n, i) => {
      let el = this.elements[i];
      if (el === undefined) {
        el = this.canvas.ownerDocument.createElement('div');
        el.className = 'cadre-note';
        el.setAttribute('role', 'note');
        el.style.cssText = 'position:absolute;pointer-events:none;max-width:280px;padding:2px 6px;font:12px/16px system-ui,sans-serif;color:#fff;border-radius:3px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;box-shadow:0 1px 3px rgba(0,0,0,.5);transform:translate(-50%,-100%)';
        this.box.appendChild(el);
        this.elements.push(el);
      }
      el.dataset.objectId = n.objectId;
      el.dataset.tone = n.tone;
      if (el.textContent !== n.text) el.textContent = n.text;
      el.style.background = NOTE_COLORS[n.tone];
      el.style.left = `${Math.round(n.x)}px`;
      el.style.top = `${Math.round(n.y - 4 - n.stack * STACK_PX)}px`;
    });
  }

  dispose(): void {
    this.box.remove();
  }
}
