// A review or QA decision on the open task: the reasons picked so far, sending the decision (once,
// retried with one decision id) and moving on to the next task of the same stage. A review accept
// always sends what is on screen (the server keeps it as the reviewer's version where it differs);
// QA keeps no edits, so its accept is refused while there are any rather than dropping them.
import { useCallback, useState } from 'react';
import { samePayload, type AnnotationPayload } from '@cadre/core';
import type { LoadedTask, TaskFlow } from '../workspace/task-flow.ts';
import { describeError } from '../workspace/errors.ts';
import type { Verdict } from './review-bar.tsx';
import type { Decision, PinnedReason } from './work-mode.ts';

/** `edited`: the workspace reported a change; `base`: the work under review, to tell an edit undone from one kept. */
export interface ReviewOptions { qa: boolean; edited: boolean; base: AnnotationPayload | undefined }

export function useReview(flow: TaskFlow, taskId: string, onNext: (next: LoadedTask | null) => void, annotation: () => AnnotationPayload, { qa, edited, base }: ReviewOptions) {
  const [reasons, setReasons] = useState<PinnedReason[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const decide = useCallback(async (verdict: Verdict) => {
    if (busy) return;
    if (verdict === 'reject' && reasons.length === 0) return setMessage('Add at least one reason before rejecting.');
    if (verdict === 'accept' && qa && edited && base && !samePayload(base, annotation())) return setMessage('QA keeps no edits: undo your changes (Ctrl+Z) to mark the work correct, or mark it incorrect with a reason.');
    const decision: Decision = verdict === 'reject' ? { verdict, reasons } : qa ? { verdict } : { verdict, annotation: annotation() };
    setBusy(true);
    setMessage(null);
    try {
      onNext(await flow.decide(taskId, decision));
    } catch (e) {
      setMessage(describeError(e));
      setBusy(false);
    }
  }, [busy, reasons, qa, edited, base, annotation, flow, taskId, onNext]);
  return { reasons, setReasons, busy, message, decide };
}
