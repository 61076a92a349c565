// Notes drawn by the page over a view: each note beside its object, where `anchor` says it shows
// now (the view pans and zooms, so the notes follow every frame), for an engine that does not draw
// them itself (no `setNotes`); and whole-item notes stacked in the corner, which engines leave to
// the page.
import { useEffect, useRef } from 'react';
import type { ObjectNote } from './notes.ts';
import './workflow.css';

/** Where a note on this object goes, in pixels from the overlay's top-left; null when out of view. */
export type NoteAnchor = (objectId: string) => { x: number; y: number } | null;

const LINE = 22;

/** `whole`: show the whole-item notes in the corner (false where the page lists them beside the view). */
export function NotesOverlay({ notes, anchor, whole: showWhole = true }: { notes: readonly ObjectNote[]; anchor: NoteAnchor; whole?: boolean }) {
  const root = useRef<HTMLDivElement>(null);
  const live = useRef(anchor);
  live.current = anchor;
  useEffect(() => {
    let frame = 0;
    const place = () => {
      const stacked = new Map<string, number>();
      for (const el of root.current?.querySelectorAll<HTMLElement>('.cadre-note.pinned') ?? []) {
        const id = el.dataset.objectId!;
        const at = live.current(id);
        el.style.display = at ? '' : 'none';
        if (!at) continue;
        const below = stacked.get(id) ?? 0;
        stacked.set(id, below + 1);
        el.style.transform = `translate(${Math.round(at.x)}px, ${Math.round(at.y + below * LINE)}px)`;
      }
      frame = requestAnimationFrame(place);
    };
    place();
    return () => cancelAnimationFrame(frame);
  }, []);
  const whole = showWhole ? notes.filter((n) => n.objectId === null) : [];
  return (
    <div className="notes-overlay" ref={root}>
      {whole.length > 0 && <div className="notes-whole">{whole.map((n, i) => <div key={i} className={`cadre-note ${n.tone}`} data-object-id="">{n.text}</div>)}</div>}
      {notes.map((n, i) => n.objectId !== null && <div key={i} className={`cadre-note pinned ${n.tone}`} data-object-id={n.objectId} title={n.text} style={{ display: 'none' }}>{n.text}</div>)}
    </div>
  );
}
