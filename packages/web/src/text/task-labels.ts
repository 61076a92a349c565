// A text task's labels as the page opens it: the person's draft if there is one, else nothing
// yet, and the machine's classes and spans (the server hands them out as objects, offsets in code
// points) as proposals, those the draft had not decided on yet.
import type { TaskView } from '../api.ts';
import { TextLabels, type TextDraft, type TextLabel } from '@cadre/text-canvas';

const isText = (o: unknown): o is TextLabel => typeof o === 'object' && o !== null && ((o as TextLabel).kind === 'text_class' || (o as TextLabel).kind === 'text_span');

export function proposalsOf(view: TaskView): TextLabel[] {
  return view.predictions.flatMap((p) => p.objects.filter(isText).map((o) => {
    // A proposal's own id is what an accepted label names as its predictionId.
    const { predictionId: _p, origin: _o, score, ...rest } = o;
    const s = score ?? p.score;
    return { ...rest, attributes: o.attributes ?? {}, geometry: o.kind === 'text_span' ? o.geometry : null, ...(s === undefined || s === null ? {} : { score: s }) };
  }));
}

export function labelsOf(view: TaskView): TextLabels {
  const stored = view.draft as Partial<TextDraft> | null;
  const proposals = proposalsOf(view);
  const waiting = stored?.pendingPredictions;
  const objects = ((stored?.annotation?.objects ?? []) as unknown[]).filter(isText);
  return new TextLabels(objects, waiting ? proposals.filter((p) => waiting.includes(p.id)) : proposals);
}
