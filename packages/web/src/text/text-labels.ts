// The labels of one text task, framework-free: document classes and entity spans people made, and
// the machine proposals still waiting for a decision. The engine only draws the spans this holds;
// the panels read it; the page saves `toPayload()` and drafts `draft()`.
import { newId, spansOverlap, type AnnotationPayload, type ObjectOrigin } from '@cadre/core';
import { LabelStore } from '../workspace/label-store.ts';

export interface Range { start: number; end: number }

export interface TextLabel {
  id: string;
  label: string;
  kind: 'text_class' | 'text_span';
  /** null for a document class; code points [start, end) for a span. */
  geometry: Range | null;
  attributes: Record<string, unknown>;
  origin?: ObjectOrigin;
  predictionId?: string;
  score?: number;
}

/** A draft keeps the annotation and which predictions were still waiting, as the image workspace's does. */
export interface TextDraft { annotation: AnnotationPayload; pendingPredictions: string[] }

export class TextLabels extends LabelStore<TextLabel> {
  classes(): TextLabel[] { return this.all().filter((o) => o.kind === 'text_class'); }
  spans(): TextLabel[] { return this.all().filter((o) => o.kind === 'text_span'); }
  pendingClasses(): TextLabel[] { return this.pending().filter((o) => o.kind === 'text_class'); }
  pendingSpans(): TextLabel[] { return this.pending().filter((o) => o.kind === 'text_span'); }

  /** Would a span over `range` share a character with one of the spans people kept? */
  overlaps(range: Range, ignoreId?: string): boolean {
    return this.spans().some((o) => o.id !== ignoreId && spansOverlap(o.geometry!, range));
  }

  /**
   * A class hotkey on the document. Single-label: the class replaces any other (again: removes it),
   * and the decision settles the machine's class proposals. Multi-label (the project's
   * `multiLabel`): the class is toggled. A class the machine proposed is stored as its accepted
   * prediction; in single-label, a different class over a proposal is that prediction edited.
   */
  chooseClass(label: string, multi: boolean, attributes: Record<string, unknown> = {}): void {
    const existing = this.classes().find((o) => o.label === label);
    if (existing) { this.objects.delete(existing.id); return this.changed(); }
    const proposals = this.pendingClasses();
    const same = proposals.find((p) => p.label === label);
    if (!multi) {
      for (const o of this.classes()) this.objects.delete(o.id);
      for (const p of proposals) this.proposals.delete(p.id);
    } else if (same) this.proposals.delete(same.id);
    const from = same ?? (multi ? undefined : proposals[0]);
    const o: TextLabel = { id: newId(), label, kind: 'text_class', geometry: null, attributes, origin: 'human' };
    if (from) Object.assign(o, { origin: from === same ? 'prediction_accepted' : 'prediction_edited', predictionId: from.id, ...(from.score === undefined ? {} : { score: from.score }) });
    this.objects.set(o.id, o);
    this.changed();
  }

  addSpan(label: string, range: Range, attributes: Record<string, unknown> = {}): TextLabel {
    const o: TextLabel = { id: newId(), label, kind: 'text_span', geometry: { start: range.start, end: range.end }, attributes, origin: 'human' };
    this.objects.set(o.id, o);
    this.changed();
    return o;
  }

  /** Turns a proposal into a label that remembers which prediction it came from. */
  accept(id: string): TextLabel | undefined {
    const o = this.take(id);
    if (o) this.changed();
    return o;
  }

  /**
   * One change for all of them: 2,000 spans redraw once, not 2,000 times. Without `allowOverlap`,
   * those that would overlap a kept span stay waiting; returns how many did.
   */
  acceptAllSpans(allowOverlap = true): number {
    let left = 0;
    let taken = 0;
    for (const p of this.pendingSpans().sort((a, b) => a.geometry!.start - b.geometry!.start)) {
      if (!allowOverlap && this.overlaps(p.geometry!)) { left++; continue; }
      this.take(p.id);
      taken++;
    }
    if (taken > 0) this.changed();
    return left;
  }

  private take(id: string): TextLabel | undefined {
    const p = this.proposals.get(id);
    if (!p) return undefined;
    this.proposals.delete(id);
    const o: TextLabel = { ...p, id: newId(), origin: 'prediction_accepted', predictionId: p.id };
    this.objects.set(o.id, o);
    return o;
  }

  /** A new class on a label (a proposal is accepted first): a machine label changed by a person is edited. */
  relabel(id: string, label: string, attributes: Record<string, unknown>): TextLabel | undefined {
    const o = this.objects.get(id) ?? this.accept(id);
    if (!o || o.label === label) return o;
    return this.update(o, { label, attributes });
  }

  /** The selected span given a new range (and class) by the keyboard: a machine span so changed is edited. */
  adjust(id: string, range: Range, label: string, attributes: Record<string, unknown>): TextLabel | undefined {
    const o = this.objects.get(id) ?? this.accept(id);
    if (!o || o.kind !== 'text_span') return o;
    if (o.geometry!.start === range.start && o.geometry!.end === range.end && o.label === label) return o;
    return this.update(o, { geometry: { start: range.start, end: range.end }, label, attributes: o.label === label ? o.attributes : attributes });
  }

  setAttributes(id: string, attributes: Record<string, unknown>): void {
    const o = this.objects.get(id);
    if (o) this.update(o, { attributes });
  }

  private update(o: TextLabel, change: Partial<TextLabel>): TextLabel {
    const origin = o.origin === 'prediction_accepted' ? 'prediction_edited' : o.origin;
    const next: TextLabel = { ...o, ...change, ...(origin ? { origin } : {}) };
    this.objects.set(o.id, next);
    this.changed();
    return next;
  }

  remove(id: string): void {
    if (this.proposals.delete(id) || this.objects.delete(id)) this.changed();
  }

  toPayload(): AnnotationPayload {
    return { schemaVersion: 1, objects: this.all().map((o) => ({ ...o, geometry: o.geometry ? { ...o.geometry } : null })) as AnnotationPayload['objects'] };
  }

  draft(): TextDraft {
    return { annotation: this.toPayload(), pendingPredictions: this.pending().map((p) => p.id) };
  }
}
