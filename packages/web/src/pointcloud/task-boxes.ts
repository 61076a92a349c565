// What a point-cloud task opens with: the saved draft if there is one (with the pre-labels still
// waiting), else the machine's pre-labels alone. Also the class colours the views and lists share.
import type { AnnotationPayload, Cuboid3dGeometry, Ontology } from '@cadre/core';
import { frameTimes } from '@cadre/pointcloud';
import { CuboidDocument, type Cuboid } from '@cadre/pointcloud-canvas';
import type { TaskView } from '../api.ts';

/**
 * The image workspace's draft, and two things a 3D task adds: the predictions the draft has seen
 * (an auto-label job's that arrived later wait as new ones), and waiting proposals a person's
 * correction moved (carried along a track and fitted again), so a reload keeps them where they went.
 */
export interface Draft {
  annotation: AnnotationPayload;
  pendingPredictions: string[];
  seenPredictions?: string[];
  movedProposals?: Record<string, Cuboid3dGeometry>;
}

export function cuboidsOf(view: TaskView, frameCount: number): CuboidDocument {
  const draft = view.draft as Partial<Draft> | null;
  const seen = draft?.seenPredictions ? new Set(draft.seenPredictions) : null;
  const waiting = draft?.pendingPredictions ? new Set(draft.pendingPredictions) : null;
  const moved = draft?.movedProposals ?? {};
  const pending = view.predictions.flatMap((p) => {
    const boxes = (p.objects as Cuboid[]).filter((o) => o.kind === 'cuboid3d');
    const isNew = seen !== null && !seen.has(p.id);
    return waiting && !isNew ? boxes.filter((o) => waiting.has(o.id)) : boxes;
  }).map((o) => (moved[o.id] ? { ...o, geometry: moved[o.id]! } : o));
  const objects = (draft?.annotation?.objects ?? []).filter((o): o is Cuboid => o.kind === 'cuboid3d');
  return new CuboidDocument(frameCount, objects, pending, frameTimes(view.item.metadata as Record<string, unknown> | null, frameCount));
}

export function draftOf(cuboids: CuboidDocument, view: Pick<TaskView, 'predictions'>): Draft {
  const moved = Object.fromEntries(cuboids.pending().filter((p) => cuboids.wasMoved(p.id)).map((p) => [p.id, p.geometry]));
  return {
    annotation: cuboids.toPayload(), pendingPredictions: cuboids.pending().map((p) => p.id),
    seenPredictions: [...new Set([...view.predictions.map((p) => p.id), ...cuboids.arrived])],
    ...(Object.keys(moved).length > 0 ? { movedProposals: moved } : {}),
  };
}

const PALETTE = ['#e6194b', '#3cb44b', '#ffe119', '#4363d8', '#f58231', '#911eb4', '#46f0f0', '#f032e6', '#bcf60c', '#fabebe'];

export function colorsOf(ontology: Ontology): (label: string) => string {
  const map = new Map<string, string>();
  ontology.classes.forEach((c, i) => map.set(c.name, c.color ?? PALETTE[i % PALETTE.length]!));
  return (label) => map.get(label) ?? '#cccccc';
}
