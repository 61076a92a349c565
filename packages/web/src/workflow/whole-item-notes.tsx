// Notes on the whole item (a reason not pinned to an object): the engines draw the notes of
// objects beside them and leave these to the page, which stacks them in the view's corner.
import type { ObjectNote } from './notes.ts';
import './workflow.css';

export function WholeItemNotes({ notes }: { notes: readonly ObjectNote[] }) {
  if (notes.length === 0) return null;
  return (
    <div className="notes-whole">
      {notes.map((n, i) => <div key={i} className={`cadre-note ${n.tone}`} data-object-id="">{n.text}</div>)}
    </div>
  );
}
