import { useState } from 'react';

export interface AttributeDraft { name: string; type: 'enum' | 'boolean' | 'number' | 'text'; required: boolean; options?: string[] }
export interface ClassDraft { name: string; kind: string; color: string; hotkey: string; attributes: AttributeDraft[] }

const KINDS = ['bbox2d', 'polygon', 'polyline', 'point2d', 'cuboid3d', 'text_span', 'text_class'];
const PALETTE = ['#e53935', '#1e88e5', '#43a047', '#fb8c00', '#8e24aa', '#00acc1', '#fdd835', '#6d4c41', '#3949ab'];

/** Label classes as a table: name, geometry kind, colour, hotkey, and attributes per class. */
export function OntologyEditor({ value, onChange }: { value: ClassDraft[]; onChange: (v: ClassDraft[]) => void }) {
  const [open, setOpen] = useState<number | null>(null);
  const set = (i: number, patch: Partial<ClassDraft>) => onChange(value.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const add = () => onChange([...value, { name: '', kind: 'bbox2d', color: PALETTE[value.length % PALETTE.length]!, hotkey: value.length < 9 ? String(value.length + 1) : '', attributes: [] }]);
  return (
    <div>
      <table>
        <thead><tr><th>Class</th><th>Kind</th><th>Colour</th><th>Hotkey</th><th>Attributes</th><th /></tr></thead>
        <tbody>
          {value.map((c, i) => (
            <tr key={i} data-testid="class-row">
              <td><input aria-label="class name" value={c.name} onChange={(e) => set(i, { name: e.target.value })} /></td>
              <td><select aria-label="kind" value={c.kind} onChange={(e) => set(i, { kind: e.target.value })}>{KINDS.map((k) => <option key={k}>{k}</option>)}</select></td>
              <td><input aria-label="colour" type="color" value={c.color} onChange={(e) => set(i, { color: e.target.value })} /></td>
              <td><input aria-label="hotkey" value={c.hotkey} maxLength={1} style={{ width: 40 }} onChange={(e) => set(i, { hotkey: e.target.value })} /></td>
              <td><button type="button" onClick={() => setOpen(open === i ? null : i)}>{c.attributes.length} attributes</button></td>
              <td><button type="button" onClick={() => onChange(value.filter((_, j) => j !== i))}>Remove</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {open !== null && value[open] && <Attributes value={value[open]!.attributes} onChange={(attributes) => set(open, { attributes })} />}
      <p><button type="button" onClick={add}>Add class</button></p>
    </div>
  );
}

function Attributes({ value, onChange }: { value: AttributeDraft[]; onChange: (v: AttributeDraft[]) => void }) {
  const set = (i: number, patch: Partial<AttributeDraft>) => onChange(value.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  return (
    <div className="card">
      {value.map((a, i) => (
        <p key={i}>
          <input aria-label="attribute name" placeholder="name" value={a.name} onChange={(e) => set(i, { name: e.target.value })} style={{ width: 160 }} />{' '}
          <select aria-label="attribute type" value={a.type} onChange={(e) => set(i, { type: e.target.value as AttributeDraft['type'] })}>
            {['enum', 'boolean', 'number', 'text'].map((t) => <option key={t}>{t}</option>)}
          </select>{' '}
          {a.type === 'enum' && <input aria-label="options" placeholder="options, comma separated" value={(a.options ?? []).join(',')} onChange={(e) => set(i, { options: e.target.value.split(',').map((s) => s.trim()) })} style={{ width: 220 }} />}{' '}
          <label style={{ display: 'inline' }}><input type="checkbox" style={{ width: 'auto' }} checked={a.required} onChange={(e) => set(i, { required: e.target.checked })} /> required</label>{' '}
          <button type="button" onClick={() => onChange(value.filter((_, j) => j !== i))}>Remove</button>
        </p>
      ))}
      <button type="button" onClick={() => onChange([...value, { name: '', type: 'boolean', required: false }])}>Add attribute</button>
    </div>
  );
}

/** The editor's rows as the ontology the API takes (empty optional fields left out). */
export function toOntology(classes: ClassDraft[]) {
  return {
    classes: classes.map((c) => ({
      name: c.name.trim(), kind: c.kind, color: c.color, ...(c.hotkey ? { hotkey: c.hotkey } : {}),
      attributes: c.attributes.map((a) => ({ name: a.name.trim(), type: a.type, required: a.required, ...(a.type === 'enum' ? { options: (a.options ?? []).filter(Boolean) } : {}) })),
    })),
  };
}
