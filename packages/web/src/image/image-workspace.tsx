// The image workspace for one task: the canvas with its object list and attributes, drafts saved
// every few seconds, machine checks before submit; under review the work under review with the
// decision bar and reasons, in rework the reasons it came back with.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ImageEngine, ImageObject } from '@cadre/image-canvas';
import type { AnnotationPayload, Ontology } from '@cadre/core';
import type { Project } from '../api.ts';
import { CanvasView } from './canvas-view.tsx';
import type { LoadedTask, TaskFlow } from '../workspace/task-flow.ts';
import { ObjectList } from './object-list.tsx';
import { AttributesPanel } from './attributes-panel.tsx';
import { HelpOverlay } from './help-overlay.tsx';
import { describeError } from '../workspace/errors.ts';
import { runChecks } from '../workflow/checks.ts';
import { ChecksPanel } from '../workflow/checks-panel.tsx';
import { ReviewSide } from '../workflow/review-side.tsx';
import { ReworkBanner } from '../workflow/rework-banner.tsx';
import { WholeItemNotes } from '../workflow/whole-item-notes.tsx';
import { ReviewBar } from '../workflow/review-bar.tsx';
import { useWorkflow } from '../workflow/use-workflow.ts';
import { isDeciding, openingView, reasonsOf, workModeOf } from '../workflow/work-mode.ts';

const AUTOSAVE_MS = 3000;
const EMPTY: AnnotationPayload = { schemaVersion: 1, objects: [] };

/** A draft keeps the annotation and which predictions were still waiting for a decision. */
interface Draft { annotation: AnnotationPayload; pendingPredictions: string[] }

interface Props {
  project: Project; flow: TaskFlow; task: LoadedTask; onNext: (next: LoadedTask | null) => void;
  /** What this person submitted last, for "Copy previous". */
  previous: PreviousWork | null; onSubmitted: (work: PreviousWork) => void;
}

/** A submitted item's objects and the size of the image they were drawn on. */
export interface PreviousWork { payload: AnnotationPayload; imageWidth: number; imageHeight: number }

/** What a copy did, when it did not simply add everything. */
function copyMessage(r: { added: unknown[]; dropped: number; alreadyThere: number }): string | null {
  const parts: string[] = [];
  if (r.dropped > 0) parts.push(`${r.dropped} ${r.dropped === 1 ? 'object lies' : 'objects lie'} outside this image and ${r.dropped === 1 ? 'was' : 'were'} not copied`);
  if (r.alreadyThere > 0) parts.push(`${r.alreadyThere} already copied`);
  if (parts.length === 0) return null;
  return `Copied ${r.added.length}; ${parts.join('; ')}.`;
}

const draftOf = (engine: ImageEngine): Draft => ({ annotation: engine.toPayload(), pendingPredictions: engine.document.predictions().map((p) => p.id) });

