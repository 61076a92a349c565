import type { ReactNode } from 'react';

/** A labelled input with the server's complaint about it, if any, right beneath. */
export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className="field" data-field={id}>
      <label htmlFor={id}>{label}{hint && <span className="muted"> · {hint}</span>}</label>
      {children}
      {error && <p className="error" role="alert" id={`${id}-error`}>{error}</p>}
    </div>
  );
}
