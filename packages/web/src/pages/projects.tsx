// The projects this person belongs to, usable with hundreds of them: a search over names and
// descriptions (word prefixes), archived ones behind a switch, three orders, a progress bar each, and fifty shown
// at a time.
import { useEffect, useMemo, useState } from 'react';
import { api, type ProjectWithCounts } from '../api.ts';
import { navigate } from '../router.ts';
import { useMyCapabilities } from './use-capabilities.ts';

const SHOWN = 50;
type Order = 'name' | 'progress' | 'newest';

const progressOf = (p: ProjectWithCounts) => {
  const total = Object.values(p.counts ?? {}).reduce((a, b) => a + b, 0);
  const done = p.counts?.['done'] ?? 0;
  return { total, done, share: total ? done / total : 0 };
};

const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
/** Whether every word typed begins a word of the project's name or description (any case), as the tasks search does. */
function matches(p: ProjectWithCounts, q: string): boolean {
  const hay = words(`${p.name} ${p.description ?? ''}`);
  return words(q).every((w) => hay.some((h) => h.startsWith(w)));
}

export function ProjectsPage() {
  const [projects, setProjects] = useState<ProjectWithCounts[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [archived, setArchived] = useState(false);
  const [order, setOrder] = useState<Order>('name');
  const [limit, setLimit] = useState(SHOWN);
  const mine = useMyCapabilities();
  useEffect(() => { api('GET /api/projects').then(setProjects, (e: Error) => setError(e.message)); }, []);

  const archivedCount = projects?.filter((p) => p.archivedAt).length ?? 0;
  const shown = useMemo(() => {
    const list = (projects ?? []).filter((p) => (archived || !p.archivedAt) && matches(p, q));
    const by: Record<Order, (a: ProjectWithCounts, b: ProjectWithCounts) => number> = {
      name: (a, b) => a.name.localeCompare(b.name),
      progress: (a, b) => progressOf(a).share - progressOf(b).share || a.name.localeCompare(b.name),
      newest: (a, b) => b.createdAt.localeCompare(a.createdAt),
    };
    return list.sort(by[order]);
  }, [projects, q, archived, order]);

  if (error) return <p className="error">{error}</p>;
  if (!projects) return <p className="muted">Loading projects…</p>;
  const create = mine?.createProjects ? <p><button onClick={() => navigate('/projects/new')}>New project</button></p> : null;
  if (projects.length === 0) return <><p>You are not in any project yet.</p>{create}</>;
  return (
    <>
      <h1>Projects</h1>
      {create}
      <div className="project-filters">
        <input type="search" aria-label="search projects" placeholder="Search names and descriptions" value={q} onChange={(e) => { setQ(e.target.value); setLimit(SHOWN); }} />{' '}
        <label style={{ display: 'inline' }}>Order{' '}
          <select aria-label="project order" value={order} onChange={(e) => setOrder(e.target.value as Order)}>
            <option value="name">by name</option><option value="progress">least done first</option><option value="newest">newest first</option>
          </select>
        </label>{' '}
        {archivedCount > 0 && <label style={{ display: 'inline' }}>
          <input type="checkbox" style={{ width: 'auto' }} checked={archived} onChange={(e) => setArchived(e.target.checked)} /> show archived ({archivedCount})
        </label>}
      </div>
      <p className="muted" data-testid="projects-shown">{shown.length === projects.length ? `${shown.length} projects` : `${shown.length} of ${projects.length} projects`}</p>
      {shown.slice(0, limit).map((p) => {
        const { total, done, share } = progressOf(p);
        return (
          <div className="card project-row" key={p.id} data-testid="project-card">
            <h2><a href={`/projects/${p.id}`} onClick={(e) => { e.preventDefault(); navigate(`/projects/${p.id}`); }}>{p.name}</a>{p.archivedAt && <span className="muted"> (archived)</span>}</h2>
            {p.description && <p className="muted">{p.description}</p>}
            <p>{done} of {total} tasks done · {p.ontology.classes.length} label classes</p>
            <div className="progress" role="progressbar" aria-label={`${p.name} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)}>
              <div style={{ width: `${share * 100}%` }} />
            </div>
          </div>
        );
      })}
      {shown.length > limit && <p><button onClick={() => setLimit(limit + SHOWN)}>Show {Math.min(SHOWN, shown.length - limit)} more</button></p>}
      {shown.length === 0 && <p className="muted">No project matches.</p>}
    </>
  );
}
