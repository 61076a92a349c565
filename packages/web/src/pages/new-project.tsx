import { useState, type FormEvent } from 'react';
import { api, ApiError, type Project } from '../api.ts';
import { navigate } from '../router.ts';
import { OntologyEditor, toOntology, type ClassDraft } from './ontology-editor.tsx';
import { useMyCapabilities } from './use-capabilities.ts';

export function NewProjectPage() {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [classes, setClasses] = useState<ClassDraft[]>([{ name: 'car', kind: 'bbox2d', color: '#e53935', hotkey: '1', attributes: [] }]);
  const [error, setError] = useState<string | null>(null);
  const mine = useMyCapabilities();

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const p = await api('POST /api/projects', { body: { name, description, ontology: toOntology(classes) } });
      navigate(`/projects/${p.id}`);
    } catch (err) {
      const details = err instanceof ApiError && Array.isArray(err.details) ? (err.details as { path: string; message: string }[]).map((d) => `${d.path}: ${d.message}`) : [];
      setError([err instanceof Error ? err.message : String(err), ...details].join('\n'));
    }
  }

  if (!mine) return null;
  if (!mine.createProjects) return <p className="muted">Creating a project needs an administrator or a project manager.</p>;
  return (
    <form className="card" onSubmit={create}>
      <h1>New project</h1>
      <label htmlFor="project-name">Name</label>
      <input id="project-name" value={name} onChange={(e) => setName(e.target.value)} required />
      <label htmlFor="project-description">Description</label>
      <input id="project-description" value={description} onChange={(e) => setDescription(e.target.value)} />
      <h2>Label classes</h2>
      <OntologyEditor value={classes} onChange={setClasses} />
      {error && <pre className="error" role="alert">{error}</pre>}
      <p><button type="submit">Create project</button></p>
    </form>
  );
}
