// Adds a reject reason: a code of the project's list, pinned to the selected object or to the whole
// item, with an optional note. The reasons picked so far are listed with a way to drop each.
import { useState } from 'react';
import type { RejectReason } from '../api.ts';
import type { PinnedReason } from './work-mode.ts';

interface Props {
  rejectReasons: readonly RejectReason[];
  reasons: readonly PinnedReason[];
  onReasons: (reasons: PinnedReason[]) => void;
  /** The object selected on the canvas now, if any. */
  selected: string | null;
  labelOf: (objectId: string) => string | undefined;
}

export function ReasonPicker({ rejectReasons, reasons, onReasons, selected, labelOf }: Props) {
  const [code, setCode] = useState(rejectReasons[0]?.code ?? 'other');
  const [whole, setWhole] = useState(false);
  const [note, setNote] = useState('');
  const list = rejectReasons.length > 0 ? rejectReasons : [{ code: 'other', label: 'Other' }];
  const objectId = whole || !selected ? null : selected;
  const labelOfCode = (c: string) => list.find((r) => r.code === c)?.label ?? c;
  const add = () => {
    onReasons([...reasons, { code, objectId, note: note.trim() }]);
    setNote('');
  };
  return (
    <section className="panel reasons" aria-label="Reasons" data-testid="reasons">
      <h3>Reasons <span className="muted">{reasons.length}</span></h3>
      <select aria-label="Reason" value={code} onChange={(e) => setCode(e.target.value)} data-testid="reason-code">
        {list.map((r) => <option key={r.code} value={r.code}>{r.label}</option>)}
      </select>
      <p className="reason-target">
        on <strong data-testid="reason-target">{objectId ? labelOf(objectId) ?? 'the selected object' : 'the whole item'}</strong>
        {selected && <label className="reason-whole"><input type="checkbox" checked={whole} onChange={(e) => setWhole(e.target.checked)} /> whole item</label>}
      </p>
      <input aria-label="Note" placeholder="note (optional)" value={note} onChange={(e) => setNote(e.target.value)}
        onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); add(); } }} data-testid="reason-note" />
      <button type="button" onClick={add} data-testid="add-reason">Add reason</button>
      {reasons.length > 0 && (
        <ul className="reason-rows">
          {reasons.map((r, i) => (
            <li key={i} data-code={r.code} data-object-id={r.objectId ?? ''}>
              <span>{r.objectId ? labelOf(r.objectId) ?? 'object' : 'item'}: {labelOfCode(r.code)}{r.note ? ` (${r.note})` : ''}</span>
              <button type="button" className="ol-toggle" aria-label="Remove reason" title="Remove" onClick={() => onReasons(reasons.filter((_, j) => j !== i))}>✕</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
