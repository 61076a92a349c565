import { useState } from 'react';
import { api, ApiError, type Project } from '../api.ts';
import { OntologyEditor, toOntology, type AttributeDraft, type ClassDraft } from './ontology-editor.tsx';

type StoredClass = { name: string; kind: string; color?: string; hotkey?: string; attributes?: { name: string; type: AttributeDraft['type']; required?: boolean; options?: string[] }[] };

const toDraft = (classes: StoredClass[]): ClassDraft[] => classes.map((c) => ({
  name: c.name, kind: c.kind, color: c.color ?? '#888888', hotkey: c.hotkey ?? '',
  attributes: (c.attributes ?? []).map((a) => ({ name: a.name, type: a.type, required: a.required ?? false, ...(a.options ? { options: a.options } : {}) })),
}));

/** Changes an existing project's label classes (managers); the server checks the whole ontology again. */
export function EditOntology({ project, onSaved }: { project: Project; onSaved: (p: Project) => void }) {
  const [open, setOpen] = useState(false);
  const [classes, setClasses] = useState<ClassDraft[]>(() => toDraft(project.ontology.classes as StoredClass[]));
  const [error, setError] = useState<string | null>(null);

  async function save() {
    setError(null);
    try {
      const saved = await api('PATCH /api/projects/:projectId', { params: { projectId: project.id }, body: { ontology: toOntology(classes) } });
      onSaved(saved);
      setOpen(false);
    } catch (err) {
      const details = err instanceof ApiError && Array.isArray(err.details) ? (err.details as { path: string; message: string }[]).map((d) => `${d.path}: ${d.message}`) : [];
      setError([err instanceof Error ? err.message : String(err), ...details].join('\n'));
    }
  }

  if (!open) return <p><button onClick={() => setOpen(true)}>Edit label classes</button></p>;
  return (
    <div className="card">
      <h2>Label classes</h2>
      <OntologyEditor value={classes} onChange={setClasses} />
      {error && <pre className="error" role="alert">{error}</pre>}
      <p><button onClick={() => void save()}>Save label classes</button> <button onClick={() => setOpen(false)}>Cancel</button></p>
    </div>
  );
}
