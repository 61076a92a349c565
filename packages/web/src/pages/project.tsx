import { useEffect, useState } from 'react';
import { api, type Project } from '../api.ts';
import { navigate } from '../router.ts';
import { ExportPanel } from './export-panel.tsx';
import { ImportPanel } from './import-panel.tsx';
import { MembersPanel } from './members-panel.tsx';
import { UploadPanel } from './upload-panel.tsx';
import { EditOntology } from './edit-ontology.tsx';
import { ProjectNav } from './project-nav.tsx';
import { StageBacklog } from './stage-backlog.tsx';
import { useCapabilities } from './use-capabilities.ts';
import { ProjectRemoval } from './project-removal.tsx';
import { TasksView } from '../tasks/tasks-view.tsx';

export function ProjectPage({ projectId }: { projectId: string }) {
  const [project, setProject] = useState<Project | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const can = useCapabilities(projectId);

  useEffect(() => { api('GET /api/projects/:projectId', { params: { projectId } }).then(setProject, (e: Error) => setError(e.message)); }, [projectId]);

  if (error) return <p className="error">{error}</p>;
  if (!project) return <p className="muted">Loading…</p>;
  return (
    <>
      <ProjectNav projectId={projectId} />
      <h1>{project.name}</h1>
      <p>
        {can.annotate && <><button onClick={() => navigate(`/projects/${projectId}/label`)}>Start labeling</button>{' '}</>}
        {can.review && <><button onClick={() => navigate(`/projects/${projectId}/review`)}>Review</button>{' '}</>}
        {can.qa && <button onClick={() => navigate(`/projects/${projectId}/qa`)}>QA</button>}
      </p>
      <p className="muted">{project.description}</p>
      <div className="card">
        <h2>Label classes</h2>
        <p>{project.ontology.classes.map((c) => `${c.hotkey ? `[${c.hotkey}] ` : ''}${c.name} (${c.kind})`).join(' · ')}</p>
      </div>
      {can.viewBacklog && <StageBacklog projectId={projectId} />}
      {can.manage && <>
        <EditOntology key={project.id} project={project} onSaved={setProject} />
        <ImportPanel projectId={projectId} onDone={() => setReload(reload + 1)} />
        <UploadPanel projectId={projectId} onDone={() => setReload(reload + 1)} />
      </>}
      <ExportPanel projectId={projectId} />
      {can.viewMembers && <MembersPanel projectId={projectId} canEdit={can.manage} />}
      {can.manage && <ProjectRemoval project={project} onChanged={setProject} />}
      {can.viewTasks && <TasksView projectId={projectId} reload={reload} />}
    </>
  );
}
