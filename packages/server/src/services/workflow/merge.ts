// Merging several people's work on one item: boxes and cuboids by IoU clustering and averaging,
// classes by majority, other kinds from the annotation that agrees best with the rest.
import { majorityVote, mergeBoxes, newId, pairwiseObjectF1, type AnnotationPayload, type LabeledObject } from '@cadre/core';

export interface Merged { payload: AnnotationPayload; agreement: number }

export function mergeWork(works: AnnotationPayload[]): Merged {
  const agreement = pairwiseObjectF1(works);
  const boxes = mergeBoxes(works);
  const classes = majorityClasses(works);
  const medoid = works.reduce((best, w) => (support(w, works) > support(best, works) ? w : best), works[0]!);
  const others = medoid.objects.filter((o) => o.kind !== 'bbox2d' && o.kind !== 'cuboid3d' && o.kind !== 'text_class');
  return { payload: { schemaVersion: 1, objects: [...boxes, ...classes, ...others] }, agreement };
}

/** The classes chosen by more than half of the annotators (at least the single most chosen one). */
function majorityClasses(works: AnnotationPayload[]): LabeledObject[] {
  const chosen = works.map((w) => [...new Set(w.objects.filter((o) => o.kind === 'text_class').map((o) => o.label))]);
  if (chosen.every((c) => c.length === 0)) return [];
  const counts = new Map<string, number>();
  for (const c of chosen) for (const label of c) counts.set(label, (counts.get(label) ?? 0) + 1);
  let labels = [...counts].filter(([, n]) => n > works.length / 2).map(([l]) => l);
  if (labels.length === 0) labels = [majorityVote(chosen.flat())!];
  return labels.map((label) => ({ id: newId(), label, kind: 'text_class', geometry: null, attributes: {} }) as LabeledObject);
}

function support(w: AnnotationPayload, all: AnnotationPayload[]): number {
  return all.reduce((s, o) => (o === w ? s : s + pairwiseObjectF1([w, o])), 0);
}
