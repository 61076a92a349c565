// Saving a text task: drafts every few seconds and when the page is left (as the image workspace
// does), and submit: checked here against the ontology first (the server runs the same check), then
// sent in the background while the prefetched next item opens at once.
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatIssue, validateAnnotation, type Ontology } from '@cadre/core';
import { describeError } from '../workspace/errors.ts';
import type { LoadedTask, TaskFlow } from '../workspace/task-flow.ts';
import type { TextLabels } from '@cadre/text-canvas';

const AUTOSAVE_MS = 3000;

export { describeError };

export interface SavingOptions {
  flow: TaskFlow; task: LoadedTask; labels: TextLabels; ontology: Ontology; textLength: number;
  settings: { allowOverlap: boolean; multi: boolean };
  onNext: (next: LoadedTask | null) => void;
  /** A submission that failed after the page moved on: names the item. */
  onLost: (message: string) => void;
  /** A review or QA task: its edits go with the decision (no drafts, no submit). */
  deciding: boolean;
  /** Runs the machine checks before a submit; false holds it back. */
  ready: () => boolean;
}

/** The project's text rules, as the server checks them on submit (core's text/rules.ts). */
function ruleIssue(labels: TextLabels, settings: SavingOptions['settings']): string | null {
  if (!settings.multi && labels.classes().length > 1) return 'this project takes one class per text';
  const overlapping = settings.allowOverlap ? undefined : labels.spans().find((o) => labels.overlaps(o.geometry!, o.id));
  return overlapping ? `the span “${overlapping.label}” at ${overlapping.geometry!.start}–${overlapping.geometry!.end} overlaps another, and this project does not allow overlapping spans` : null;
}

export function useTextSaving({ flow, task, labels, ontology, settings, textLength, onNext, onLost, deciding, ready }: SavingOptions) {
  const [status, setStatus] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const dirty = useRef(false);
  const done = useRef(false);
  const taskId = task.view.task.id;
  const check = useRef(ready);
  check.current = ready;

  useEffect(() => labels.onChange(() => { dirty.current = true; setStatus('unsaved changes'); }), [labels]);
  useEffect(() => {
    if (deciding) return;
    const save = () => {
      if (!dirty.current || done.current) return;
      dirty.current = false;
      flow.saveDraft(taskId, labels.draft()).then(() => { if (!done.current && !dirty.current) setStatus('draft saved'); }, () => { dirty.current = true; setStatus('not saved, retrying'); });
    };
    const timer = setInterval(save, AUTOSAVE_MS);
    const leave = () => { if (dirty.current && !done.current) flow.saveDraftOnLeave(taskId, labels.draft()); };
    const hidden = () => { if (document.visibilityState === 'hidden') leave(); };
    addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', hidden);
    return () => { clearInterval(timer); removeEventListener('pagehide', leave); document.removeEventListener('visibilitychange', hidden); };
  }, [flow, taskId, labels, deciding]);

  const submit = useCallback(() => {
    if (done.current || deciding) return;
    const payload = labels.toPayload();
    const checked = validateAnnotation(payload, ontology, { textLength });
    if (!checked.ok) { setMessage(checked.error.map(formatIssue).join('; ')); return; }
    const broken = ruleIssue(labels, settings);
    if (broken) { setMessage(broken); return; }
    if (!check.current()) return;
    done.current = true;
    setMessage(null);
    setStatus('submitting');
    const snippet = (task.view.item.text ?? '').slice(0, 40);
    flow.submitAndMoveOn(taskId, payload, (e) => onLost(`“${snippet}…” was not submitted: ${describeError(e)}`))
      .then(onNext, (e: unknown) => { done.current = false; setStatus(''); setMessage(describeError(e)); });
  }, [flow, taskId, labels, ontology, settings, textLength, task, onNext, onLost, deciding]);

  return { status, message, setMessage, submit };
}
