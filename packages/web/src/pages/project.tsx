// A project's own pages, as tabs under the project's navigation: the overview (what it is, how far
// along, its classes), its tasks, import and export, and its members. Each tab is a route of its own
// (/projects/:id, /tasks, /data, /members), so a link or a reload keeps the tab.
import { useEffect, useState } from 'react';
import { api, type Project } from '../api.ts';
import { navigate } from '../router.ts';
import { TasksView } from '../tasks/tasks-view.tsx';
import { EditOntology } from './edit-ontology.tsx';
import { ExportPanel } from './export-panel.tsx';
import { ImportPanel } from './import-panel.tsx';
import { MembersPanel } from './members-panel.tsx';
import { ProjectNav } from './project-nav.tsx';
import { ProjectRemoval } from './project-removal.tsx';
import { StageBacklog } from './stage-backlog.tsx';
import { UploadPanel } from './upload-panel.tsx';
import { useCapabilities } from './use-capabilities.ts';

export type ProjectTab = 'overview' | 'tasks' | 'data' | 'members';

export function ProjectPage({ projectId, tab = 'overview' }: { projectId: string; tab?: ProjectTab }) {
  const [project, setProject] = useState<Project | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const can = useCapabilities(projectId);

  useEffect(() => { api('GET /api/projects/:projectId', { params: { projectId } }).then(setProject, (e: Error) => setError(e.message)); }, [projectId]);

  if (error) return <p className="error">{error}</p>;
  if (!project) return <p className="muted">Loading…</p>;
  const imported = () => setReload(reload + 1);
  return (
    <>
      <ProjectNav projectId={projectId} />
      <h1>{project.name}</h1>
      <p>
        {can.annotate && <><button onClick={() => navigate(`/projects/${projectId}/label`)}>Start labeling</button>{' '}</>}
        {can.review && <><button onClick={() => navigate(`/projects/${projectId}/review`)}>Review</button>{' '}</>}
        {can.qa && <button onClick={() => navigate(`/projects/${projectId}/qa`)}>QA</button>}
      </p>
      {tab === 'overview' && <>
        <p className="muted">{project.description}</p>
        {can.viewBacklog && <StageBacklog projectId={projectId} />}
        <div className="card">
          <h2>Label classes</h2>
          <p>{project.ontology.classes.map((c) => `${c.hotkey ? `[${c.hotkey}] ` : ''}${c.name} (${c.kind})`).join(' · ')}</p>
        </div>
        {can.manage && <EditOntology key={project.id} project={project} onSaved={setProject} />}
        {can.manage && <ProjectRemoval project={project} onChanged={setProject} />}
      </>}
      {tab === 'tasks' && (can.viewTasks ? <TasksView projectId={projectId} reload={reload} /> : <p className="muted">Your role here does not show the project's tasks.</p>)}
      {tab === 'data' && <>
        {can.manage && <>
          <ImportPanel projectId={projectId} onDone={imported} />
          <UploadPanel projectId={projectId} onDone={imported} />
        </>}
        {can.export ? <ExportPanel projectId={projectId} /> : <p className="muted">Your role here does not export the project's labels.</p>}
      </>}
      {tab === 'members' && (can.viewMembers ? <MembersPanel projectId={projectId} canEdit={can.manage} /> : <p className="muted">Your role here does not show the project's members.</p>)}
    </>
  );
}
