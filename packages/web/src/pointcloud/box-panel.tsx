// The selected box in numbers: centre and size in metres (0.01 steps), yaw in degrees (0.1°
// steps), the points inside it counted live, its class and attributes. A machine proposal shows
// accept and delete instead.
import { useState, type KeyboardEvent } from 'react';
import type { Cuboid3dGeometry, LabelClass, Ontology } from '@cadre/core';
import { AttributeField } from '../workspace/attribute-field.tsx';
import type { Cuboid, CuboidDocument } from '@cadre/pointcloud-canvas';

type Field = 'x' | 'y' | 'z' | 'dx' | 'dy' | 'dz' | 'yaw';
const FIELDS: { key: Field; name: string; step: number; digits: number }[] = [
  { key: 'x', name: 'x (m)', step: 0.01, digits: 2 },
  { key: 'y', name: 'y (m)', step: 0.01, digits: 2 },
  { key: 'z', name: 'z (m)', step: 0.01, digits: 2 },
  { key: 'dx', name: 'length (m)', step: 0.01, digits: 2 },
  { key: 'dy', name: 'width (m)', step: 0.01, digits: 2 },
  { key: 'dz', name: 'height (m)', step: 0.01, digits: 2 },
  { key: 'yaw', name: 'yaw (°)', step: 0.1, digits: 1 },
];
const DEG = 180 / Math.PI;

/** The shown value of a field: metres as they are, yaw in degrees. */
export function shown(g: Cuboid3dGeometry, key: Field): number {
  return key === 'yaw' ? g.yaw * DEG : g[key];
}

interface Props { set: CuboidDocument; box: Cuboid; ontology: Ontology; pointsInside: number; onGeometry: (g: Cuboid3dGeometry) => void }

export function BoxPanel({ set, box, ontology, pointsInside, onGeometry }: Props) {
  const proposal = set.isProposal(box.id);
  const classes = ontology.classes.filter((c) => c.kind === 'cuboid3d');
  const cls: LabelClass | undefined = classes.find((c) => c.name === box.label);
  const commit = (key: Field, value: number) => {
    // Metres are kept to the centimetre, as the engine's own edits keep them.
    const v = key === 'yaw' ? value / DEG : Math.round(value * 100) / 100;
    if (!Number.isFinite(v) || (key.startsWith('d') && v <= 0)) return;
    onGeometry({ ...box.geometry, [key]: v });
  };
  return (
    <section className="panel pc-box" aria-label="Box" data-testid="box-panel">
      <h3>{proposal ? 'Pre-label' : 'Box'} <span className="muted" data-testid="points-inside">{pointsInside} points inside</span></h3>
      {box.frame !== undefined && <p className="muted">frame {box.frame + 1} · {box.keyframe ? 'keyframe' : 'interpolated'}</p>}
      <div className="pc-fields">
        {FIELDS.map((f) => (
          <label key={f.key} className="pc-field">
            <span>{f.name}</span>
            <NumberField field={f.key} value={shown(box.geometry, f.key)} step={f.step} digits={f.digits} disabled={proposal} onCommit={(v) => commit(f.key, v)} />
          </label>
        ))}
      </div>
      {proposal ? (
        <div className="pc-actions">
          <button type="button" onClick={() => set.accept(box.id)}>Accept (A)</button>
          <button type="button" onClick={() => set.remove(box.id)}>Delete</button>
        </div>
      ) : (
        <>
          <label className="attr">
            <span className="attr-name">Class</span>
            <select value={box.label} data-testid="box-class" onChange={(e) => set.setLabel(box.id, e.target.value, defaults(classes.find((c) => c.name === e.target.value)))}>
              {!cls && <option value={box.label}>{box.label} (not in the ontology)</option>}
              {classes.map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
            </select>
          </label>
          {(cls?.attributes ?? []).map((spec) => (
            <AttributeField key={spec.name} spec={spec} value={box.attributes[spec.name]} disabled={false}
              onChange={(v) => {
                const attributes = { ...box.attributes };
                if (v === undefined || v === '') delete attributes[spec.name];
                else attributes[spec.name] = v;
                set.setAttributes(box.id, attributes);
              }} />
          ))}
        </>
      )}
    </section>
  );
}

/** Attribute defaults of a class, for a new box or a class change. */
export function defaults(cls: LabelClass | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of cls?.attributes ?? []) if (spec.default !== undefined) out[spec.name] = spec.default;
  return out;
}

interface FieldProps { field: Field; value: number; step: number; digits: number; disabled: boolean; onCommit: (v: number) => void }

/** Shows the box's value; while typing, the typed text (committed on Enter or blur); arrows step exactly. */
function NumberField({ field, value, step, digits, disabled, onCommit }: FieldProps) {
  const shownText = value.toFixed(digits);
  const [typed, setTyped] = useState<string | null>(null);
  const commit = () => {
    if (typed !== null && typed !== shownText) onCommit(Number(typed));
    setTyped(null);
  };
  const key = (e: KeyboardEvent<HTMLInputElement>) => {
    e.stopPropagation(); // arrows here step the field, not nudge the box
    if (e.key === 'Enter') commit();
    else if (e.key === 'Escape') setTyped(null);
    else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      setTyped(null);
      onCommit(value + (e.key === 'ArrowUp' ? step : -step) * (e.shiftKey ? 10 : 1));
    }
  };
  return (
    <input type="number" data-field={field} step={step} value={typed ?? shownText} disabled={disabled}
      onChange={(e) => setTyped(e.target.value)} onBlur={commit} onKeyDown={key} />
  );
}
