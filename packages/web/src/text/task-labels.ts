// A text task's labels as the page opens it: the person's draft if there is one, else nothing
// yet, and the machine's classes and spans as proposals (those the draft had not decided yet).
import type { TaskView } from '../api.ts';
import { TextLabels, type TextDraft, type TextLabel } from './text-labels.ts';

type Raw = Record<string, unknown>;
const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (o: unknown): o is TextLabel => isRecord(o) && (o.kind === 'text_class' || o.kind === 'text_span');

/** UTF-16 offsets (what Label Studio's `labels` results count) to code points. */
function toCodePoints(text: string, utf16: number): number {
  return Array.from(text.slice(0, utf16)).length;
}

/**
 * Label Studio `choices` and `labels` results as proposals, for a server that does not hand them
 * out as objects yet. Ids follow the server's `predictionId:resultId` shape.
 */
function fromResults(p: TaskView['predictions'][number], text: string): TextLabel[] {
  const payload = p.payload as { result?: unknown } | null;
  if (!isRecord(payload) || !Array.isArray(payload.result)) return [];
  const out: TextLabel[] = [];
  payload.result.forEach((r: unknown, i) => {
    if (!isRecord(r) || !isRecord(r.value)) return;
    const id = `${p.id}:${typeof r.id === 'string' ? r.id : i}`;
    const score = typeof r.score === 'number' ? r.score : p.score ?? undefined;
    const base = { attributes: {}, ...(score === undefined || score === null ? {} : { score }) };
    const v = r.value;
    if (r.type === 'choices' && Array.isArray(v.choices)) {
      const choices: unknown[] = v.choices;
      choices.forEach((c, j) => { if (typeof c === 'string') out.push({ ...base, id: choices.length > 1 ? `${id}.${j}` : id, label: c, kind: 'text_class', geometry: null }); });
    } else if (r.type === 'labels' && Array.isArray(v.labels) && typeof v.labels[0] === 'string' && typeof v.start === 'number' && typeof v.end === 'number') {
      out.push({ ...base, id, label: v.labels[0], kind: 'text_span', geometry: { start: toCodePoints(text, v.start), end: toCodePoints(text, v.end) } });
    }
  });
  return out;
}

export function proposalsOf(view: TaskView): TextLabel[] {
  const text = view.item.text ?? '';
  return view.predictions.flatMap((p) => {
    const objects = p.objects.filter(isText);
    const list = objects.length > 0 ? objects : fromResults(p, text);
    return list.map((o) => {
      const score = o.score ?? p.score ?? undefined;
      const { predictionId: _p, origin: _o, ...rest } = o;
      return { ...rest, attributes: o.attributes ?? {}, geometry: o.kind === 'text_span' ? o.geometry : null, ...(score === undefined || score === null ? {} : { score }) };
    });
  });
}

export function labelsOf(view: TaskView): TextLabels {
  const stored = view.draft as Partial<TextDraft> | null;
  const proposals = proposalsOf(view);
  const waiting = stored?.pendingPredictions;
  const objects = ((stored?.annotation?.objects ?? []) as unknown[]).filter(isText);
  return new TextLabels(objects, waiting ? proposals.filter((p) => waiting.includes(p.id)) : proposals);
}
