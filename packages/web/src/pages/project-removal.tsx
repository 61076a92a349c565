import { useState } from 'react';
import { api, type Project } from '../api.ts';
import { navigate } from '../router.ts';

/**
 * Archive (restorable: workers stop seeing it and get no new tasks) or delete a project. Deleting
 * asks for the project's name typed back, as the server does; its work and books are kept.
 */
export function ProjectRemoval({ project, onChanged }: { project: Project; onChanged: (p: Project) => void }) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const act = (run: () => Promise<void>) => { setError(null); run().catch((e: Error) => setError(e.message)); };
  const archive = (on: boolean) => act(async () => onChanged(await api(on ? 'POST /api/projects/:projectId/archive' : 'POST /api/projects/:projectId/restore', { params: { projectId: project.id } })));
  const remove = () => act(async () => {
    await api('DELETE /api/projects/:projectId', { params: { projectId: project.id }, body: { name: typed } });
    navigate('/');
  });

  return (
    <div className="card" data-testid="project-removal">
      <h2>Archive or delete</h2>
      {project.archivedAt
        ? <p role="status">Archived {new Date(project.archivedAt).toLocaleString()}: annotators do not see it and no new tasks are handed out. <button onClick={() => archive(false)}>Restore project</button></p>
        : <p>Archiving hides the project from its annotators and stops new tasks; it can be restored. <button onClick={() => archive(true)}>Archive project</button></p>}
      <p className="muted">Deleting removes the project for everyone. Its work and its pay ledger are kept (the money figures do not change), but nobody can open it again.</p>
      <label>Type the project's name, <b>{project.name}</b>, to delete it
        <input aria-label="project name to delete" value={typed} onChange={(e) => setTyped(e.target.value)} />
      </label>
      <button disabled={typed !== project.name} onClick={remove}>Delete project</button>
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}
