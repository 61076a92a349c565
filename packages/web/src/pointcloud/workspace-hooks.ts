// The point-cloud page's wiring: saving (drafts every few seconds and on leaving, idempotent
// submit, exactly as the image workspace does), the engine's events, and the page's hotkeys.
import { useCallback, useEffect, useRef, useState } from 'react';
import { normalizeAngle, shortestAngleDelta, type Cuboid3dGeometry, type LabelClass } from '@cadre/core';
import type { ColorMode, PointCloudEngineApi, Tool } from '@cadre/pointcloud-canvas';
import type { SizePriors } from '@cadre/contract';
import { api, type TaskView } from '../api.ts';
import { describeError } from '../workspace/errors.ts';
import type { LoadedTask, TaskFlow } from '../workspace/task-flow.ts';
import { defaults } from './box-panel.tsx';
import { clouds, type CloudSource } from './clouds.ts';
import type { Cuboid, CuboidDocument } from '@cadre/pointcloud-canvas';
import type { SceneSync } from './scene.ts';
import { draftOf } from './task-boxes.ts';

const AUTOSAVE_MS = 3000;
const cm = (v: number) => Math.round(v * 100) / 100;

/**
 * `deciding`: a review or QA task, whose edits go with the decision (no drafts, no submit).
 * `ready`: runs the machine checks before a submit; false holds it back.
 */
export function useSaving(flow: TaskFlow, view: TaskView, set: CuboidDocument, onNext: (next: LoadedTask | null) => void, deciding: boolean, ready: () => boolean) {
  const taskId = view.task.id;
  const [status, setStatus] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const dirty = useRef(false);
  const check = useRef(ready);
  check.current = ready;
  useEffect(() => set.onChange(() => { dirty.current = true; setStatus('unsaved changes'); }), [set]);
  useEffect(() => {
    if (deciding) return;
    const save = () => {
      if (!dirty.current) return;
      dirty.current = false;
      flow.saveDraft(taskId, draftOf(set, view)).then(() => setStatus('draft saved'), () => { dirty.current = true; setStatus('not saved, retrying'); });
    };
    const timer = setInterval(save, AUTOSAVE_MS);
    const leave = () => { if (dirty.current) flow.saveDraftOnLeave(taskId, draftOf(set, view)); };
    const hidden = () => { if (document.visibilityState === 'hidden') leave(); };
    addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', hidden);
    return () => { clearInterval(timer); removeEventListener('pagehide', leave); document.removeEventListener('visibilitychange', hidden); };
  }, [flow, taskId, view, set, deciding]);
  const submit = useCallback(async () => {
    if (deciding) return;
    setMessage(null);
    if (!check.current()) return;
    try {
      setStatus('submitting');
      const next = await flow.submit(taskId, set.toPayload());
      dirty.current = false;
      setStatus('submitted');
      onNext(next);
    } catch (e) {
      setMessage(describeError(e));
      setStatus('');
    }
  }, [flow, taskId, set, onNext, deciding]);
  return { status, message, setMessage, submit };
}

export interface Live { frame: number; label: string; frames: CloudSource[]; classes: LabelClass[]; follow: string | null; learned: SizePriors['priors'] }

/**
 * The sizes the project's accepted boxes teach, per class (fetched again with each task, as accepted
 * work grows); none until they come, or when they cannot be had (the ontology's priors serve then).
 */
export function useLearnedPriors(projectId: string, taskId: string): SizePriors['priors'] {
  const [priors, setPriors] = useState<SizePriors['priors']>({});
  useEffect(() => {
    let current = true;
    api('GET /api/projects/:projectId/size-priors', { params: { projectId } }).then((r) => { if (current) setPriors(r.priors); }, () => undefined);
    return () => { current = false; };
  }, [projectId, taskId]);
  return priors;
}

