// The reviewer's decision: Accept (A), Reject once a reason is picked, and Fix and accept when the
// reviewer changed the work. In QA the same decisions read Correct and Incorrect.
import { useEffect, useRef } from 'react';
import './workflow.css';

export type Verdict = 'accept' | 'reject' | 'fix';

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
  return (
    <span className="review-bar" role="group" aria-label="Decision" data-testid="review-bar">
      <button type="button" className="accept" disabled={busy} onClick={() => onDecide('accept')}>{qa ? 'Correct' : 'Accept'} (A)</button>
      {edited && !qa && <button type="button" disabled={busy} onClick={() => onDecide('fix')}>Fix and accept</button>}
      <button type="button" className="reject" disabled={busy || reasons === 0} title={reasons === 0 ? 'Add a reason first' : undefined} onClick={() => onDecide('reject')}>
        {qa ? 'Incorrect' : 'Reject'}{reasons > 0 ? ` (${reasons})` : ''}
      </button>
    </span>
  );
}
