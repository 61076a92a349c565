import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ImageEngine, ImageObject } from '@cadre/image-canvas';
import type { AnnotationPayload, Ontology } from '@cadre/core';
import { api, ApiError, type Project } from '../api.ts';
import { CanvasView } from '../workspace/canvas-view.tsx';
import { TaskFlow, type LoadedTask } from '../workspace/task-flow.ts';
import { ObjectList } from '../workspace/object-list.tsx';
import { AttributesPanel } from '../workspace/attributes-panel.tsx';
import { HelpOverlay } from '../workspace/help-overlay.tsx';
import { preloadClouds } from '../pointcloud/clouds.ts';

// three.js and the 3D panels load only when a point-cloud task opens.
const PointCloudWorkspace = lazy(() => import('../pointcloud/pointcloud-workspace.tsx').then((m) => ({ default: m.PointCloudWorkspace })));
const TextWorkspace = lazy(() => import('../text/text-workspace.tsx').then((m) => ({ default: m.TextWorkspace })));
// Text items need nothing fetched before they open: their text comes with the task.
const preloadText = async () => {};

const AUTOSAVE_MS = 3000;
const EMPTY: AnnotationPayload = { schemaVersion: 1, objects: [] };

/** A draft keeps the annotation and which predictions were still waiting for a decision. */
interface Draft { annotation: AnnotationPayload; pendingPredictions: string[] }

export function WorkspacePage({ projectId }: { projectId: string }) {
  const flow = useMemo(() => new TaskFlow(projectId, { pointcloud: preloadClouds, text: preloadText }), [projectId]);
  const [project, setProject] = useState<Project | null>(null);
  const [task, setTask] = useState<LoadedTask | null | undefined>(undefined);
  const [message, setMessage] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [count, setCount] = useState(0);
  const engineRef = useRef<ImageEngine | null>(null);
  const [engine, setEngine] = useState<ImageEngine | null>(null);
  // What this person submitted last, for "Copy previous" on the next item.
  const [previous, setPrevious] = useState<AnnotationPayload | null>(null);
  const dirty = useRef(false);

  useEffect(() => {
    api<Project>('GET', `/api/projects/${projectId}`).then(setProject, (e: Error) => setMessage(e.message));
    flow.first().then(setTask, (e: Error) => setMessage(e.message));
  }, [projectId, flow]);

  const draftOf = (engine: ImageEngine): Draft => ({ annotation: engine.toPayload(), pendingPredictions: engine.document.predictions().map((p) => p.id) });

  const onEngine = useCallback((engine: ImageEngine | null) => {
    engineRef.current = engine;
    setEngine(engine);
    if (!engine) return;
    setCount(engine.document.objects().length);
    engine.on('change', () => { dirty.current = true; setCount(engine.document.objects().length); setStatus('unsaved changes'); });
  }, []);

  // Autosave every few seconds, and when the page is hidden or left.
  useEffect(() => {
    if (!task) return;
    const taskId = task.view.task.id;
    const save = () => {
      const engine = engineRef.current;
      if (!engine || !dirty.current) return;
      dirty.current = false;
      flow.saveDraft(taskId, draftOf(engine)).then(() => setStatus('draft saved'), () => { dirty.current = true; setStatus('not saved, retrying'); });
    };
    const timer = setInterval(save, AUTOSAVE_MS);
    const leave = () => { const engine = engineRef.current; if (engine && dirty.current) flow.saveDraftOnLeave(taskId, draftOf(engine)); };
    addEventListener('pagehide', leave);
    const hidden = () => { if (document.visibilityState === 'hidden') leave(); };
    document.addEventListener('visibilitychange', hidden);
    return () => { clearInterval(timer); removeEventListener('pagehide', leave); document.removeEventListener('visibilitychange', hidden); };
  }, [task, flow]);

  const submit = useCallback(async () => {
    const engine = engineRef.current;
    if (!engine || !task) return;
    setMessage(null);
    try {
      setStatus('submitting');
      const payload = engine.toPayload();
      const next = await flow.submit(task.view.task.id, payload);
      dirty.current = false;
      setPrevious(payload);
      setStatus('submitted');
      setTask(next);
    } catch (e) {
      const details = e instanceof ApiError && Array.isArray(e.details) ? (e.details as { path: string; message: string }[]).map((d) => `${d.path}: ${d.message}`).join('; ') : '';
      setMessage(`${e instanceof Error ? e.message : String(e)}${details ? ` (${details})` : ''}`);
      setStatus('');
    }
  }, [task, flow]);

  useEffect(() => {
    const key = (e: KeyboardEvent) => { if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') { e.preventDefault(); void submit(); } };
    addEventListener('keydown', key);
    return () => removeEventListener('keydown', key);
  }, [submit]);

  const stored = task?.view.draft as Partial<Draft> | null | undefined;
  const draft = useMemo(() => stored?.annotation ?? EMPTY, [stored]);
  const predictions = useMemo(() => {
    const all = (task?.view.predictions ?? []).flatMap((p) => p.objects as ImageObject[]);
    return stored?.pendingPredictions ? all.filter((p) => stored.pendingPredictions!.includes(p.id)) : all;
  }, [task, stored]);

  const copyPrevious = () => {
    if (!engine || !previous) return;
    try {
      engine.copyFrom(previous);
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };
  const ontology = project?.ontology as unknown as Ontology | undefined;

  if (task === null) return <p>No tasks are waiting in this project. Well done.</p>;
  if (!project || task === undefined) return message ? <p className="error">{message}</p> : <p className="muted">Loading the task…</p>;
  if (task.view.item.kind === 'pointcloud') {
    return <Suspense fallback={<p className="muted">Loading the 3D workspace…</p>}><PointCloudWorkspace key={task.view.task.id} project={project} flow={flow} task={task} onNext={setTask} /></Suspense>;
  }
  if (task.view.item.kind === 'text') {
    return <Suspense fallback={<p className="muted">Loading the text workspace…</p>}><TextWorkspace project={project} flow={flow} task={task} onNext={setTask} /></Suspense>;
  }
  return (
    <div className="workspace">
      <div className="workspace-bar">
        <strong>{project.name}</strong>
        <span className="muted">{count} objects · {status}</span>
        <span className="spacer" />
        <span className="muted">R box · P polygon · L line · O point · V select · A accept · ? help</span>
        <button onClick={copyPrevious} disabled={!engine || !previous} title={previous ? 'Copy the objects of the item you submitted last' : 'Nothing submitted yet in this session'}>Copy previous</button>
        <button onClick={() => void submit()}>Submit (Ctrl+Enter)</button>
      </div>
      {message && <p className="error" role="alert">{message}</p>}
      <div className="workspace-body">
        <CanvasView key={task.view.task.id} ontology={ontology!} image={task.image!} draft={draft} predictions={predictions} onEngine={onEngine} />
        <aside className="workspace-side">
          {engine && <ObjectList engine={engine} ontology={ontology!} />}
          {engine && <AttributesPanel engine={engine} ontology={ontology!} />}
        </aside>
      </div>
      {engine && <HelpOverlay engine={engine} />}
    </div>
  );
}
