import { useEffect, useState } from 'react';
import type { TaskStatus } from '@cadre/contract';
import { api, type Project, type TaskSummary } from '../api.ts';
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
import { RemoveButtons } from './remove-buttons.tsx';

const PAGE = 50;

export function ProjectPage({ projectId }: { projectId: string }) {
  const [project, setProject] = useState<Project | null>(null);
  const [pages, setPages] = useState<(string | undefined)[]>([undefined]);
  const [tasks, setTasks] = useState<{ tasks: TaskSummary[]; next: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tasksError, setTasksError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [status, setStatus] = useState<TaskStatus | ''>('');
  const [order, setOrder] = useState<'oldest' | 'newest'>('oldest');
  const after = pages[pages.length - 1];
  const can = useCapabilities(projectId);

  useEffect(() => { api('GET /api/projects/:projectId', { params: { projectId } }).then(setProject, (e: Error) => setError(e.message)); }, [projectId]);
  useEffect(() => {
    if (!can.viewTasks) return;
    const query = { limit: PAGE, ...(after ? { after } : {}), ...(status ? { status } : {}), order };
    api('GET /api/projects/:projectId/tasks', { params: { projectId }, query }).then(setTasks, (e: Error) => setTasksError(e.message));
  }, [projectId, after, reload, status, order, can.viewTasks]);

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
      {can.viewTasks && <div className="card">
        <h2>Tasks</h2>
        <label style={{ display: 'inline' }}>Status{' '}
          <select aria-label="status filter" value={status} onChange={(e) => { setStatus(e.target.value as TaskStatus | ''); setPages([undefined]); }}>
            <option value="">all</option><option value="open">open</option><option value="leased">in progress</option><option value="waiting">waiting</option><option value="done">done</option>
          </select>
        </label>{' '}
        <label style={{ display: 'inline' }}>Order{' '}
          <select aria-label="order" value={order} onChange={(e) => { setOrder(e.target.value as 'oldest' | 'newest'); setPages([undefined]); }}>
            <option value="oldest">oldest first</option><option value="newest">newest first</option>
          </select>
        </label>
        {tasksError && <p className="muted">{tasksError}</p>}
        <table>
          <thead><tr><th>Task</th><th>Status</th><th>Stage</th><th>Priority</th><th>Attempts</th><th>Lease until</th>{can.manage && <th />}</tr></thead>
          <tbody>
            {tasks?.tasks.map((t) => (
              <tr key={t.id} data-testid="task-row"><td>{t.id.slice(-8)}</td><td>{t.status}</td><td>{t.stage ?? ''}</td><td>{t.priority}</td><td>{t.attempts}</td><td>{t.leaseExpiresAt ? new Date(t.leaseExpiresAt).toLocaleTimeString() : ''}</td>
                {can.manage && <td><RemoveButtons taskId={t.id} itemId={t.itemId} onRemoved={() => setReload(reload + 1)} onError={setTasksError} /></td>}</tr>
            ))}
          </tbody>
        </table>
        <p>
          <button disabled={pages.length === 1} onClick={() => setPages(pages.slice(0, -1))}>Previous</button>{' '}
          <button disabled={!tasks?.next} onClick={() => tasks?.next && setPages([...pages, tasks.next])}>Next</button>
        </p>
      </div>}
    </>
  );
}
