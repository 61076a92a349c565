// Keeps the engine's notes in step with the workflow: the reasons being picked (review), the
// reasons the work came back with (rework), and the machine checks' failures.
import { useEffect, useMemo } from 'react';
import type { TaskView } from '../api.ts';
import type { CheckFailure } from './checks.ts';
import { checkNotes, drawsNotes, pinnedNotes, reasonNotes, showNotes, type ObjectNote } from './notes.ts';
import { isDeciding, reasonsOf, type PinnedReason, type WorkMode } from './work-mode.ts';

/** The notes, whether the engine draws them, and those the page draws itself (in a NotesOverlay). */
export function useWorkflowNotes(engine: unknown, view: TaskView, mode: WorkMode, picked: readonly PinnedReason[], failures: readonly CheckFailure[]): { notes: ObjectNote[]; drawn: boolean; overlay: ObjectNote[] } {
  const notes = useMemo(() => {
    const labelOf = (code: string) => view.rejectReasons?.find((r) => r.code === code)?.label ?? code;
    const reasons = isDeciding(mode) ? pinnedNotes(picked, labelOf) : mode === 'rework' ? reasonNotes(reasonsOf(view)) : [];
    return [...reasons, ...checkNotes(failures)];
  }, [view, mode, picked, failures]);
  useEffect(() => { if (engine) showNotes(engine, notes); }, [engine, notes]);
  const drawn = drawsNotes(engine);
  // Engines leave whole-item notes to the page; an engine without setNotes leaves it all of them.
  const overlay = useMemo(() => (drawn ? notes.filter((n) => n.objectId === null) : notes), [drawn, notes]);
  return { notes, drawn, overlay };
}
