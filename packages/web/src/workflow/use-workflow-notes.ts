// Keeps the engine's notes in step with the workflow: the reasons being picked (review), the
// reasons the work came back with (rework), and the machine checks' failures.
import { useEffect, useMemo } from 'react';
import type { TaskView } from '../api.ts';
import type { CheckFailure } from './checks.ts';
import { checkNotes, pinnedNotes, reasonNotes, type NoteTarget, type ObjectNote } from './notes.ts';
import { isDeciding, reasonsOf, type PinnedReason, type WorkMode } from './work-mode.ts';

/** Hands the notes to the engine; returns the whole-item ones, which the page shows itself. */
export function useWorkflowNotes(engine: NoteTarget | null, view: TaskView, mode: WorkMode, picked: readonly PinnedReason[], failures: readonly CheckFailure[]): ObjectNote[] {
  const notes = useMemo(() => {
    const labelOf = (code: string) => view.rejectReasons?.find((r) => r.code === code)?.label ?? code;
    const reasons = isDeciding(mode) ? pinnedNotes(picked, labelOf) : mode === 'rework' ? reasonNotes(reasonsOf(view)) : [];
    return [...reasons, ...checkNotes(failures)];
  }, [view, mode, picked, failures]);
  useEffect(() => engine?.setNotes(notes), [engine, notes]);
  return useMemo(() => notes.filter((n) => n.objectId === null), [notes]);
}
