// Undo and redo for the mouse, in a workspace's bar (3D and text; the image canvas has its own
// toolbar); each tooltip names the step it would take back or do again. They keep the focus where
// it was (the text pane, the 3D view), so keys go on working there.
export interface HistoryControls {
  undo: () => void;
  redo: () => void;
  /** The step each would take back or do again; undefined when there is none. */
  nextUndo: string | undefined;
  nextRedo: string | undefined;
}

export function HistoryButtons({ history, className }: { history: HistoryControls; className?: string }) {
  const { undo, redo, nextUndo, nextRedo } = history;
  return (
    <span className={className} role="group" aria-label="History">
      <button type="button" data-testid="undo" tabIndex={-1} onMouseDown={(e) => e.preventDefault()} onClick={undo} disabled={nextUndo === undefined}
        title={nextUndo === undefined ? 'Nothing to undo' : `Undo ${nextUndo} (Ctrl+Z)`}>Undo</button>
      <button type="button" data-testid="redo" tabIndex={-1} onMouseDown={(e) => e.preventDefault()} onClick={redo} disabled={nextRedo === undefined}
        title={nextRedo === undefined ? 'Nothing to redo' : `Redo ${nextRedo} (Ctrl+Shift+Z)`}>Redo</button>
    </span>
  );
}
