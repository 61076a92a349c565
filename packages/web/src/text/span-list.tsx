// The spans of the text: people's first, then the machine's waiting ones with their score. A row
// selects its span and scrolls the text to it; proposals can be accepted one by one or all at once.
import type { Ontology } from '@cadre/core';
import type { TextLabel, TextLabels } from '@cadre/text-canvas';

interface Props {
  labels: TextLabels;
  ontology: Ontology;
  /** The text's code points, so offsets slice it right past emoji and combining marks. */
  chars: readonly string[];
  selected: string | null;
  onSelect: (id: string) => void;
  onAccept: (id: string) => void;
  onAcceptAll: () => void;
}

const ORIGIN: Record<string, string> = { prediction_accepted: 'accepted', prediction_edited: 'edited', human: 'by hand' };

export function SpanList({ labels, ontology, chars, selected, onSelect, onAccept, onAcceptAll }: Props) {
  const color = new Map(ontology.classes.map((c) => [c.name, c.color ?? '#1565c0']));
  const spans = labels.spans().sort((a, b) => a.geometry!.start - b.geometry!.start);
  const waiting = labels.pendingSpans().sort((a, b) => a.geometry!.start - b.geometry!.start);
  const row = (o: TextLabel, proposal: boolean) => (
    <li key={o.id} className={`ol-row${o.id === selected ? ' selected' : ''}`} data-span={o.id}>
      <button type="button" className="ol-main" tabIndex={-1} onMouseDown={(e) => e.preventDefault()} onClick={() => onSelect(o.id)}>
        <span className="ol-chip" style={{ background: color.get(o.label) ?? '#1565c0' }} />
        <span className="ol-label">{o.label}: “{chars.slice(o.geometry!.start, o.geometry!.end).join('')}”</span>
        {proposal
          ? <span className="ol-badge prediction">machine{o.score === undefined ? '' : ` ${o.score.toFixed(2)}`}</span>
          : o.origin && <span className={`ol-badge origin-${o.origin}`}>{ORIGIN[o.origin]}</span>}
      </button>
      {proposal && <button type="button" className="ol-toggle" title="accept (A)" tabIndex={-1} onClick={() => onAccept(o.id)}>✓</button>}
      <button type="button" className="ol-toggle" title="delete (Delete)" tabIndex={-1} onClick={() => labels.remove(o.id)}>✕</button>
    </li>
  );
  return (
    <section className="panel object-list" aria-label="Spans" data-testid="spans">
      <h3>
        <span>Spans ({spans.length})</span>
        {waiting.length > 0 && <button type="button" tabIndex={-1} onClick={onAcceptAll}>Accept all {waiting.length} (Shift+A)</button>}
      </h3>
      {spans.length === 0 && waiting.length === 0 && <p className="muted ol-empty">Select words, then press a class key.</p>}
      <ul className="ol-rows">
        {spans.map((o) => row(o, false))}
        {waiting.map((o) => row(o, true))}
      </ul>
    </section>
  );
}
