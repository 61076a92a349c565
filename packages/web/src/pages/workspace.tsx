// Opens the workspace of a project for one stage: claims (or resumes) a task of that stage and shows
// it in the workspace of its item kind. Review and QA open the same workspaces in review mode.
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { api, type Project } from '../api.ts';
import { TaskFlow, type LoadedTask } from '../workspace/task-flow.ts';
import { ImageWorkspace, type PreviousWork } from '../image/image-workspace.tsx';
import { preloadClouds } from '../pointcloud/clouds.ts';
import type { Stage } from '../workflow/work-mode.ts';
import { LimitsBanner } from '../dashboard/limits-banner.tsx';
import { usePath } from '../router.ts';
import { QueueBar, stagePath, taskPath } from '../workflow/queue-bar.tsx';
import { describeError } from '../workspace/errors.ts';

// three.js and the 3D panels load only when a point-cloud task opens.
const PointCloudWorkspace = lazy(() => import('../pointcloud/pointcloud-workspace.tsx').then((m) => ({ default: m.PointCloudWorkspace })));
const TextWorkspace = lazy(() => import('../text/text-workspace.tsx').then((m) => ({ default: m.TextWorkspace })));
// Text items need nothing fetched before they open: their text comes with the task.
const preloadText = async () => {};

const NOTHING: Record<Stage, string> = {
  annotate: 'No tasks are waiting in this project. Well done.',
  review: 'No tasks are waiting for review in this project.',
  qa: 'No tasks are waiting for QA in this project.',
};

export function WorkspacePage({ projectId, stage = 'annotate' }: { projectId: string; stage?: Stage }) {
  // `/projects/:id/label/:taskId` (or review, qa) opens exactly that task.
  const taskId = /^\/projects\/[0-9a-f-]{36}\/(?:label|review|qa)\/([0-9a-f-]{36})/.exec(usePath())?.[1];
  return <>{stage === 'annotate' && <LimitsBanner projectId={projectId} />}<StageWorkspace key={taskId ?? ''} projectId={projectId} stage={stage} taskId={taskId} /></>;
}

function StageWorkspace({ projectId, stage, taskId }: { projectId: string; stage: Stage; taskId: string | undefined }) {
  const flow = useMemo(() => new TaskFlow(projectId, { pointcloud: preloadClouds, text: preloadText }, stage), [projectId, stage]);
  const [project, setProject] = useState<Project | null>(null);
  const [task, setTask] = useState<LoadedTask | null | undefined>(undefined);
  const [message, setMessage] = useState<string | null>(null);
  // What this person submitted last, for "Copy previous" on the next item.
  const [previous, setPrevious] = useState<PreviousWork | null>(null);

  useEffect(() => {
    setTask(undefined);
    api('GET /api/projects/:projectId', { params: { projectId } }).then(setProject, (e: Error) => setMessage(e.message));
    flow.first(taskId).then(setTask, (e: Error) => setMessage(e.message));
  }, [projectId, flow, taskId]);

  // The address names the task open now, so a reload or a shared link opens this same one.
  useEffect(() => {
    if (task === undefined) return;
    const path = task ? taskPath(projectId, stage, task.view.task.id) : stagePath(projectId, stage);
    if (location.pathname !== path) history.replaceState(null, '', path);
  }, [task, projectId, stage]);

  const skip = async (reason: string, note: string) => {
    if (!task) return;
    setMessage(null);
    try {
      setTask(await flow.skip(task.view.task.id, reason, note));
    } catch (e) {
      setMessage(describeError(e));
    }
  };

  // Whatever else happens, the tasks this person holds stay in reach: never a page without a way on.
  if (task === null) return <><QueueBar projectId={projectId} current={null} /><p>{NOTHING[stage]}</p></>;
  if (!project || task === undefined) {
    if (!message) return <p className="muted">Loading the task…</p>;
    return <>
      <QueueBar projectId={projectId} current={null} />
      <p className="error" role="alert">{message}</p>
      {taskId && <p><a href={stagePath(projectId, stage)}>Take the next task instead</a></p>}
    </>;
  }
  return <>
    <QueueBar projectId={projectId} current={task.view} onSkip={skip} />
    {message && <p className="error" role="alert">{message}</p>}
    <KindWorkspace project={project} flow={flow} task={task} onNext={setTask} previous={previous} onSubmitted={setPrevious} />
  </>;
}

interface KindProps {
  project: Project; flow: TaskFlow; task: LoadedTask; onNext: (next: LoadedTask | null) => void;
  previous: PreviousWork | null; onSubmitted: (work: PreviousWork) => void;
}

function KindWorkspace({ project, flow, task, onNext, previous, onSubmitted }: KindProps) {
  if (task.view.item.kind === 'pointcloud') {
    return <Suspense fallback={<p className="muted">Loading the 3D workspace…</p>}><PointCloudWorkspace key={task.view.task.id} project={project} flow={flow} task={task} onNext={onNext} /></Suspense>;
  }
  if (task.view.item.kind === 'text') {
    return <Suspense fallback={<p className="muted">Loading the text workspace…</p>}><TextWorkspace project={project} flow={flow} task={task} onNext={onNext} /></Suspense>;
  }
  return <ImageWorkspace key={task.view.task.id} project={project} flow={flow} task={task} onNext={onNext} previous={previous} onSubmitted={onSubmitted} />;
}
