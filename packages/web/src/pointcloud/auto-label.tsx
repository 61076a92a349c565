// Auto-label from the 3D workspace: the button starts the LiDAR auto-labeller on this item as a
// machine job (every frame of a sequence, with tracks), shows its progress by frame, and puts its
// proposals beside the others when it is done. And the other half of verifying a machine's sequence:
// a person's correction of one box, carried by the document to the same track's waiting proposals on
// later frames, is fitted again here on each of those frames' clouds, with the corrected size.
import { useEffect, useState } from 'react';
import { cuboidCorners2d, normalizeAngle, shortestAngleDelta, type Cuboid3dGeometry } from '@cadre/core';
import type { MachineJob } from '@cadre/contract';
import type { Quad } from '@cadre/pointcloud';
import type { Cuboid, CuboidDocument } from '@cadre/pointcloud-canvas';
import { api } from '../api.ts';
import { jobEnded, useJob } from '../machine/use-job.ts';
import { describeError } from '../workspace/errors.ts';
import { clouds, type CloudSource } from './clouds.ts';

const cm = (v: number) => Math.round(v * 100) / 100;

/** Starts the job, follows it, and adds its proposals to the document once it is done. */
export function AutoLabelButton({ itemId, taskId, set, onMessage }: { itemId: string; taskId: string; set: CuboidDocument; onMessage: (m: string | null) => void }) {
  const [started, setStarted] = useState<MachineJob | null>(null);
  const [busy, setBusy] = useState(false);
  const { job } = useJob(started);
  const running = job !== null && !jobEnded(job);

  useEffect(() => {
    if (!job || !jobEnded(job) || !started) return;
    if (job.state !== 'done') { onMessage(`auto-label ${job.state}${job.error ? `: ${job.error}` : ''}`); return; }
    if (job.failed > 0) { onMessage(`auto-label could not label this item: ${job.failures[0]?.error ?? 'see the job'}`); return; }
    let current = true;
    // The proposals are the model's prediction of this item, as the task view gives predictions.
    api('GET /api/tasks/:taskId', { params: { taskId } }).then((view) => {
      if (!current) return;
      const mine = view.predictions.filter((p) => p.modelVersion === job.modelLabel);
      const boxes = mine.flatMap((p) => p.objects as Cuboid[]).filter((o) => o.kind === 'cuboid3d');
      set.addProposals(boxes, mine.map((p) => p.id));
      onMessage(boxes.length === 0 ? 'auto-label found nothing to propose here' : null);
    }, (e: unknown) => current && onMessage(`the proposals could not be read: ${describeError(e)}`));
    return () => { current = false; };
  }, [job, started, set, taskId, onMessage]);

  async function start() {
    setBusy(true);
    onMessage(null);
    try {
      setStarted(await api('POST /api/items/:itemId/autolabel', { params: { itemId }, body: {} }));
    } catch (e) {
      onMessage(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  const what = set.sequence ? 'sequence' : 'frame';
  return (
    <span className="pc-autolabel" data-testid="autolabel">
      <button type="button" disabled={busy || running} onClick={() => void start()} title={`Let the machine propose boxes on every ${set.sequence ? 'frame, linked into tracks' : 'object it finds'}`}>
        Auto-label {what}
      </button>
      {running && job && (
        <span className="pc-autolabel-progress" role="status">
          <progress max={Math.max(job.total, 1)} value={job.done} aria-label="auto-label progress" />
          {job.state === 'queued' ? ' waiting for a worker' : ` ${job.done}/${job.total} ${job.total === 1 ? 'frame' : 'frames'}`}
        </span>
      )}
    </span>
  );
}

/** The footprint of a box as the quad a fit starts from. */
const footprint = (g: Cuboid3dGeometry) => cuboidCorners2d(g) as unknown as Quad;

/** Farther than this from where the correction put it, a re-fit has found another object: the carried box stays. */
const REFIT_REACH = 1.5;

type Fit = { x: number; y: number; z: number; dx: number; dy: number; dz: number; yaw: number; points: number };
const prior = (g: Cuboid3dGeometry) => ({ length: g.dx, width: g.dy, height: g.dz });
/** The fit's heading turned to point within 90° of `like` (a fit knows it only up to 180°). */
const alike = (fit: Fit, like: number) => (Math.abs(shortestAngleDelta(like, fit.yaw)) > Math.PI / 2 ? normalizeAngle(fit.yaw + Math.PI) : fit.yaw);

/**
 * Fits the proposals a correction was carried to again, each on its own frame's cloud, and keeps the
 * person's correction: the fitter is first run on the corrected box's own frame, and what the person
 * changed from that fit (an offset along and across the box, a turn) is added to each frame's fit.
 * The size is the corrected one (one size for a rigid object). A burst of nudges is fitted once,
 * after it; a frame the fit cannot place near where the box was carried keeps the carried box.
 */
export function useCarriedRefit(set: CuboidDocument, frames: readonly CloudSource[]): { refitting: number } {
  const [refitting, setRefitting] = useState(0);
  useEffect(() => {
    let due: { proposals: Set<string>; corrected: Cuboid } | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refit = async () => {
      if (!due) return;
      const { proposals, corrected } = due;
      due = null;
      try {
        await refitAll(proposals, corrected);
      } finally {
        if (!due) setRefitting(0);
      }
    };
    const refitAll = async (proposals: Set<string>, corrected: Cuboid) => {
      const c = corrected.geometry;
      const own = frames[corrected.frame ?? 0];
      if (!own) return;
      // What the person changed from where the fitter would put this box, in the box's own axes.
      const base = await clouds.fit(own, footprint(c), prior(c)).catch(() => null);
      const baseYaw = base ? alike(base, c.yaw) : c.yaw;
      const usable = base !== null && base.points >= 3 && Math.hypot(base.x - c.x, base.y - c.y) <= REFIT_REACH;
      const dxw = usable ? c.x - base.x : 0, dyw = usable ? c.y - base.y : 0;
      const along = dxw * Math.cos(baseYaw) + dyw * Math.sin(baseYaw);
      const across = -dxw * Math.sin(baseYaw) + dyw * Math.cos(baseYaw);
      const turn = usable ? shortestAngleDelta(baseYaw, c.yaw) : 0;
      for (const id of proposals) {
        const p = set.get(id);
        const src = p && set.isProposal(id) ? frames[p.frame ?? 0] : undefined;
        if (!p || !src) continue;
        const carried = p.geometry;
        const fit = await clouds.fit(src, footprint(carried), prior(c)).catch(() => null);
        const now = set.get(id);
        if (!fit || !now || !set.isProposal(id) || now.geometry !== carried) continue; // moved again meanwhile
        if (!usable || fit.points < 3) continue;
        const yaw = normalizeAngle(alike(fit, carried.yaw - turn) + turn);
        const fitYaw = yaw - turn;
        const x = fit.x + along * Math.cos(fitYaw) - across * Math.sin(fitYaw);
        const y = fit.y + along * Math.sin(fitYaw) + across * Math.cos(fitYaw);
        if (Math.hypot(x - carried.x, y - carried.y) > REFIT_REACH) continue;
        const bottom = fit.z - fit.dz / 2 + (c.z - c.dz / 2) - (base!.z - base!.dz / 2);
        set.refitProposal(id, { ...carried, x: cm(x), y: cm(y), z: cm(bottom + c.dz / 2), yaw } as Cuboid3dGeometry);
      }
    };
    const off = set.onCarried((proposals, corrected) => {
      const ids = due && due.corrected.id === corrected.id ? due.proposals : new Set<string>();
      for (const p of proposals) ids.add(p.id);
      due = { proposals: ids, corrected };
      setRefitting(ids.size);
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void refit(), 400);
    });
    return () => { off(); if (timer) clearTimeout(timer); };
  }, [set, frames]);
  return { refitting };
}
