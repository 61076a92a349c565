// Undo and redo for the mouse, in the workspace bar; each tooltip names the step it would take back
// or do again. They keep the focus where it was (the text pane), so keys go on working there.
import type { TextLabels } from '@cadre/text-canvas';

export function HistoryButtons({ labels }: { labels: TextLabels }) {
  const { nextUndo, nextRedo } = labels.history;
  return (
    <span role="group" aria-label="History">
      <button type="button" data-testid="undo" tabIndex={-1} onMouseDown={(e) => e.preventDefault()} onClick={() => labels.undo()} disabled={nextUndo === undefined}
        title={nextUndo === undefined ? 'Nothing to undo' : `Undo ${nextUndo} (Ctrl+Z)`}>Undo</button>
      <button type="button" data-testid="redo" tabIndex={-1} onMouseDown={(e) => e.preventDefault()} onClick={() => labels.redo()} disabled={nextRedo === undefined}
        title={nextRedo === undefined ? 'Nothing to redo' : `Redo ${nextRedo} (Ctrl+Shift+Z)`}>Redo</button>
    </span>
  );
}
