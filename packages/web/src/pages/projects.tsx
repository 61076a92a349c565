import { useEffect, useState } from 'react';
import { api, type ProjectWithCounts } from '../api.ts';
import { navigate } from '../router.ts';
import { useMyCapabilities } from './use-capabilities.ts';

export function ProjectsPage() {
  const [projects, setProjects] = useState<ProjectWithCounts[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mine = useMyCapabilities();
  useEffect(() => { api('GET /api/projects').then(setProjects, (e: Error) => setError(e.message)); }, []);

  if (error) return <p className="error">{error}</p>;
  if (!projects) return <p className="muted">Loading projects…</p>;
  const create = mine?.createProjects ? <p><button onClick={() => navigate('/projects/new')}>New project</button></p> : null;
  if (projects.length === 0) return <><p>You are not in any project yet.</p>{create}</>;
  return (
    <>
      <h1>Projects</h1>
      {create}
      {projects.map((p) => {
        const total = Object.values(p.counts ?? {}).reduce((a, b) => a + b, 0);
        const done = p.counts?.['done'] ?? 0;
        return (
          <div className="card" key={p.id} data-testid="project-card">
            <h2><a href={`/projects/${p.id}`} onClick={(e) => { e.preventDefault(); navigate(`/projects/${p.id}`); }}>{p.name}</a>{p.archivedAt && <span className="muted"> (archived)</span>}</h2>
            <p className="muted">{p.description}</p>
            <p>{done} of {total} tasks done · {p.ontology.classes.length} label classes</p>
            <div className="progress" aria-label="progress"><div style={{ width: `${total ? (100 * done) / total : 0}%` }} /></div>
          </div>
        );
      })}
    </>
  );
}
