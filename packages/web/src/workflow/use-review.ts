// A review or QA decision on the open task: the reasons picked so far, sending the decision (once,
// retried with one decision id) and moving on to the next task of the same stage.
import { useCallback, useState } from 'react';
import type { AnnotationPayload } from '@cadre/core';
import type { LoadedTask, TaskFlow } from '../workspace/task-flow.ts';
import { describeError } from '../workspace/errors.ts';
import type { Verdict } from './review-bar.tsx';
import type { Decision, PinnedReason } from './work-mode.ts';

export function useReview(flow: TaskFlow, taskId: string, onNext: (next: LoadedTask | null) => void, annotation: () => AnnotationPayload) {
  const [reasons, setReasons] = useState<PinnedReason[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const decide = useCallback(async (verdict: Verdict) => {
    if (busy) return;
    if (verdict === 'reject' && reasons.length === 0) return setMessage('Add at least one reason before rejecting.');
    const decision: Decision = verdict === 'fix' ? { verdict: 'accept', annotation: annotation() }
      : verdict === 'reject' ? { verdict, reasons } : { verdict };
    setBusy(true);
    setMessage(null);
    try {
      onNext(await flow.decide(taskId, decision));
    } catch (e) {
      setMessage(describeError(e));
      setBusy(false);
    }
  }, [busy, reasons, annotation, flow, taskId, onNext]);
  return { reasons, setReasons, busy, message, decide };
}
