// /projects/:id/dashboard: the server says which views this person may open; the first is shown.
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { ProjectNav } from '../pages/project-nav.tsx';
import { useDashboard, type View } from './use-dashboard.ts';
import { AdminView, ClientView, MeView } from './views.tsx';
import type { AdminDashboard, ClientDashboard, MeDashboard } from './types.ts';

const NAMES: Record<View, string> = { me: 'My work', admin: 'Project', client: 'Client view' };

export function DashboardPage({ projectId }: { projectId: string }) {
  const [views, setViews] = useState<View[] | null>(null);
  const [view, setView] = useState<View | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api('GET /api/projects/:projectId/dashboard', { params: { projectId } }).then((v) => { setViews(v.views); setView(v.views[0] ?? null); }, (e: Error) => setError(e.message));
  }, [projectId]);
  const live = useDashboard<MeDashboard | AdminDashboard | ClientDashboard>(projectId, view);
  return (
    <>
      <ProjectNav projectId={projectId} />
      <h1>Dashboard</h1>
      {error && <p className="error">{error}</p>}
      {views && views.length > 1 && (
        <div role="tablist">{views.map((v) => <button key={v} role="tab" aria-selected={v === view} onClick={() => setView(v)}>{NAMES[v]}</button>)}</div>
      )}
      {live.error && <p className="muted">{live.error}</p>}
      {!live.data || live.data.view !== view ? <p className="muted">Loading…</p>
        : live.data.view === 'me' ? <MeView d={live.data} />
        : live.data.view === 'admin' ? <AdminView d={live.data} />
        : <ClientView d={live.data} />}
    </>
  );
}
