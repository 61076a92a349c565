// Notes on spans: a reviewer's reason or a failed check, shown just above the end of its span and
// scrolling with the text (the layer lives inside the scroller, so the browser moves it).
import type { ObjectNote } from './api.ts';

export type NoteTone = ObjectNote['tone'];

/** The tone a span is outlined in: a rejection outranks a check. Notes without a span are the host's. */
export function notedTones(notes: readonly ObjectNote[]): Map<string, NoteTone> {
  const tones = new Map<string, NoteTone>();
  for (const n of notes) if (n.objectId !== null && tones.get(n.objectId) !== 'reject') tones.set(n.objectId, n.tone);
  return tones;
}

interface Rect { left: number; top: number; right: number; bottom: number }

const STACK_PX = 20;

/**
 * Where a note goes in the scroller's content box: at the right end of the span's last line box,
 * on its top edge (the note is lifted by its own height in CSS), the `stack`-th note of a span above
 * the previous one. `scroller` is the scroller's client rect; scroll offsets turn viewport pixels
 * into content pixels, so the note stays put while the text scrolls.
 */
export function notePosition(lastLine: Rect, scroller: Rect, scrollLeft: number, scrollTop: number, stack = 0): { x: number; y: number } {
  return { x: lastLine.right - scroller.left + scrollLeft + 2, y: lastLine.top - scroller.top + scrollTop - stack * STACK_PX };
}

/** Keeps one `.cadre-note` per note of a span on screen inside `scroller`. */
export class NoteLayer {
  private readonly layer: HTMLElement;

  constructor(private readonly scroller: HTMLElement) {
    this.layer = scroller.ownerDocument.createElement('aside');
    this.layer.className = 'cadre-notes';
  }

  update(notes: readonly ObjectNote[]): void {
    if (notes.length === 0 && this.layer.childElementCount === 0) return;
    if (this.layer.parentNode !== this.scroller) this.scroller.appendChild(this.layer);
    const ends = new Map<string, HTMLElement>();
    for (const el of this.scroller.querySelectorAll<HTMLElement>('[data-note-end]')) for (const id of el.dataset.noteEnd!.split(' ')) ends.set(id, el);
    const box = this.scroller.getBoundingClientRect();
    const stacks = new Map<string, number>();
    const shown: Array<{ note: ObjectNote; x: number; y: number }> = [];
    for (const note of notes) {
      const end = note.objectId === null ? undefined : ends.get(note.objectId);
      const rects = end?.getClientRects();
      if (!rects || rects.length === 0) continue; // the span is gone, or its block is not drawn
      const stack = stacks.get(note.objectId!) ?? 0;
      stacks.set(note.objectId!, stack + 1);
      shown.push({ note, ...notePosition(rects[rects.length - 1]!, box, this.scroller.scrollLeft, this.scroller.scrollTop, stack) });
    }
    const els = [...this.layer.children] as HTMLElement[];
    while (els.length > shown.length) els.pop()!.remove();
    shown.forEach(({ note, x, y }, i) => {
      let el = els[i];
      if (el === undefined) {
        el = this.scroller.ownerDocument.createElement('div');
        el.className = 'cadre-note';
        el.setAttribute('role', 'note');
        this.layer.appendChild(el);
      }
      el.dataset.objectId = note.objectId!;
      el.dataset.tone = note.tone;
      if (el.textContent !== note.text) el.textContent = note.text;
      el.style.left = `${Math.round(x)}px`;
      el.style.top = `${Math.round(y)}px`;
    });
  }

  destroy(): void {
    this.layer.remove();
  }
}
