import { useState } from 'react';
import type { BulkAction } from '@cadre/contract';
import { STAGES, type Person } from './filter-bar.tsx';

type Kind = 'reassign' | 'set' | 'raise' | 'sendBack' | 'skip' | 'remove';

/** The action a manager picks for the selected tasks, with what it needs (a person, a number, a stage). */
export function BulkBar({ count, people, onApply }: { count: string; people: Person[]; onApply: (a: BulkAction) => void }) {
  const [kind, setKind] = useState<Kind>('reassign');
  const [person, setPerson] = useState('');
  const [value, setValue] = useState('10');
  const [stage, setStage] = useState('annotate');
  const action = (): BulkAction | null => {
    const n = Number(value);
    switch (kind) {
      case 'reassign': return person ? { kind, userId: person } : null;
      case 'set': case 'raise': return Number.isInteger(n) ? { kind: 'priority', mode: kind, value: n } : null;
      case 'sendBack': return { kind, stage: stage as (typeof STAGES)[number] };
      default: return { kind };
    }
  };
  const ready = action();
  return (
    <div className="bulk-bar card" data-testid="bulk-bar">
      <strong>{count} selected</strong>{' '}
      <select aria-label="bulk action" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
        <option value="reassign">Reassign to</option><option value="set">Set priority</option><option value="raise">Raise priority by</option>
        <option value="sendBack">Send back to</option><option value="skip">Give back (take from whoever holds it)</option><option value="remove">Remove</option>
      </select>{' '}
      {kind === 'reassign' && <select aria-label="reassign to" value={person} onChange={(e) => setPerson(e.target.value)}>
        <option value="">choose a person</option>{people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
      </select>}
      {(kind === 'set' || kind === 'raise') && <input aria-label="priority" type="number" style={{ width: '5em' }} value={value} onChange={(e) => setValue(e.target.value)} />}
      {kind === 'sendBack' && <select aria-label="send back to" value={stage} onChange={(e) => setStage(e.target.value)}>
        {['annotate', 'review', 'qa'].map((s) => <option key={s} value={s}>{s}</option>)}
      </select>}{' '}
      <button disabled={!ready} onClick={() => ready && onApply(ready)}>Apply</button>
    </div>
  );
}
