// The selected span's class and attributes (the image workspace's fields); a machine proposal is
// shown with its score until it is accepted.
import { checkAttributeValue, type LabelClass, type Ontology } from '@cadre/core';
import { AttributeField } from '../workspace/attribute-field.tsx';
import type { TextLabels } from '@cadre/text-canvas';

/** Attribute defaults of a class; on a class change the values the new class also takes are kept. */
export function attributesFor(cls: LabelClass | undefined, old: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of cls?.attributes ?? []) {
    const v = old[spec.name];
    if (v !== undefined && checkAttributeValue(spec, v, spec.name).length === 0) out[spec.name] = v;
    else if (spec.default !== undefined) out[spec.name] = spec.default;
  }
  return out;
}

export function SpanDetails({ labels, ontology, selected }: { labels: TextLabels; ontology: Ontology; selected: string | null }) {
  const o = selected ? labels.get(selected) : undefined;
  if (!o || o.kind !== 'text_span') {
    return <section className="panel attributes" aria-label="Attributes"><h3>Attributes</h3><p className="muted">Select a span to see its class and attributes.</p></section>;
  }
  if (labels.isProposal(o.id)) {
    return (
      <section className="panel attributes" aria-label="Attributes">
        <h3>Machine proposal</h3>
        <p>{o.label}{o.score === undefined ? '' : ` · score ${o.score.toFixed(2)}`}</p>
        <p className="muted">Accept it (A), give it another class (its key), or delete it (Delete).</p>
      </section>
    );
  }
  const spanClasses = ontology.classes.filter((c) => c.kind === 'text_span');
  const cls = spanClasses.find((c) => c.name === o.label);
  const setAttribute = (name: string, value: unknown) => {
    const attributes = { ...o.attributes };
    if (value === undefined || value === null || value === '') delete attributes[name];
    else attributes[name] = value;
    labels.setAttributes(o.id, attributes);
  };
  return (
    <section className="panel attributes" aria-label="Attributes" data-testid="attributes">
      <h3>Attributes</h3>
      <label className="attr">
        <span className="attr-name">Class</span>
        <select value={o.label} data-testid="class-picker"
          onChange={(e) => labels.relabel(o.id, e.target.value, attributesFor(spanClasses.find((c) => c.name === e.target.value), o.attributes))}>
          {!cls && <option value={o.label}>{o.label} (not in the ontology)</option>}
          {spanClasses.map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
        </select>
      </label>
      {(cls?.attributes.length ?? 0) === 0 && <p className="muted">This class has no attributes.</p>}
      {cls?.attributes.map((spec) => <AttributeField key={spec.name} spec={spec} value={o.attributes[spec.name]} disabled={false} onChange={(v) => setAttribute(spec.name, v)} />)}
    </section>
  );
}
