// The project's pages, one link each, those this person's role may open: overview, tasks,
// import/export, members, labeling, review, QA,
// batches, returned work, quality, dashboard, charts, models, settings; and, for managers, the red
// lines crossed.
import { AlertBanner } from '../alerts/alert-banner.tsx';
import { navigate } from '../router.ts';
import { useCapabilities, type Capability } from './use-capabilities.ts';

const PAGES: [string, string, Capability | null][] = [
  ['', 'Overview', null], ['tasks', 'Tasks', 'viewTasks'], ['data', 'Import/export', 'export'], ['members', 'Members', 'viewMembers'],
  ['label', 'Label', 'annotate'], ['review', 'Review', 'review'], ['qa', 'QA', 'qa'],
  ['batches', 'QA batches', 'viewBatches'], ['returned', 'Returned to me', 'returned'], ['quality', 'Quality', 'viewQuality'],
  ['dashboard', 'Dashboard', 'viewDashboard'], ['charts', 'Charts', 'manage'], ['models', 'Models', 'manage'], ['settings', 'Settings', 'manage'],
];

export function ProjectNav({ projectId }: { projectId: string }) {
  const can = useCapabilities(projectId);
  return (
    <>
      <nav className="project-nav" aria-label="Project pages">
        {PAGES.filter(([, , needs]) => needs === null || can[needs]).map(([sub, label]) => {
          const path = `/projects/${projectId}${sub ? `/${sub}` : ''}`;
          return <a key={label} href={path} aria-current={location.pathname === path ? 'page' : undefined} onClick={(e) => { e.preventDefault(); navigate(path); }}>{label}</a>;
        })}
      </nav>
      {can.manage && <AlertBanner projectId={projectId} />}
    </>
  );
}