export function useEngineEvents(engine: PointCloudEngineApi | null, sync: SceneSync | null, set: CuboidDocument, live: Live,
  setSelected: (id: string | null) => void, setMessage: (m: string | null) => void): void {
  const ref = useRef(live);
  ref.current = live;
  useEffect(() => {
    if (!engine || !sync) return;
    const offs = [
      engine.on('select', (id) => setSelected(id)),
      engine.on('remove', (id) => { set.remove(id); setSelected(null); }),
      // A drag's many changes are one undo step, named by what it does.
      engine.on('dragStart', (_id, edit) => set.begin(edit)),
      engine.on('dragEnd', () => set.end()),
      engine.on('change', (id, geometry: Cuboid3dGeometry) => {
        if (set.isProposal(id)) {
          const accepted = set.accept(id);
          if (accepted) { set.setGeometry(accepted.id, geometry); setSelected(accepted.id); }
          return;
        }
        set.setGeometry(id, geometry, 'move'); // a key nudge; a drag's step is named at dragStart
        sync.acknowledge(id);
      }),
      engine.on('fitRequest', (rect) => {
        const { frame, label, frames, classes, follow, learned } = ref.current;
        // On a frame where the followed track has no box yet, the new box continues that track.
        const track = follow && !set.inFrame(frame).some((o) => o.trackId === follow) ? set.all().find((o) => o.trackId === follow) : undefined;
        const cls = classes.find((c) => c.name === (track?.label ?? label));
        // A size this project's accepted boxes teach wins over the ontology's typical one.
        const taught = cls && learned[cls.name];
        const prior = taught ? { length: taught.length, width: taught.width, height: taught.height } : cls?.sizePrior;
        clouds.fit(frames[frame]!, rect, prior).then(({ points: _points, ...fit }) => {
          // Centimetres, as the panel shows them and the engine's edits keep them.
          const g = { ...fit, x: cm(fit.x), y: cm(fit.y), z: cm(fit.z), dx: cm(fit.dx), dy: cm(fit.dy), dz: cm(fit.dz) };
          // A fit knows the heading only up to 180°: a track keeps pointing the way it already does.
          const near = track && nearestKeyframe(set, track.trackId!, frame);
          if (near && Math.abs(shortestAngleDelta(near.geometry.yaw, g.yaw)) > Math.PI / 2) g.yaw = normalizeAngle(g.yaw + Math.PI);
          const attributes = track?.attributes ?? defaults(cls);
          const box = set.add({ label: track?.label ?? label, geometry: g as Cuboid3dGeometry, attributes, frame, ...(track?.trackId ? { trackId: track.trackId } : {}) });
          setSelected(box.id);
        }, (e: Error) => setMessage(`the box could not be fitted: ${e.message}`));
      }),
    ];
    return () => { for (const off of offs) off(); };
  }, [engine, sync, set, setSelected, setMessage]);
}

function nearestKeyframe(set: CuboidDocument, trackId: string, frame: number): Cuboid | undefined {
  const keys = set.all().filter((o) => o.trackId === trackId && o.keyframe !== false);
  return keys.sort((a, b) => Math.abs((a.frame ?? 0) - frame) - Math.abs((b.frame ?? 0) - frame))[0];
}

interface Keys {
  set: CuboidDocument; frame: number; frameCount: number; selected: string | null;
  setFrame: (f: number) => void; setTool: (t: Tool) => void; setColorMode: (f: (m: ColorMode) => ColorMode) => void;
  setSelected: (id: string | null) => void; copyToNext: (() => void) | null; submit: () => Promise<void>; endFollow: () => void;
}

/** V select, C cuboid, I colour, , and . frames, N copy to next frame, A accept, Tab next pre-label, Esc, Ctrl+Enter submit. */
export function useHotkeys(k: Keys): void {
  const ref = useRef(k);
  ref.current = k;
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      const { set, frame, frameCount, selected, setFrame, setTool, setColorMode, setSelected, copyToNext, submit, endFollow } = ref.current;
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') { e.preventDefault(); e.stopImmediatePropagation(); void submit(); return; }
      const target = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName))) return;
      const k = e.key.toLowerCase();
      if (k === 'v') setTool('select');
      else if (k === 'c') setTool('cuboid');
      else if (k === 'i') setColorMode((m) => (m === 'height' ? 'intensity' : 'height'));
      else if (e.key === ',' && frame > 0) setFrame(frame - 1);
      else if (e.key === '.' && frame + 1 < frameCount) setFrame(frame + 1);
      else if (k === 'n' && copyToNext) copyToNext();
      else if (e.key === 'Escape' && !selected) endFollow(); // with a box selected, the engine deselects it first
      else if (k === 'a' && e.shiftKey) set.acceptAll(set.pendingInFrame(frame).map((p) => p.id));
      else if (k === 'a' && selected && set.isProposal(selected)) setSelected(set.accept(selected)?.id ?? null);
      else if (e.key === 'Tab') {
        const pending = set.pendingInFrame(frame);
        if (pending.length === 0) return;
        e.preventDefault();
        const at = pending.findIndex((p) => p.id === selected);
        setSelected(pending[(at + 1) % pending.length]!.id);
      } else return;
    };
    addEventListener('keydown', key, true);
    return () => removeEventListener('keydown', key, true);
  }, []);
}
