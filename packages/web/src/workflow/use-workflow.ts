// What every workspace needs of the production workflow, given what it holds: the task's mode,
// the machine checks on each change (and a gate for submit), the review decision, whether the
// reviewer changed the work, and the notes on the canvas.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AnnotationPayload } from '@cadre/core';
import type { TaskView } from '../api.ts';
import type { LoadedTask, TaskFlow } from '../workspace/task-flow.ts';
import { blocking, type CheckFailure } from './checks.ts';
import { checksMessage } from './checks-panel.tsx';
import { useChecks } from './use-checks.ts';
import { useReview } from './use-review.ts';
import type { NoteTarget } from './notes.ts';
import { useWorkflowNotes } from './use-workflow-notes.ts';
import { basePayload, isDeciding, workModeOf } from './work-mode.ts';

export interface WorkflowOptions {
  flow: TaskFlow;
  view: TaskView;
  onNext: (next: LoadedTask | null) => void;
  /** The engine that draws notes (any of the three), once made. */
  engine: NoteTarget | null;
  /** What the workspace holds now. */
  payload: () => AnnotationPayload;
  /** Tells of each change (returns its unsubscribe); null until the workspace is ready. */
  subscribe: ((fn: () => void) => () => void) | null;
  /** The machine checks on what the workspace holds; a new function runs them again. */
  run: (() => CheckFailure[]) | null;
  /** A submit held back by failing checks: what to say. */
  onHeld: (message: string) => void;
}

export function useWorkflow({ flow, view, onNext, engine, payload, subscribe, run, onHeld }: WorkflowOptions) {
  const mode = workModeOf(view);
  const checks = useChecks(run, subscribe);
  const [edited, setEdited] = useState(false);
  useEffect(() => subscribe?.(() => setEdited(true)), [subscribe]);
  const base = useMemo(() => basePayload(view), [view.base]);
  const review = useReview(flow, view.task.id, onNext, payload, { qa: mode === 'qa', edited, base });
  const wholeNotes = useWorkflowNotes(engine, view, mode, review.reasons, checks.failures);
  const held = useRef(onHeld);
  held.current = onHeld;
  const { runNow, focusPanel } = checks;

  /** Runs the checks now; false (with the failures shown and the panel focused) holds a submit back. */
  const ready = useCallback((): boolean => {
    const errors = blocking(runNow());
    if (errors.length === 0) return true;
    held.current(checksMessage(errors));
    focusPanel();
    return false;
  }, [runNow, focusPanel]);

  return { mode, deciding: isDeciding(mode), checks, review, edited, wholeNotes, ready };
}
