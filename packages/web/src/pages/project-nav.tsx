// The project's pages, one link each: labeling, review, QA, batches, returned work, quality.
import { navigate } from '../router.ts';

const PAGES: [string, string][] = [
  ['', 'Project'], ['label', 'Label'], ['review', 'Review'], ['qa', 'QA'],
  ['batches', 'QA batches'], ['returned', 'Returned to me'], ['quality', 'Quality'], ['dashboard', 'Dashboard'],
];

export function ProjectNav({ projectId }: { projectId: string }) {
  return (
    <nav className="project-nav" aria-label="Project pages">
      {PAGES.map(([sub, label]) => {
        const path = `/projects/${projectId}${sub ? `/${sub}` : ''}`;
        return <a key={label} href={path} aria-current={location.pathname === path ? 'page' : undefined} onClick={(e) => { e.preventDefault(); navigate(path); }}>{label}</a>;
      })}
    </nav>
  );
}
