// Attributes of the text's chosen classes (a text_class may have its own, e.g. "confidence"),
// edited with the image workspace's fields. Shown only for classes that have attributes.
import type { Ontology } from '@cadre/core';
import { AttributeField } from '../workspace/attribute-field.tsx';
import type { TextLabels } from '@cadre/text-canvas';

export function ClassAttributes({ labels, ontology }: { labels: TextLabels; ontology: Ontology }) {
  const chosen = labels.classes().flatMap((o) => {
    const cls = ontology.classes.find((c) => c.name === o.label);
    return cls && cls.attributes.length > 0 ? [{ o, cls }] : [];
  });
  if (chosen.length === 0) return null;
  return (
    <section className="class-bar" aria-label="Class attributes" data-testid="class-attributes">
      {chosen.map(({ o, cls }) => (
        <div key={o.id}>
          <strong>{cls.name}</strong>
          {cls.attributes.map((spec) => (
            <AttributeField key={spec.name} spec={spec} value={o.attributes[spec.name]} disabled={false} onChange={(v) => {
              const attributes = { ...o.attributes };
              if (v === undefined || v === null || v === '') delete attributes[spec.name];
              else attributes[spec.name] = v;
              labels.setAttributes(o.id, attributes);
            }} />
          ))}
        </div>
      ))}
    </section>
  );
}