export function ImageWorkspace({ project, flow, task, onNext, previous, onSubmitted }: Props) {
  const view = task.view;
  const taskId = view.task.id;
  const mode = workModeOf(view);
  const deciding = isDeciding(mode);
  const opened = useMemo(() => openingView(view, mode), [view, mode]);
  const ontology = project.ontology as unknown as Ontology;
  const [message, setMessage] = useState<string | null>(null);
  const [copyNote, setCopyNote] = useState<string | null>(null);
  // The previous item's submission is what the bar says until this one changes.
  const [status, setStatus] = useState(previous ? 'submitted' : '');
  const [count, setCount] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const engineRef = useRef<ImageEngine | null>(null);
  const [engine, setEngine] = useState<ImageEngine | null>(null);
  const dirty = useRef(false);

  const onEngine = useCallback((engine: ImageEngine | null) => {
    engineRef.current = engine;
    setEngine(engine);
    if (!engine) return;
    setCount(engine.document.objects().length);
    engine.on('change', () => { dirty.current = true; setCount(engine.document.objects().length); setStatus('unsaved changes'); });
    engine.on('selection', (ids) => setSelected(ids.size === 1 ? [...ids][0]! : null));
  }, []);

  // Autosave every few seconds, and when the page is hidden or left; a reviewer's edits go with the decision.
  useEffect(() => {
    if (deciding) return;
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
  }, [taskId, flow, deciding]);

  const image = task.image!;
  const run = useMemo(() => engine ? () => runChecks(engine.toPayload(), { ontology, imageWidth: image.naturalWidth, imageHeight: image.naturalHeight }, view.checks) : null, [engine, ontology, image, view.checks]);
  const subscribe = useMemo(() => engine ? (fn: () => void) => engine.on('change', fn) : null, [engine]);
  const payload = useCallback(() => engineRef.current?.toPayload() ?? EMPTY, []);
  const { checks, review, edited, wholeNotes, ready } = useWorkflow({ flow, view, onNext, engine, payload, subscribe, run, onHeld: setMessage });
  const labelOf = useCallback((id: string) => engineRef.current?.document.get(id)?.label, []);
  const select = useCallback((id: string) => engineRef.current?.document.select([id]), []);

  const submit = useCallback(async () => {
    const engine = engineRef.current;
    if (!engine || deciding) return;
    setMessage(null);
    if (!ready()) return;
    try {
      setStatus('submitting');
      const payload = engine.toPayload();
      const next = await flow.submit(taskId, payload);
      dirty.current = false;
      onSubmitted({ payload, imageWidth: image.naturalWidth, imageHeight: image.naturalHeight });
      setStatus('submitted');
      onNext(next);
    } catch (e) {
      setMessage(describeError(e));
      setStatus('');
    }
  }, [taskId, flow, deciding, ready, onSubmitted, onNext, image]);

  useEffect(() => {
    const key = (e: KeyboardEvent) => { if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') { e.preventDefault(); void submit(); } };
    addEventListener('keydown', key);
    return () => removeEventListener('keydown', key);
  }, [submit]);

  const stored = opened.draft as Partial<Draft> | null | undefined;
  const draft = useMemo(() => stored?.annotation ?? EMPTY, [stored]);
  const predictions = useMemo(() => {
    const all = (opened.predictions ?? []).flatMap((p) => p.objects as ImageObject[]);
    return stored?.pendingPredictions ? all.filter((p) => stored.pendingPredictions!.includes(p.id)) : all;
  }, [opened, stored]);

  const copyPrevious = () => {
    if (!engine || !previous) return;
    try {
      const r = engine.copyFrom(previous.payload, { width: previous.imageWidth, height: previous.imageHeight });
      setCopyNote(copyMessage(r));
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };
  const error = message ?? review.message;

  return (
    <div className="workspace" data-mode={mode}>
      <div className="workspace-bar">
        <strong>{project.name}</strong>
        {mode !== 'annotate' && <span className="stage-badge">{mode}</span>}
        <span className="muted">{count} objects · {status}</span>
        <span className="spacer" />
        <span className="muted">R box · P polygon · L line · O point · V select · A {deciding ? (mode === 'qa' ? 'correct' : 'accept the work with your edits') : 'accept'} · ? help</span>
        {deciding
          ? <ReviewBar qa={mode === 'qa'} reasons={review.reasons.length} edited={edited} busy={review.busy} onDecide={(v) => void review.decide(v)} />
          : <>
            <button onClick={copyPrevious} disabled={!engine || !previous} title={previous ? 'Copy the objects of the item you submitted last' : 'Nothing submitted yet in this session'}>Copy previous</button>
            <button onClick={() => void submit()}>Submit (Ctrl+Enter)</button>
          </>}
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {copyNote && <p className="muted copy-note" role="status">{copyNote}</p>}
      {mode === 'rework' && <ReworkBanner reasons={reasonsOf(view)} rejections={view.task.rejections ?? 1} labelOf={labelOf} onSelect={select} />}
      <div className="workspace-body">
        <CanvasView key={taskId} ontology={ontology} image={image} draft={draft} predictions={predictions} onEngine={onEngine}>
          <WholeItemNotes notes={wholeNotes} />
        </CanvasView>
        <aside className="workspace-side">
          {deciding && <ReviewSide view={view} review={review} selected={selected} labelOf={labelOf} />}
          {engine && <ObjectList engine={engine} ontology={ontology} />}
          {engine && <AttributesPanel engine={engine} ontology={ontology} />}
          <ChecksPanel failures={checks.failures} panelRef={checks.panel} labelOf={labelOf} onSelect={select} />
        </aside>
      </div>
      {engine && <HelpOverlay engine={engine} deciding={deciding ? mode as 'review' | 'qa' : undefined} />}
    </div>
  );
}
