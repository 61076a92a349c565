// The 3D workspace: four views of the frame's cloud, a cuboid tool that fits a box to a rectangle
// dragged in the top view (in the cloud worker), the selected box's numbers, pre-labels first, and
// on a sequence a timeline with tracks and interpolation between keyframes. Saving and submitting
// go through the same task flow as the image workspace.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Ontology } from '@cadre/core';
import type { ColorMode, Tool } from '@cadre/pointcloud-canvas';
import type { Project } from '../api.ts';
import type { LoadedTask, TaskFlow } from '../workspace/task-flow.ts';
import { AutoLabelButton, useCarriedRefit } from './auto-label.tsx';
import { BoxPanel } from './box-panel.tsx';
import { CameraPanel } from './camera-panel.tsx';
import { clouds, framesOf } from './clouds.ts';
import { CuboidList } from './cuboid-list.tsx';
import { HistoryButtons } from '../workspace/history-buttons.tsx';
import { camerasOf } from './projection.ts';
import { SceneSync } from './scene.ts';
import { colorsOf, cuboidsOf } from './task-boxes.ts';
import { Timeline } from './timeline.tsx';
import { useEngine, useViewRefs } from './use-engine.ts';
import { useHistory } from './use-history.ts';
import { useEngineEvents, useHotkeys, useLearnedPriors, useSaving } from './workspace-hooks.ts';
import { useCloudCheckRun } from './use-cloud-checks.ts';
import { ChecksPanel } from '../workflow/checks-panel.tsx';
import { ReviewBar } from '../workflow/review-bar.tsx';
import { decisionKeyHelp } from '../workflow/review-keys.ts';
import { ReviewSide } from '../workflow/review-side.tsx';
import { ReworkBanner } from '../workflow/rework-banner.tsx';
import { useWorkflow } from '../workflow/use-workflow.ts';
import { WholeItemNotes } from '../workflow/whole-item-notes.tsx';
import { isDeciding, openingView, reasonsOf, workModeOf } from '../workflow/work-mode.ts';
import './pointcloud.css';

interface Props { project: Project; flow: TaskFlow; task: LoadedTask; onNext: (next: LoadedTask | null) => void }

