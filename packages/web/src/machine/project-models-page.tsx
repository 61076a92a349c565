// /projects/:id/models (managers): the models this project uses, each with its class map and its
// pre-label job; attaching a registered model; the project's machine jobs; and the model report.
import { useCallback, useEffect, useState } from 'react';
import { settingsOf } from '@cadre/core';
import type { MachineJob, Model, ProjectModel } from '@cadre/contract';
import { api, type Project } from '../api.ts';
import { navigate } from '../router.ts';
import { ProjectNav } from '../pages/project-nav.tsx';
import { useCapabilities } from '../pages/use-capabilities.ts';
import { ClassMapEditor } from './class-map-editor.tsx';
import { JobPanel, JobProgress } from './job-panel.tsx';
import { ModelReportView } from './model-report.tsx';
import { LearningPanel, learnsText } from './learning-panel.tsx';
import { failure } from './format.ts';
import { jobEnded } from './use-job.ts';
import './machine.css';

export function ProjectModelsPage({ projectId }: { projectId: string }) {
  const can = useCapabilities(projectId);
  const [project, setProject] = useState<Project | null>(null);
  const [attached, setAttached] = useState<ProjectModel[] | null>(null);
  const [registered, setRegistered] = useState<Model[] | null>(null);
  const [jobs, setJobs] = useState<MachineJob[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [registryError, setRegistryError] = useState<string | null>(null);
  const [jobsError, setJobsError] = useState<string | null>(null);
  const [reportVersion, setReportVersion] = useState(0);

  useEffect(() => { api('GET /api/projects/:projectId', { params: { projectId } }).then(setProject, (e) => setError(failure(e))); }, [projectId]);
  const loadAttached = useCallback(() => {
    api('GET /api/projects/:projectId/models', { params: { projectId } }).then((r) => { setAttached(r.models); setError(null); }, (e) => setError(`The project's models could not be read: ${failure(e)}`));
  }, [projectId]);
  const loadJobs = useCallback(() => {
    api('GET /api/projects/:projectId/jobs', { params: { projectId } }).then((r) => { setJobs(r.jobs); setJobsError(null); }, (e) => setJobsError(`The project's jobs could not be read: ${failure(e)}`));
  }, [projectId]);
  useEffect(() => {
    if (!can.manage) return;
    loadAttached();
    loadJobs();
    api('GET /api/models').then((r) => setRegistered(r.models), (e) => setRegistryError(`The registered models could not be read: ${failure(e)}`));
  }, [can.manage, loadAttached, loadJobs]);
  // While a job runs elsewhere (another tab, the CLI), the list is read again now and then.
  const anyRunning = jobs.some((j) => !jobEnded(j));
  useEffect(() => {
    if (!anyRunning) return;
    const t = setInterval(loadJobs, 3000);
    return () => clearInterval(t);
  }, [anyRunning, loadJobs]);

  const replace = (pm: ProjectModel) => setAttached((list) => (list ?? []).map((x) => (x.model.id === pm.model.id ? pm : x)));
  const detach = async (pm: ProjectModel) => {
    try {
      await api('DELETE /api/projects/:projectId/models/:modelId', { params: { projectId, modelId: pm.model.id } });
      loadAttached();
    } catch (e) {
      setError(`${pm.model.label} could not be detached: ${failure(e)}`);
    }
  };

  return (
    <>
      <ProjectNav projectId={projectId} />
      <h1>Models{project ? ` · ${project.name}` : ''}</h1>
      {project && !can.manage && <p className="muted">The project's managers choose its models and run them.</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {project && can.manage && <>
        {!isPrelabelFirst(project) && <p className="muted" data-testid="no-prelabel-stage">
          This project's workflow does not start with a pre-label stage: a job pre-labels the items open for labeling instead.
          {' '}<a href={`/projects/${projectId}/settings`} onClick={(e) => { e.preventDefault(); navigate(`/projects/${projectId}/settings`); }}>Add the stage in Settings</a>.
        </p>}
        {learnsText(project) && <LearningPanel project={project} onSaved={setProject} />}
        <AttachModel projectId={projectId} registered={registered} attached={attached ?? []} registryError={registryError} onAttached={loadAttached} />
        {attached?.length === 0 && <p className="muted">No model is used here yet.</p>}
        {attached?.filter((pm) => pm.model.type !== 'text').map((pm) => (
          <div className="card machine-model" key={pm.model.id} data-testid="project-model" data-model={pm.model.label}>
            <h2>{pm.model.label} <span className="muted">{pm.model.type} · {pm.model.classes.length} classes</span></h2>
            <JobPanel projectId={projectId} modelId={pm.model.id} trainable={pm.model.type === 'ls-backend'} qualifies={pm.model.type === 'llm'} latest={jobs.find((j) => j.modelId === pm.model.id) ?? null}
              onChanged={() => { loadJobs(); setReportVersion((v) => v + 1); }} />
            {pm.model.type === 'llm'
              ? <p className="muted" data-testid="llm-classes">Labels texts with this project's text classes ({project.ontology.classes.filter((c) => c.kind === 'text_class').map((c) => c.name).join(', ')}); a few accepted labels are its examples. Its agreement with people is on the Quality page.</p>
              : <ClassMapEditor key={pm.model.id} projectId={projectId} pm={pm} ontology={project.ontology} onSaved={replace} />}
            <p><button className="secondary" onClick={() => detach(pm)}>Stop using {pm.model.label} here</button></p>
          </div>
        ))}
        <JobList jobs={jobs} error={jobsError} />
        <ModelReportView key={reportVersion} projectId={projectId} />
      </>}
    </>
  );
}

const isPrelabelFirst = (p: Project) => settingsOf(p.settings).stages[0] === 'prelabel';

function AttachModel({ projectId, registered, attached, registryError, onAttached }: {
  projectId: string; registered: Model[] | null; attached: ProjectModel[]; registryError: string | null; onAttached: () => void;
}) {
  // The text learner is not attached by hand: learning (above) uses it.
  const free = (registered ?? []).filter((m) => m.archivedAt === null && m.type !== 'text' && !attached.some((a) => a.model.id === m.id));
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const chosen = free.find((m) => m.id === choice) ?? free[0];
  async function attach() {
    if (!chosen) return;
    setError(null);
    try {
      await api('PUT /api/projects/:projectId/models/:modelId', { params: { projectId, modelId: chosen.id }, body: {} });
      setChoice('');
      onAttached();
    } catch (e) {
      setError(`${chosen.label} could not be attached: ${failure(e)}`);
    }
  }
  return (
    <div className="card" data-testid="attach-model">
      <h2>Use a model</h2>
      {registryError && <p className="error" role="alert">{registryError}</p>}
      {registered && free.length === 0 && <p className="muted">Every registered model is in use here. <a href="/models" onClick={(e) => { e.preventDefault(); navigate('/models'); }}>Register a model</a>.</p>}
      {free.length > 0 && <p>
        <select aria-label="model to use" value={chosen?.id ?? ''} onChange={(e) => setChoice(e.target.value)}>
          {free.map((m) => <option key={m.id} value={m.id}>{m.label} ({m.type}, {m.classes.length} classes)</option>)}
        </select>{' '}
        <button onClick={attach}>Use in this project</button>
      </p>}
      <p className="muted">Model classes named like a box class of the project map to it at first; change the map below.</p>
      {error && <p className="error" role="alert" data-testid="attach-error">{error}</p>}
    </div>
  );
}

function JobList({ jobs, error }: { jobs: MachineJob[]; error: string | null }) {
  if (jobs.length === 0 && !error) return null;
  return (
    <div className="card" data-testid="job-list">
      <h2>Machine jobs</h2>
      {error && <p className="error" role="alert">{error}</p>}
      <table>
        <thead><tr><th>Started</th><th>Model</th><th>Kind</th><th>Progress</th></tr></thead>
        <tbody>
          {jobs.map((j) => (
            <tr key={j.id} data-testid="job-row" data-state={j.state}>
              <td>{new Date(j.createdAt).toLocaleString()}</td><td>{j.modelLabel ?? '—'}</td><td>{j.kind}</td>
              <td><JobProgress job={j} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
