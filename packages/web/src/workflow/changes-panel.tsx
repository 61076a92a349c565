// What the work under review changed against the machine's pre-labels: how many objects were
// drawn by hand, accepted as proposed or edited (by core's rule, the one pay and the server use),
// and which proposals were deleted.
import { useMemo } from 'react';
import { readPayload, withOrigins, type AnnotationPayload, type LabeledObject } from '@cadre/core';
import type { BaseAnnotation, TaskView } from '../api.ts';
import './workflow.css';

interface Proposed { id: string; label: string; kind: string; score?: number }

export function deletedPredictions(view: TaskView, payload: AnnotationPayload): Proposed[] {
  const kept = new Set(payload.objects.map((o) => o.predictionId).filter(Boolean));
  return view.predictions.flatMap((p) => p.objects as Proposed[]).filter((p) => !kept.has(p.id));
}

export function ChangesPanel({ view, base }: { view: TaskView; base: BaseAnnotation }) {
  const payload = useMemo(() => readPayload(base.payload), [base.payload]);
  const counts = useMemo(() => {
    const proposals = new Map(view.predictions.flatMap((p) => p.objects as LabeledObject[]).map((o) => [o.id, o]));
    const c = { human: 0, prediction_accepted: 0, prediction_edited: 0 };
    for (const o of withOrigins(payload, proposals).objects) c[o.origin ?? 'human']++;
    return c;
  }, [view, payload]);
  const deleted = useMemo(() => deletedPredictions(view, payload), [view, payload]);
  return (
    <section className="panel changes" aria-label="Changes" data-testid="changes">
      <h3>Work of {base.authorName ?? 'the annotator'} <span className="muted">v{base.version}</span></h3>
      <p className="changes-counts">
        <span className="ol-badge">{counts.human} by hand</span>{' '}
        <span className="ol-badge origin-prediction_accepted">{counts.prediction_accepted} accepted</span>{' '}
        <span className="ol-badge origin-prediction_edited">{counts.prediction_edited} edited</span>{' '}
        <span className="ol-badge deleted">{deleted.length} pre-labels deleted</span>
      </p>
      {deleted.length > 0 && (
        <ul className="changes-deleted" data-testid="deleted-predictions">
          {deleted.map((p) => <li key={p.id} data-id={p.id}>{p.label} <span className="muted">{p.kind}{p.score === undefined ? '' : ` · ${p.score.toFixed(2)}`}</span></li>)}
        </ul>
      )}
    </section>
  );
}
