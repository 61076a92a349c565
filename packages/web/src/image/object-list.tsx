// The objects and pending machine proposals of the open item, one row each: class colour, class,
// kind, origin, hide and lock toggles; a click selects. Rows are memoised on the (immutable) object
// and its flags, so a drag that changes one object re-renders one row, not a thousand.
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { stylesFor, type ImageEngine, type ImageObject } from '@cadre/image-canvas';
import type { ObjectOrigin, Ontology } from '@cadre/core';
import '../workspace/workspace.css';

/**
 * Re-renders the caller when the engine reports a change or a selection, at most once a frame.
 * Hidden and locked are plain sets the engine does not announce: changes made here go through
 * `redraw`, and the H shortcut is caught by looking again after each key press.
 */
export function useEngineVersion(engine: ImageEngine | null): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!engine) return;
    let frame = 0;
    const bump = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => { frame = 0; setVersion((v) => v + 1); });
    };
    const offs = [engine.on('change', bump), engine.on('selection', bump)];
    // After the canvas handled a key (H hides without an event of its own), look again.
    const key = () => setTimeout(bump, 0);
    addEventListener('keydown', key);
    bump();
    return () => { cancelAnimationFrame(frame); for (const off of offs) off(); removeEventListener('keydown', key); };
  }, [engine]);
  return version;
}

/**
 * Hidden and locked are view state the engine keeps without an event. After changing them, this
 * asks the canvas to redraw through a harmless path: re-selecting the current selection emits
 * 'selection', which the canvas view and the panels already listen to.
 */
export function redraw(engine: ImageEngine): void {
  engine.document.select([...engine.document.selection]);
}

const ORIGIN: Record<ObjectOrigin, { text: string; title: string }> = {
  human: { text: 'hand', title: 'Drawn by hand' },
  prediction_accepted: { text: 'accepted', title: 'A machine proposal accepted as it was' },
  prediction_edited: { text: 'edited', title: 'A machine proposal accepted, then reshaped' },
};

interface RowProps {
  object: ImageObject;
  color: string;
  prediction: boolean;
  selected: boolean;
  hidden: boolean;
  locked: boolean;
  onSelect: (id: string, additive: boolean) => void;
  onHide: (id: string) => void;
  onLock: (id: string) => void;
}

const Row = memo(function Row({ object, color, prediction, selected, hidden, locked, onSelect, onHide, onLock }: RowProps) {
  const origin = ORIGIN[object.origin ?? 'human'];
  return (
    <li
      className={`ol-row${selected ? ' selected' : ''}${hidden ? ' is-hidden' : ''}`}
      data-id={object.id}
      data-hidden={hidden ? 'true' : 'false'}
      data-locked={locked ? 'true' : 'false'}
      data-selected={selected ? 'true' : 'false'}
    >
      <button type="button" className="ol-main" onClick={(e) => onSelect(object.id, e.shiftKey || e.ctrlKey || e.metaKey)} aria-pressed={selected}>
        <span className="ol-chip" style={{ background: color }} />
        <span className="ol-label">{object.label}</span>
        <span className="ol-kind">{object.kind}</span>
        {prediction
          ? <span className="ol-badge prediction" title="Machine proposal, waiting for a decision">{object.score === undefined ? 'proposal' : object.score.toFixed(2)}</span>
          : <span className={`ol-badge origin-${object.origin ?? 'human'}`} title={origin.title}>{origin.text}</span>}
      </button>
      <button type="button" className={`ol-toggle${hidden ? ' on' : ''}`} onClick={() => onHide(object.id)} title={hidden ? 'Show' : 'Hide'} aria-label={hidden ? 'Show' : 'Hide'} aria-pressed={hidden}>
        {hidden ? '◌' : '◉'}
      </button>
      {!prediction && (
        <button type="button" className={`ol-toggle${locked ? ' on' : ''}`} onClick={() => onLock(object.id)} title={locked ? 'Unlock' : 'Lock'} aria-label={locked ? 'Unlock' : 'Lock'} aria-pressed={locked}>
          {locked ? '🔒' : '🔓'}
        </button>
      )}
    </li>
  );
});

export function ObjectList({ engine, ontology }: { engine: ImageEngine; ontology: Ontology }) {
  const version = useEngineVersion(engine);
  const colors = useMemo(() => {
    const map = new Map<string, string>();
    for (const [name, s] of stylesFor(ontology)) map.set(name, s.object.stroke);
    return map;
  }, [ontology]);
  const doc = engine.document;
  // `version` stands for the engine's mutable state.
  const objects = useMemo(() => doc.objects(), [doc, version]);
  const proposals = useMemo(() => doc.predictions(), [doc, version]);

  const onSelect = useCallback((id: string, additive: boolean) => {
    if (doc.hidden.has(id)) return; // hidden shapes cannot be edited; show it first
    if (additive) doc.toggleSelected(id);
    else doc.select([id]);
  }, [doc]);
  const onHide = useCallback((id: string) => {
    if (!doc.hidden.delete(id)) {
      doc.hidden.add(id);
      // Like the H shortcut: a hidden shape leaves the selection.
      if (doc.selection.has(id)) return doc.select([...doc.selection].filter((s) => s !== id));
    }
    redraw(engine);
  }, [doc, engine]);
  const onLock = useCallback((id: string) => {
    if (!doc.locked.delete(id)) doc.locked.add(id);
    redraw(engine);
  }, [doc, engine]);

  const row = (o: ImageObject, prediction: boolean) => (
    <Row
      key={o.id}
      object={o}
      color={colors.get(o.label) ?? '#cccccc'}
      prediction={prediction}
      selected={doc.selection.has(o.id)}
      hidden={doc.hidden.has(o.id)}
      locked={doc.locked.has(o.id)}
      onSelect={onSelect}
      onHide={onHide}
      onLock={onLock}
    />
  );

  return (
    <section className="panel object-list" aria-label="Objects">
      <h3>Objects <span className="muted">{objects.length}</span></h3>
      {objects.length === 0 ? <p className="muted ol-empty">Nothing drawn yet.</p> : <ul className="ol-rows" data-testid="objects">{objects.map((o) => row(o, false))}</ul>}
      {proposals.length > 0 && (
        <>
          <h3>Machine proposals <span className="muted">{proposals.length}</span></h3>
          <ul className="ol-rows" data-testid="proposals">{proposals.map((p) => row(p, true))}</ul>
        </>
      )}
    </section>
  );
}
