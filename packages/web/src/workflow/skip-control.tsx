// Skip with a reason: the task goes back to the queue for someone else and is not offered to this
// person again. The reason is one of a short list (so they can be counted) plus an optional note.
import { useState } from 'react';

export const SKIP_REASONS = [
  { code: 'unclear', label: 'The guidelines do not cover this item' },
  { code: 'unreadable', label: 'The item is broken or unreadable' },
  { code: 'not_qualified', label: 'Outside what I can judge' },
  { code: 'conflict', label: 'I worked on this item before' },
  { code: 'other', label: 'Other' },
] as const;

export function SkipControl({ onSkip }: { onSkip: (reason: string, note: string) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<string>(SKIP_REASONS[0].code);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  if (!open) return <button type="button" onClick={() => setOpen(true)} data-testid="skip">Skip…</button>;
  const confirm = async () => {
    setBusy(true);
    try {
      await onSkip(reason, note.trim());
    } finally {
      setBusy(false);
      setOpen(false);
      setNote('');
    }
  };
  return (
    <span className="skip-form" role="group" aria-label="Skip this task" data-testid="skip-form">
      <select aria-label="Skip reason" value={reason} onChange={(e) => setReason(e.target.value)}>
        {SKIP_REASONS.map((r) => <option key={r.code} value={r.code}>{r.label}</option>)}
      </select>
      <input aria-label="Skip note" placeholder="note (optional)" value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
      <button type="button" disabled={busy} onClick={() => void confirm()}>Skip task</button>
      <button type="button" className="link" onClick={() => setOpen(false)}>Cancel</button>
    </span>
  );
}
