// Opens the workspace of a project for one stage: claims (or resumes) a task of that stage and shows
// it in the workspace of its item kind. Review and QA open the same workspaces in review mode.
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { AnnotationPayload } from '@cadre/core';
import { api, type Project } from '../api.ts';
import { TaskFlow, type LoadedTask } from '../workspace/task-flow.ts';
import { ImageWorkspace } from '../workspace/image-workspace.tsx';
import { preloadClouds } from '../pointcloud/clouds.ts';
import type { Stage } from '../workflow/work-mode.ts';
import { LimitsBanner } from '../dashboard/limits-banner.tsx';

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
  return <>{stage === 'annotate' && <LimitsBanner projectId={projectId} />}<StageWorkspace projectId={projectId} stage={stage} /></>;
}

function StageWorkspace({ projectId, stage }: { projectId: string; stage: Stage }) {
  const flow = useMemo(() => new TaskFlow(projectId, { pointcloud: preloadClouds, text: preloadText }, stage), [projectId, stage]);
  const [project, setProject] = useState<Project | null>(null);
  const [task, setTask] = useState<LoadedTask | null | undefined>(undefined);
  const [message, setMessage] = useState<string | null>(null);
  // What this person submitted last, for "Copy previous" on the next item.
  const [previous, setPrevious] = useState<AnnotationPayload | null>(null);

  useEffect(() => {
    setTask(undefined);
    api<Project>('GET', `/api/projects/${projectId}`).then(setProject, (e: Error) => setMessage(e.message));
    flow.first().then(setTask, (e: Error) => setMessage(e.message));
  }, [projectId, flow]);

  if (task === null) return <p>{NOTHING[stage]}</p>;
  if (!project || task === undefined) return message ? <p className="error">{message}</p> : <p className="muted">Loading the task…</p>;
  if (task.view.item.kind === 'pointcloud') {
    return <Suspense fallback={<p className="muted">Loading the 3D workspace…</p>}><PointCloudWorkspace key={task.view.task.id} project={project} flow={flow} task={task} onNext={setTask} /></Suspense>;
  }
  if (task.view.item.kind === 'text') {
    return <Suspense fallback={<p className="muted">Loading the text workspace…</p>}><TextWorkspace project={project} flow={flow} task={task} onNext={setTask} /></Suspense>;
  }
  return <ImageWorkspace key={task.view.task.id} project={project} flow={flow} task={task} onNext={setTask} previous={previous} onSubmitted={setPrevious} />;
}
