// The DOM side of notes: one absolutely placed element per note over the canvas. Typed against the
// few DOM members it uses, so the engine stays buildable (and testable) without a DOM.

export interface NoteElement {
  className: string;
  textContent: string | null;
  style: { left: string; top: string; transform: string; [k: string]: unknown };
  setAttribute(name: string, value: string): void;
  remove(): void;
}
export interface NoteBox extends NoteElement {
  appendChild(child: NoteElement): unknown;
}
/** The canvas the notes sit over (an HTMLCanvasElement). */
export interface NoteCanvas {
  ownerDocument: { createElement(tag: 'div'): NoteBox } | null;
  parentElement: { insertBefore(child: NoteElement, before: unknown): unknown } | null;
  nextSibling: unknown;
  offsetLeft: number;
  offsetTop: number;
}

export interface PlacedNote {
  objectId: string;
  text: string;
  tone: string;
  x: number;
  y: number;
  stack: number;
}

const STACK_PX = 22;

/**
 * Keeps one `.cadre-note` per placement, reusing elements between frames. They live in a box laid
 * right after the canvas and kept at the canvas's offset, so the host's layout is left alone.
 */
export class NoteLayer {
  private readonly elements: NoteElement[] = [];
  private box: NoteBox | undefined;

  constructor(private readonly canvas: NoteCanvas, private readonly colors: Readonly<Record<string, string>>) {}

  update(placements: readonly PlacedNote[]): void {
    const doc = this.canvas.ownerDocument;
    const parent = this.canvas.parentElement;
    if (doc === null || parent === null) return;
    let box = this.box;
    if (box === undefined) {
      box = this.box = doc.createElement('div');
      box.className = 'cadre-notes';
      Object.assign(box.style, { position: 'absolute', width: '0', height: '0', overflow: 'visible', pointerEvents: 'none', zIndex: '5' });
      parent.insertBefore(box, this.canvas.nextSibling);
    }
    box.style.left = `${this.canvas.offsetLeft}px`;
    box.style.top = `${this.canvas.offsetTop}px`;
    while (this.elements.length > placements.length) this.elements.pop()!.remove();
    placements.forEach((p, i) => {
      let el = this.elements[i];
      if (el === undefined) {
        el = doc.createElement('div');
        el.className = 'cadre-note';
        el.setAttribute('role', 'note');
        Object.assign(el.style, {
          position: 'absolute', pointerEvents: 'none', maxWidth: '320px', padding: '2px 6px',
          font: '12px/16px system-ui, sans-serif', color: '#fff', borderRadius: '3px', whiteSpace: 'nowrap',
          overflow: 'hidden', textOverflow: 'ellipsis', boxShadow: '0 1px 3px rgba(0,0,0,.4)',
        });
        box.appendChild(el);
        this.elements.push(el);
      }
      el.setAttribute('data-object-id', p.objectId);
      el.setAttribute('data-tone', p.tone);
      if (el.textContent !== p.text) el.textContent = p.text;
      el.style.background = this.colors[p.tone] ?? '#e0102f';
      el.style.left = `${Math.round(p.x)}px`;
      el.style.top = `${Math.round(p.y - 2 - p.stack * STACK_PX)}px`;
      el.style.transform = 'translateY(-100%)';
    });
  }

  destroy(): void {
    for (const el of this.elements.splice(0)) el.remove();
    this.box?.remove();
    this.box = undefined;
  }
}
