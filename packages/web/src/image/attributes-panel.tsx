// The selected object's class and attribute values. Every edit is one undoable step through the
// engine's history; text and number fields commit on Enter or when they lose focus, so typing a
// word is one step rather than one per letter.
import { useReducer } from 'react';
import type { ImageEngine, ImageObject } from '@cadre/image-canvas';
import { checkAttributeValue, type LabelClass, type Ontology } from '@cadre/core';
import { useEngineVersion } from './object-list.tsx';
import { AttributeField } from '../workspace/attribute-field.tsx';
import '../workspace/workspace.css';

function classOf(ontology: Ontology, name: string): LabelClass | undefined {
  return ontology.classes.find((c) => c.name === name);
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

export function AttributesPanel({ engine, ontology }: { engine: ImageEngine; ontology: Ontology }) {
  useEngineVersion(engine);
  const doc = engine.document;
  const ids = [...doc.selection];
  if (ids.length === 0) return <section className="panel attributes" aria-label="Attributes"><h3>Attributes</h3><p className="muted">Select an object to see its class and attributes.</p></section>;
  if (ids.length > 1) return <section className="panel attributes" aria-label="Attributes"><h3>Attributes</h3><p className="muted">{ids.length} objects selected.</p></section>;
  const id = ids[0]!;
  const prediction = doc.layerOf(id) === 'predictions';
  const object = prediction ? doc.getPrediction(id) : doc.get(id);
  if (!object) return null;
  if (prediction) {
    return (
      <section className="panel attributes" aria-label="Attributes">
        <h3>Machine proposal</h3>
        <p>{object.label} · {object.kind}{object.score === undefined ? '' : ` · score ${object.score.toFixed(2)}`}</p>
        <p className="muted">Accept it (A) to edit its class and attributes, or delete it (Delete).</p>
      </section>
    );
  }
  return <ObjectAttributes key={id} engine={engine} ontology={ontology} object={object} />;
}

function ObjectAttributes({ engine, ontology, object: given }: { engine: ImageEngine; ontology: Ontology; object: ImageObject }) {
  // An edit here shows at once (in the same event), not a frame later when the engine's change
  // reaches the panel: a checkbox must not flick back for a frame after a click.
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const object = engine.document.get(given.id) ?? given;
  const cls = classOf(ontology, object.label);
  const sameKind = ontology.classes.filter((c) => c.kind === object.kind);
  const locked = engine.document.locked.has(object.id);
  const specs = cls?.attributes ?? [];

  const setAttribute = (name: string, value: unknown) => {
    const current = engine.document.get(object.id);
    if (!current) return;
    const attributes = { ...current.attributes };
    if (isEmpty(value)) delete attributes[name];
    else attributes[name] = value;
    if (JSON.stringify(attributes) === JSON.stringify(current.attributes)) return;
    engine.history.transact(`set ${name}`, () => engine.document.update(object.id, { attributes }, `set ${name}`));
    rerender();
  };

  const setClass = (name: string) => {
    const next = classOf(ontology, name);
    const current = engine.document.get(object.id);
    if (!next || !current || name === current.label) return;
    // Keep the values the new class also has (and that still fit it); start the rest from defaults.
    const attributes: Record<string, unknown> = {};
    for (const spec of next.attributes ?? []) {
      const old = current.attributes[spec.name];
      if (old !== undefined && checkAttributeValue(spec, old, spec.name).length === 0) attributes[spec.name] = old;
      else if (spec.default !== undefined) attributes[spec.name] = spec.default;
    }
    engine.history.transact('change class', () => engine.document.update(object.id, { label: name, attributes }, 'change class'));
    rerender();
  };

  return (
    <section className="panel attributes" aria-label="Attributes" data-testid="attributes">
      <h3>Attributes</h3>
      <label className="attr">
        <span className="attr-name">Class</span>
        <select value={object.label} disabled={locked} onChange={(e) => setClass(e.target.value)} data-testid="class-picker">
          {!cls && <option value={object.label}>{object.label} (not in the ontology)</option>}
          {sameKind.map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
        </select>
      </label>
      {locked && <p className="muted">Locked: unlock it in the list to edit.</p>}
      {specs.length === 0 && <p className="muted">This class has no attributes.</p>}
      {specs.map((spec) => (
        <AttributeField key={spec.name} spec={spec} value={object.attributes[spec.name]} disabled={locked} onChange={(v) => setAttribute(spec.name, v)} />
      ))}
    </section>
  );
}
