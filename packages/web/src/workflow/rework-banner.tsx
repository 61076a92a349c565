// Returned work: how often it came back and why. Reasons on the whole item stand out; those pinned
// to an object are also drawn on the canvas beside it, and a click here selects that object.
import type { Reason } from '../api.ts';
import { reasonText } from './notes.ts';
import './workflow.css';

interface Props {
  reasons: readonly Reason[];
  rejections: number;
  labelOf: (objectId: string) => string | undefined;
  onSelect?: (objectId: string) => void;
}

export function ReworkBanner({ reasons, rejections, labelOf, onSelect }: Props) {
  const whole = reasons.filter((r) => r.objectId === null);
  const pinned = reasons.filter((r) => r.objectId !== null);
  const machine = reasons.every((r) => r.source === 'machine');
  return (
    <div className="rework-banner" role="status" data-testid="rework">
      <strong>{machine ? 'Sent back by the machine checks' : `Returned ${rejections} time${rejections === 1 ? '' : 's'}`}</strong>
      <span className="muted"> · fix what is marked, then submit again</span>
      {whole.length > 0 && <ul className="rework-whole">{whole.map((r, i) => <li key={i} data-code={r.code}>{reasonText(r)}</li>)}</ul>}
      {pinned.length > 0 && (
        <ul className="rework-pinned">
          {pinned.map((r, i) => {
            const label = labelOf(r.objectId!);
            return (
              <li key={i} data-code={r.code} data-object-id={r.objectId!}>
                {onSelect && label ? <button type="button" className="link" onClick={() => onSelect(r.objectId!)}>{label}</button> : <span>{label ?? 'a deleted object'}</span>}
                {': '}{reasonText(r)}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
