// Keeps the engine's notes in step with the workflow: the reasons being picked (review), the
// reasons the work came back with (rework), and the machine checks' failures.
import { useEffect } from 'react';
import type { TaskView } from '../api.ts';
import type { CheckFailure } from './checks.ts';
import { checkNotes, pinnedNotes, reasonNotes, showNotes } from './notes.ts';
import { isDeciding, reasonsOf, type PinnedReason, type WorkMode } from './work-mode.ts';

export function useWorkflowNotes(engine: unknown, view: TaskView, mode: WorkMode, picked: readonly PinnedReason[], failures: readonly CheckFailure[]): void {
  useEffect(() => {
    if (!engine) return;
    const labelOf = (code: string) => view.rejectReasons?.find((r) => r.code === code)?.label ?? code;
    const reasons = isDeciding(mode) ? pinnedNotes(picked, labelOf) : mode === 'rework' ? reasonNotes(reasonsOf(view)) : [];
    showNotes(engine, [...reasons, ...checkNotes(failures)]);
  }, [engine, view, mode, picked, failures]);
}
