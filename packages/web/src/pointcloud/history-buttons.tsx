// Undo and redo buttons for the workspace bar; each tooltip names the step it would take back or redo.
import type { HistoryControls } from './use-history.ts';

export function HistoryButtons({ history }: { history: HistoryControls }) {
  const { undo, redo, nextUndo, nextRedo } = history;
  return (
    <span className="pc-tools" role="group" aria-label="History">
      <button type="button" data-testid="undo" onClick={undo} disabled={nextUndo === undefined}
        title={nextUndo === undefined ? 'Nothing to undo' : `Undo ${nextUndo} (Ctrl+Z)`}>Undo</button>
      <button type="button" data-testid="redo" onClick={redo} disabled={nextRedo === undefined}
        title={nextRedo === undefined ? 'Nothing to redo' : `Redo ${nextRedo} (Ctrl+Shift+Z)`}>Redo</button>
    </span>
  );
}
