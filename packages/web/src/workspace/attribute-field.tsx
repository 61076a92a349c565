/** One attribute's input, shared by every workspace: enum, boolean (unset is not "no"), number, text. */
import { useEffect, useState, type KeyboardEvent } from 'react';
import { checkAttributeValue, type AttributeSpec } from '@cadre/core';
import './workspace.css';

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

export function AttributeField({ spec, value, disabled, onChange }: { spec: AttributeSpec; value: unknown; disabled: boolean; onChange: (v: unknown) => void }) {
  const missing = spec.required && isEmpty(value);
  const problem = !isEmpty(value) ? checkAttributeValue(spec, value, spec.name)[0]?.message : undefined;
  const id = `attr-${spec.name}`;
  return (
    <div className={`attr${missing ? ' missing' : ''}`} data-attribute={spec.name}>
      <label className="attr-name" htmlFor={id}>
        {spec.name}{spec.required && <span className="required" title="required"> *</span>}
      </label>
      <AttributeInput id={id} spec={spec} value={value} disabled={disabled} onChange={onChange} />
      {missing && <p className="attr-message" role="status">{spec.name} is required{spec.type === 'boolean' ? ': tick it, or choose “no”' : ''}.</p>}
      {problem && <p className="attr-message">{problem}</p>}
    </div>
  );
}

function AttributeInput({ id, spec, value, disabled, onChange }: { id: string; spec: AttributeSpec; value: unknown; disabled: boolean; onChange: (v: unknown) => void }) {
  switch (spec.type) {
    case 'enum':
      return (
        <select id={id} value={typeof value === 'string' ? value : ''} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
          <option value="">{spec.required ? '— choose —' : '—'}</option>
          {spec.options.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      );
    case 'boolean':
      return (
        <span className="attr-boolean">
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            disabled={disabled}
            // Unset shows as indeterminate, so "not answered" never passes for "no".
            ref={(el) => { if (el) el.indeterminate = value === undefined; }}
            onChange={(e) => onChange(e.target.checked)}
          />
          {value === undefined && <button type="button" className="link" disabled={disabled} onClick={() => onChange(false)}>no</button>}
        </span>
      );
    case 'number':
      return <CommitInput id={id} type="number" value={typeof value === 'number' ? String(value) : ''} disabled={disabled} min={spec.min} max={spec.max} step={spec.step ?? 'any'} onCommit={(text) => onChange(text.trim() === '' ? undefined : Number(text))} />;
    case 'text':
      return <CommitInput id={id} type="text" value={typeof value === 'string' ? value : ''} disabled={disabled} maxLength={spec.maxLength} onCommit={(text) => onChange(text)} />;
  }
}

interface CommitInputProps {
  id: string;
  type: 'text' | 'number';
  value: string;
  disabled: boolean;
  min?: number | undefined;
  max?: number | undefined;
  step?: number | 'any';
  maxLength?: number | undefined;
  onCommit: (text: string) => void;
}

/** An input that edits locally and commits on Enter (Ctrl+Enter too, before the page submits) or blur. */
function CommitInput({ value, onCommit, ...rest }: CommitInputProps) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]); // undo, redo or another edit changed the stored value
  const commit = () => { if (text !== value) onCommit(text); };
  const key = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') commit();
    if (e.key === 'Escape') setText(value);
  };
  return <input {...rest} value={text} onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={key} />;
}
