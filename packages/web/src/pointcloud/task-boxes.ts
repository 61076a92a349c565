// What a point-cloud task opens with: the saved draft if there is one (with the pre-labels still
// waiting), else the machine's pre-labels alone. Also the class colours the views and lists share.
import type { AnnotationPayload, Ontology } from '@cadre/core';
import { frameTimes } from '@cadre/pointcloud';
import { CuboidDocument, type Cuboid } from '@cadre/pointcloud-canvas';
import type { TaskView } from '../api.ts';

/** Same shape as the image workspace's draft. */
export interface Draft { annotation: AnnotationPayload; pendingPredictions: string[] }

export function cuboidsOf(view: TaskView, frameCount: number): CuboidDocument {
  const draft = view.draft as Partial<Draft> | null;
  const machine = view.predictions.flatMap((p) => p.objects as Cuboid[]).filter((o) => o.kind === 'cuboid3d');
  const pending = draft?.pendingPredictions ? machine.filter((p) => draft.pendingPredictions!.includes(p.id)) : machine;
  const objects = (draft?.annotation?.objects ?? []).filter((o): o is Cuboid => o.kind === 'cuboid3d');
  return new CuboidDocument(frameCount, objects, pending, frameTimes(view.item.metadata as Record<string, unknown> | null, frameCount));
}

export function draftOf(cuboids: CuboidDocument): Draft {
  return { annotation: cuboids.toPayload(), pendingPredictions: cuboids.pending().map((p) => p.id) };
}

const PALETTE = ['#e6194b', '#3cb44b', '#ffe119', '#4363d8', '#f58231', '#911eb4', '#46f0f0', '#f032e6', '#bcf60c', '#fabebe'];

export function colorsOf(ontology: Ontology): (label: string) => string {
  const map = new Map<string, string>();
  ontology.classes.forEach((c, i) => map.set(c.name, c.color ?? PALETTE[i % PALETTE.length]!));
  return (label) => map.get(label) ?? '#cccccc';
}