export function PointCloudWorkspace({ project, flow, task, onNext }: Props) {
  const ontology = project.ontology as unknown as Ontology;
  const view = task.view;
  const mode = workModeOf(view);
  const deciding = isDeciding(mode);
  const frames = useMemo(() => framesOf(view), [view]);
  const set = useMemo(() => cuboidsOf(openingView(view, mode), frames.length), [view, mode, frames]);
  const cameras = useMemo(() => camerasOf(view.item.metadata), [view]);
  const colorOf = useMemo(() => colorsOf(ontology), [ontology]);
  const classes = ontology.classes.filter((c) => c.kind === 'cuboid3d');
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => set.onChange(bump), [set]);

  const [frame, setFrame] = useState(0);
  const undoRedo = useHistory(set, frame, setFrame);
  const [tool, setTool] = useState<Tool>('select');
  const [colorMode, setColorMode] = useState<ColorMode>('height');
  const [selected, setSelected] = useState<string | null>(null);
  const [label, setLabel] = useState(classes[0]?.name ?? '');
  const [loaded, setLoaded] = useState(-1);
  // On a sequence, the track a box fitted on another frame joins (the last one selected).
  const [follow, setFollow] = useState<string | null>(null);
  const stage = useRef<HTMLDivElement>(null);
  const views = useViewRefs();
  const engine = useEngine(views);
  const run = useCloudCheckRun(set, frames, loaded, ontology, view.checks);
  const subscribe = useMemo(() => (fn: () => void) => set.onChange(fn), [set]);
  const payload = useCallback(() => set.toPayload(), [set]);
  const { checks, review, edited, wholeNotes, ready } = useWorkflow({ flow, view, onNext, engine, payload, subscribe, run, onHeld: (m) => setMessage(m) });
  const { status, message, setMessage, submit } = useSaving(flow, view, set, onNext, deciding, ready);
  const labelOf = (id: string) => set.get(id)?.label;
  // From the banner or the Checks panel: to the box's frame, the top view centred on it.
  const selectObject = (id: string) => { const o = set.get(id); if (o && set.sequence) setFrame(o.frame ?? 0); if (o) engine?.lookAt(o.geometry.x, o.geometry.y); setSelected(id); };
  const sync = useMemo(() => (engine ? new SceneSync(engine, set, colorOf) : null), [engine, set, colorOf]);

  // The frame's cloud (parsed in the worker, usually prefetched already), then the next one.
  useEffect(() => {
    if (!engine) return;
    let current = true;
    clouds.load(frames[frame]!).then((cloud) => {
      if (!current) return;
      engine.setCloud(cloud);
      setLoaded(frame);
      if (frames[frame + 1]) void clouds.load(frames[frame + 1]!).catch(() => undefined);
    }, (e: Error) => current && setMessage(e.message));
    return () => { current = false; };
  }, [engine, frames, frame, setMessage]);
  useEffect(() => sync?.sync(frame), [sync, frame, set.version]);
  useEffect(() => engine?.setTool(tool), [engine, tool]);
  useEffect(() => engine?.setColorMode(colorMode), [engine, colorMode]);
  useEffect(() => { if (engine && engine.selected() !== selected) engine.select(selected); }, [engine, selected, set.version]);
  // Leaving a frame drops a selection that is not on the new one.
  useEffect(() => setSelected((id) => (id && set.inFrame(frame).concat(set.pendingInFrame(frame)).some((o) => o.id === id) ? id : null)), [frame, set]);

  const box = selected ? set.get(selected) ?? null : null;
  const boxTrack = box && !set.isProposal(box.id) ? box.trackId : undefined;
  useEffect(() => { if (boxTrack) setFollow(boxTrack); }, [boxTrack]);
  const learned = useLearnedPriors(project.id, view.task.id);
  const { refitting } = useCarriedRefit(set, frames);
  const live = { frame, label, frames, classes, follow, learned };
  useEngineEvents(engine, sync, set, live, setSelected, setMessage);
  const copyToNext = box && set.sequence && !set.isProposal(box.id) && frame + 1 < frames.length
    ? () => { const copy = set.copyToNext(box.id); setFrame(frame + 1); if (copy) setSelected(copy.id); } : null;
  useHotkeys({ set, frame, frameCount: frames.length, selected, setFrame, setTool, setColorMode, setSelected, copyToNext, submit, endFollow: () => setFollow(null) });
  useEffect(() => {
    // For browser tests: where a lidar point shows in the top view, and the engine to look around with.
    (window as unknown as Record<string, unknown>).__cadrePointcloud = { engine, topToClient: (x: number, y: number) => engine && Object.values(engine.topToClient(x, y)) };
  }, [engine]);

  const points = useMemo(() => (engine && box && loaded === frame ? engine.pointsInside(box.geometry) : 0), [engine, box, loaded, frame]);
  const tracks = set.tracks();
  const track = tracks.find((t) => t.trackId === (box?.trackId ?? follow));
  const following = follow ? tracks.find((t) => t.trackId === follow) : undefined;
  return (
    <div className="workspace pc-workspace" data-testid="pointcloud-workspace" data-loaded-frame={loaded} data-mode={mode}>
      <div className="workspace-bar">
        <strong>{project.name}</strong>
        {mode !== 'annotate' && <span className="stage-badge">{mode}</span>}
        <span className="muted">{set.all().length} objects · {status}</span>
        {refitting > 0 && <span className="muted" role="status" data-testid="refitting">fitting the track on {refitting} more {refitting === 1 ? 'frame' : 'frames'}…</span>}
        <span className="spacer" />
        <HistoryButtons history={undoRedo} className="pc-tools" />
        <span className="pc-tools" role="group" aria-label="Tool">
          <button type="button" aria-pressed={tool === 'select'} onClick={() => setTool('select')} title="Select and edit (V)">Select (V)</button>
          <button type="button" aria-pressed={tool === 'cuboid'} onClick={() => setTool('cuboid')} title="Drag a rectangle in the top view (C)">Cuboid (C)</button>
        </span>
        <select value={label} onChange={(e) => setLabel(e.target.value)} aria-label="New box class" data-testid="new-class">
          {classes.map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
        </select>
        {!deciding && <AutoLabelButton itemId={view.item.id} taskId={view.task.id} set={set} onMessage={setMessage} />}
        <button type="button" onClick={() => setColorMode(colorMode === 'height' ? 'intensity' : 'height')} title="Colour points by height or intensity (I)" data-testid="color-mode">
          Colour: {colorMode}
        </button>
        {deciding
          ? <ReviewBar qa={mode === 'qa'} reasons={review.reasons.length} edited={edited} busy={review.busy} onDecide={(v) => void review.decide(v)} />
          : <button type="button" onClick={() => void submit()}>Submit (Ctrl+Enter)</button>}
      </div>
      {(message ?? review.message) && <p className="error" role="alert">{message ?? review.message}</p>}
      {mode === 'rework' && <ReworkBanner reasons={reasonsOf(view)} rejections={view.task.rejections ?? 1} labelOf={labelOf} onSelect={selectObject} />}
      <div className="pc-body">
        <div className="pc-main">
          <div className="pc-stage" ref={stage} tabIndex={0} onPointerDownCapture={() => stage.current?.focus({ preventScroll: true })}>
            {(['top', 'perspective', 'side', 'front'] as const).map((name) => (
              <div key={name} className={`pc-view pc-${name}`} ref={views[name]} data-view={name}><span className="pc-view-name">{name}</span>
                {name === 'top' && <WholeItemNotes notes={wholeNotes} />}
              </div>
            ))}
          </div>
          {set.sequence && <Timeline frame={frame} frameCount={frames.length} keyframes={track?.keyframes ?? []} onFrame={setFrame} onCopyToNext={copyToNext}
            following={following ? `${following.label} #${following.trackId.slice(-4)}` : null} onEndFollow={() => setFollow(null)} />}
        </div>
        <aside className="workspace-side pc-side">
          {deciding && <ReviewSide view={view} review={review} selected={selected} labelOf={labelOf} />}
          {box ? <BoxPanel key={box.id} set={set} box={box} ontology={ontology} pointsInside={points} onGeometry={(g) => set.setGeometry(box.id, g)} />
            : <section className="panel"><h3>Box</h3><p className="muted">Select a box, or pick the cuboid tool (C) and drag a rectangle in the top view.</p>
              <p className="muted pc-keys-help">V select · C cuboid · I colour · arrows nudge 0.01 m (Shift 0.1) · Delete · {deciding ? `A ${decisionKeyHelp(mode === 'qa')}` : 'Tab / A / Shift+A pre-labels'}{set.sequence ? ' · , . frames · N copy to next frame · Esc twice: new track' : ''} · Ctrl+Z undo · Ctrl+Shift+Z redo · Ctrl+Enter submit</p></section>}
          <CuboidList set={set} frame={frame} selected={selected} colorOf={colorOf} onSelect={setSelected} onFrame={setFrame} />
          <ChecksPanel failures={checks.failures} panelRef={checks.panel} labelOf={labelOf} onSelect={selectObject} />
          {cameras.length > 0 && <CameraPanel itemId={view.item.id} cameras={cameras} frame={frame} cuboids={set.inFrame(frame)} proposals={set.pendingInFrame(frame)} colorOf={colorOf} selected={selected} />}
        </aside>
      </div>
    </div>
  );
}
