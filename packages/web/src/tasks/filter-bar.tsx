import type { FilterFields } from './query.ts';

export const STAGES = ['annotate', 'check', 'review', 'qa', 'gold', 'accepted'] as const;
export interface Person { id: string; name: string }

/** Stage, status, person, class, rejections, score, days changed, agreement and a search box; each change starts again at page one. */
export function FilterBar({ value, onChange, people, classes }: {
  value: FilterFields; onChange: (f: FilterFields) => void; people: Person[]; classes: string[];
}) {
  const set = (k: keyof FilterFields) => (e: { target: { value: string } }) => onChange({ ...value, [k]: e.target.value });
  return (
    <div className="tasks-filters">
      <input type="search" aria-label="search tasks" placeholder="Search file names and metadata" value={value.q} onChange={set('q')} />{' '}
      <label style={{ display: 'inline' }}>Stage{' '}
        <select aria-label="stage filter" value={value.stage} onChange={set('stage')}>
          <option value="">all</option>{STAGES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>{' '}
      <label style={{ display: 'inline' }}>Status{' '}
        <select aria-label="status filter" value={value.status} onChange={set('status')}>
          <option value="">all</option><option value="open">open</option><option value="leased">in progress</option><option value="waiting">waiting</option><option value="done">done</option>
        </select>
      </label>{' '}
      <label style={{ display: 'inline' }}>Person{' '}
        <select aria-label="person filter" value={value.person} onChange={set('person')}>
          <option value="">anyone</option>{people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </label>{' '}
      <label style={{ display: 'inline' }}>Class{' '}
        <select aria-label="class filter" value={value.class} onChange={set('class')}>
          <option value="">any</option>{classes.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      </label>{' '}
      <label style={{ display: 'inline' }}>Rejected at least{' '}
        <input aria-label="minimum rejections" type="number" min={0} style={{ width: '4em' }} value={value.minRejections} onChange={set('minRejections')} />
      </label>{' '}
      <label style={{ display: 'inline' }}>Score from{' '}
        <input aria-label="minimum score" type="number" step="0.05" style={{ width: '5em' }} value={value.scoreMin} onChange={set('scoreMin')} />
      </label>{' '}
      <label style={{ display: 'inline' }}>Changed from{' '}
        <input aria-label="changed from" type="date" value={value.changedFrom} onChange={set('changedFrom')} />
      </label>{' '}
      <label style={{ display: 'inline' }}>to{' '}
        <input aria-label="changed to" type="date" value={value.changedTo} onChange={set('changedTo')} />
      </label>{' '}
      <label style={{ display: 'inline' }}>Agreement from{' '}
        <input aria-label="minimum agreement" type="number" step="0.05" min={0} max={1} style={{ width: '5em' }} value={value.agreementMin} onChange={set('agreementMin')} />
      </label>
    </div>
  );
}
