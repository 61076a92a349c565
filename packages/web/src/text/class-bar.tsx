// The classes with their keys: the document's chosen classes stand out, the machine's proposed
// ones are dashed with their score. The filter (`/`) finds a class past the ten digit keys by name:
// Enter picks the first match, Escape leaves.
import { useState, type RefObject } from 'react';
import type { LabelClass } from '@cadre/core';
import type { ClassKey } from './class-keys.ts';
import type { TextLabels } from '@cadre/text-canvas';

interface Props {
  keys: ClassKey[];
  labels: TextLabels;
  multi: boolean;
  filterRef: RefObject<HTMLInputElement | null>;
  onPick: (cls: LabelClass) => void;
}

export function ClassBar({ keys, labels, multi, filterRef, onPick }: Props) {
  const [filter, setFilter] = useState('');
  const chosen = new Set(labels.classes().map((o) => o.label));
  const proposed = new Map(labels.pendingClasses().map((p) => [p.label, p.score]));
  const needle = filter.trim().toLowerCase();
  const shown = needle ? keys.filter((k) => k.cls.name.toLowerCase().includes(needle)) : keys;
  const pickFirst = () => {
    const first = shown[0];
    if (!first) return;
    onPick(first.cls);
    setFilter('');
    filterRef.current?.blur();
  };
  return (
    <section className="class-bar" aria-label="Classes" data-testid="classes">
      <div className="class-bar-head">
        <input ref={filterRef} className="class-filter" placeholder="/ find a class" value={filter} aria-label="find a class"
          onChange={(e) => setFilter(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) { e.preventDefault(); pickFirst(); }
            if (e.key === 'Escape') { setFilter(''); e.currentTarget.blur(); }
          }} />
        {keys.some((k) => k.cls.kind === 'text_class') && <span className="muted">{multi ? 'multi-label: a key adds or removes a class' : 'one class per text: a key chooses it, again takes it off'}</span>}
      </div>
      <ul className="class-chips">
        {shown.map(({ cls, key }) => {
          const score = proposed.get(cls.name);
          const state = chosen.has(cls.name) ? ' chosen' : proposed.has(cls.name) ? ' proposed' : '';
          return (
            <li key={cls.name}>
              <button type="button" className={`class-chip${state}`} style={{ borderColor: cls.color ?? '#888' }} data-class={cls.name}
                title={cls.kind === 'text_span' ? 'labels the selected words' : 'classifies the whole text'}
                tabIndex={-1} onMouseDown={(e) => e.preventDefault()} onClick={() => onPick(cls)}>
                {key && <kbd>{key}</kbd>} {cls.name}
                {cls.kind === 'text_span' && <span className="class-kind"> span</span>}
                {score !== undefined && <span className="class-score"> {Math.round(score * 100)}%</span>}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
