// The reviewer's decision: Accept (A), which keeps whatever the reviewer changed on screen, and
// Reject once a reason is picked. In QA the same decisions read Correct and Incorrect.
import { useEffect, useRef } from 'react';
import './workflow.css';

export type Verdict = 'accept' | 'reject';

interface Props {
  qa: boolean;
  reasons: number;
  edited: boolean;
  busy: boolean;
  onDecide: (verdict: Verdict) => void;
}

export function ReviewBar({ qa, reasons, edited, busy, onDecide }: Props) {
  const live = useRef(onDecide);
  live.current = onDecide;
  const blocked = useRef(busy);
  blocked.current = busy;
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))) return;
      if (e.key.toLowerCase() !== 'a' || blocked.current) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      live.current('accept');
    };
    addEventListener('keydown', key, true);
    return () => removeEventListener('keydown', key, true);
  }, []);
  const accept = qa ? 'Correct' : edited ? 'Accept with my edits' : 'Accept';
  return (
    <span className="review-bar" role="group" aria-label="Decision" data-testid="review-bar">
      <button type="button" className="accept" disabled={busy} onClick={() => onDecide('accept')}>{accept} (A)</button>
      <button type="button" className="reject" disabled={busy || reasons === 0} title={reasons === 0 ? 'Add a reason first' : undefined} onClick={() => onDecide('reject')}>
        {qa ? 'Incorrect' : 'Reject'}{reasons > 0 ? ` (${reasons})` : ''}
      </button>
    </span>
  );
}
