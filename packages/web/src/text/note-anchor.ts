// Where a note on a span shows: just above the span's first piece of text (below it on the first
// line), while it is scrolled into the pane (the engine draws the text as segments that carry
// their code point offset).
import type { NoteAnchor } from '../workflow/notes-overlay.tsx';
import type { TextLabels } from './text-labels.ts';

export function aboveSpan(labels: TextLabels, pane: () => HTMLElement | null): NoteAnchor {
  return (id) => {
    const o = labels.get(id);
    const el = pane();
    if (!o?.geometry || !el) return null;
    const seg = el.querySelector(`.tc-seg[data-o="${o.geometry.start}"]`);
    if (!seg) return null;
    const r = seg.getBoundingClientRect(), p = el.getBoundingClientRect();
    const x = r.left - p.left, y = r.top - p.top;
    if (!(y >= 0 && y <= p.height && x >= 0 && x <= p.width)) return null;
    return { x, y: y >= 20 ? y - 20 : y + r.height };
  };
}
