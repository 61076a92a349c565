// What a task asks of the person who opened it, from the task view: new work, rework of returned
// work, a review or a QA inspection; and what the workspace opens with in each case.
import { readPayload, type AnnotationPayload } from '@cadre/core';
import type { Reason, TaskView } from '../api.ts';

export type Stage = 'annotate' | 'review' | 'qa';
export type WorkMode = 'annotate' | 'rework' | 'review' | 'qa';

/** A reason as the reviewer pins it: a code of the project's list, one object or the whole item. */
export interface PinnedReason { code: string; objectId: string | null; note: string }

/** POST /api/tasks/:id/review; a review accept carries what is on the reviewer's screen as `annotation`. */
export interface Decision { verdict: 'accept' | 'reject'; reasons?: PinnedReason[]; annotation?: AnnotationPayload }

export function workModeOf(view: TaskView): WorkMode {
  const stage = view.task.stage;
  if (stage === 'review' || stage === 'qa') return stage;
  return (view.reasons?.length ?? 0) > 0 ? 'rework' : 'annotate';
}

export const isDeciding = (mode: WorkMode): boolean => mode === 'review' || mode === 'qa';

export function reasonsOf(view: TaskView): Reason[] {
  return view.reasons ?? [];
}

/**
 * The view as the label sets read it (their draft is `{ annotation, pendingPredictions }`): under
 * review the work under review with no pre-label waiting; in rework the person's draft, else the
 * returned work. New work is left as it is.
 */
export function openingView(view: TaskView, mode: WorkMode): TaskView {
  const base = basePayload(view);
  if (mode === 'annotate' || !base) return view;
  if (mode === 'rework' && view.draft) return view;
  return { ...view, draft: { annotation: base, pendingPredictions: [] } };
}

/** The work under review or returned, as the current payload version (core's one reader of stored payloads). */
export function basePayload(view: Pick<TaskView, 'base'>): AnnotationPayload | undefined {
  return view.base ? readPayload(view.base.payload) : undefined;
}
