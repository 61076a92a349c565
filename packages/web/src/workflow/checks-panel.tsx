// The machine checks' findings on the open item, each with its exact message (what was measured
// and the limit); a click on one that names an object selects it.
import type { RefObject } from 'react';
import type { CheckFailure } from './checks.ts';
import './workflow.css';

interface Props {
  failures: readonly CheckFailure[];
  panelRef: RefObject<HTMLElement | null>;
  labelOf?: (objectId: string) => string | undefined;
  onSelect?: (objectId: string) => void;
}

export function ChecksPanel({ failures, panelRef, labelOf, onSelect }: Props) {
  const errors = failures.filter((f) => f.severity === 'error').length;
  return (
    <section className="panel checks" aria-label="Checks" data-testid="checks" tabIndex={-1} ref={panelRef}>
      <h3>Checks <span className={errors ? 'check-count bad' : 'check-count'}>{failures.length === 0 ? 'all pass' : `${failures.length} found`}</span></h3>
      {failures.length > 0 && (
        <ul className="check-rows">
          {failures.map((f, i) => (
            <li key={`${f.check}-${f.objectId}-${i}`} className={`check-row ${f.severity}`} data-check={f.check} data-object-id={f.objectId ?? ''}>
              {f.objectId && onSelect
                ? <button type="button" className="link" onClick={() => onSelect(f.objectId!)}>{labelOf?.(f.objectId) ?? 'object'}</button>
                : <span className="check-where">{f.objectId ? labelOf?.(f.objectId) ?? 'object' : 'item'}</span>}
              {' '}<span className="check-message">{f.message}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What a held-back submit says, one line per error. */
export function checksMessage(errors: readonly CheckFailure[]): string {
  return `Not submitted: ${errors.length} check${errors.length > 1 ? 's' : ''} fail${errors.length > 1 ? '' : 's'}: ${errors.map((f) => f.message).join('; ')}`;
}
