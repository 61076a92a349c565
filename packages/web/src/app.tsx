import { lazy, Suspense, useEffect, useState } from 'react';
import { api, ApiError, type User } from './api.ts';
import { navigate, usePath } from './router.ts';
import { LoginPage } from './pages/login.tsx';
import { ProjectsPage } from './pages/projects.tsx';
import { ProjectPage } from './pages/project.tsx';
import { WorkspacePage } from './pages/workspace.tsx';
import { NewProjectPage } from './pages/new-project.tsx';
import { MyWorkPage } from './pages/my-work.tsx';
import { BatchesPage } from './pages/batches.tsx';
import { ReturnedPage } from './pages/returned.tsx';
import { QualityPage } from './pages/quality.tsx';
import { DashboardPage } from './dashboard/dashboard-page.tsx';
import { AccountPage } from './pages/account.tsx';
import { AuditPage } from './pages/audit.tsx';
import { PeoplePage } from './pages/people.tsx';
import { SettingsPage } from './pages/settings.tsx';
import { ModelsPage } from './machine/models-page.tsx';
import { ProjectModelsPage } from './machine/project-models-page.tsx';

// The charts carry their chart library: loaded when first opened, not with every page.
const ChartsPage = lazy(() => import('./charts/charts-page.tsx'));

export function App() {
  const path = usePath();
  const [user, setUser] = useState<User | null | undefined>(undefined);
  useEffect(() => {
    api('GET /api/auth/me').then(setUser, (e) => {
      if (e instanceof ApiError && e.status === 401) setUser(null);
      else throw e;
    });
  }, []);

  if (user === undefined) return null;
  if (user === null) return <LoginPage onSignedIn={(u) => { setUser(u); navigate('/'); }} />;
  const match = /^\/projects\/([0-9a-f-]{36})(?:\/(label|review|qa|batches|returned|quality|dashboard|charts|settings|models|tasks|data|members))?/.exec(path);
  const project = match?.[1];
  const sub = match?.[2];
  const workspace = sub === 'label' || sub === 'review' || sub === 'qa';
  return (
    <>
      <header>
        <a href="/" onClick={(e) => { e.preventDefault(); navigate('/'); }}>Cadre</a>
        <a href="/work" onClick={(e) => { e.preventDefault(); navigate('/work'); }}>My work</a>
        {user.isAdmin && <a href="/models" onClick={(e) => { e.preventDefault(); navigate('/models'); }}>Models</a>}
        {user.isAdmin && <a href="/people" onClick={(e) => { e.preventDefault(); navigate('/people'); }}>People</a>}
        {user.isAdmin && <a href="/audit" onClick={(e) => { e.preventDefault(); navigate('/audit'); }}>Audit</a>}
        <span className="spacer" />
        <a href="/account" title="Your account: change your password" onClick={(e) => { e.preventDefault(); navigate('/account'); }}>{user.name}</a>
        <button onClick={async () => { await api('POST /api/auth/logout'); setUser(null); }}>Sign out</button>
      </header>
      <main className={workspace ? 'wide' : ''}>
        {path === '/projects/new' ? <NewProjectPage />
          : path === '/work' ? <MyWorkPage />
          : path === '/account' ? <AccountPage user={user} onSignedOut={() => setUser(null)} />
          : path === '/people' && user.isAdmin ? <PeoplePage />
          : path === '/audit' && user.isAdmin ? <AuditPage />
          : path === '/models' ? <ModelsPage isAdmin={user.isAdmin} />
          : project && sub === 'label' ? <WorkspacePage key="annotate" projectId={project} />
          : project && sub === 'review' ? <WorkspacePage key="review" projectId={project} stage="review" />
          : project && sub === 'qa' ? <WorkspacePage key="qa" projectId={project} stage="qa" />
          : project && sub === 'batches' ? <BatchesPage projectId={project} />
          : project && sub === 'returned' ? <ReturnedPage projectId={project} />
          : project && sub === 'quality' ? <QualityPage projectId={project} />
          : project && sub === 'dashboard' ? <DashboardPage projectId={project} />
          : project && sub === 'charts' ? <Suspense fallback={<p className="muted">Loading…</p>}><ChartsPage projectId={project} /></Suspense>
          : project && sub === 'settings' ? <SettingsPage projectId={project} />
          : project && sub === 'models' ? <ProjectModelsPage projectId={project} />
          : project && (sub === 'tasks' || sub === 'data' || sub === 'members') ? <ProjectPage key={sub} projectId={project} tab={sub} />
          : project ? <ProjectPage projectId={project} /> : <ProjectsPage />}
      </main>
    </>
  );
}
