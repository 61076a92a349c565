/**
 * The labels of one text task as a document with history: document classes and entity spans people
 * made (layer 'objects') and the machine proposals still waiting for a decision ('predictions').
 * Every edit is one command, so one undo step: a span made, resized, relabelled or deleted, a class
 * chosen (which may replace another and settle the machine's proposals at once), an attribute set,
 * a proposal accepted or deleted. The engine draws the spans this holds; the host's panels read it
 * and save `toPayload()`, drafting `draft()`.
 */
import { newId, spansOverlap, type AnnotationPayload, type ObjectOrigin } from '@cadre/core';
import { Document, handleHistoryKey, History, type HistoryKeyInput, type Write } from '@cadre/document';
import type { Range } from './snap.ts';

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

export class TextLabels {
  readonly document = new Document<TextLabel>();
  readonly history: History<TextLabel>;
  /** Bumped on every change (undo and redo too): a React host reads it to know when to look again. */
  version = 0;

  /** Opens a task: its labels and proposals, with nothing to undo. */
  constructor(objects: readonly TextLabel[] = [], proposals: readonly TextLabel[] = []) {
    this.document.events.on('change', () => this.version++);
    this.document.load({ objects, predictions: proposals });
    this.history = new History(this.document);
  }

  /** Calls `fn` after every change; returns the unsubscribe function. */
  onChange(fn: () => void): () => void {
    return this.document.events.on('change', () => fn());
  }

  get(id: string): TextLabel | undefined { return this.document.get(id) ?? this.document.get(id, 'predictions'); }
  isProposal(id: string): boolean { return this.document.has(id, 'predictions'); }
  all(): TextLabel[] { return this.document.all('objects'); }
  pending(): TextLabel[] { return this.document.all('predictions'); }
  classes(): TextLabel[] { return this.all().filter((o) => o.kind === 'text_class'); }
  spans(): TextLabel[] { return this.all().filter((o) => o.kind === 'text_span'); }
  pendingClasses(): TextLabel[] { return this.pending().filter((o) => o.kind === 'text_class'); }
  pendingSpans(): TextLabel[] { return this.pending().filter((o) => o.kind === 'text_span'); }

  undo(): boolean { return this.history.undo(); }
  redo(): boolean { return this.history.redo(); }
  /** Ctrl+Z / Cmd+Z undo, Ctrl+Shift+Z / Ctrl+Y redo (not while typing in a field); true when it was one of them. */
  key(e: HistoryKeyInput): boolean { return handleHistoryKey(e, this.history); }

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
    if (existing) return this.document.remove(existing.id, 'remove class');
    const proposals = this.pendingClasses();
    const same = proposals.find((p) => p.label === label);
    const writes: Write<TextLabel>[] = [];
    if (!multi) {
      for (const o of this.classes()) writes.push(gone('objects', o.id));
      for (const p of proposals) writes.push(gone('predictions', p.id));
    } else if (same) writes.push(gone('predictions', same.id));
    const from = same ?? (multi ? undefined : proposals[0]);
    const o: TextLabel = { id: newId(), label, kind: 'text_class', geometry: null, attributes, origin: 'human' };
    if (from) Object.assign(o, { origin: from === same ? 'prediction_accepted' : 'prediction_edited', predictionId: from.id, ...(from.score === undefined ? {} : { score: from.score }) });
    writes.push(this.placed(o));
    this.document.apply('choose class', writes);
  }

  addSpan(label: string, range: Range, attributes: Record<string, unknown> = {}): TextLabel {
    const o: TextLabel = { id: newId(), label, kind: 'text_span', geometry: { start: range.start, end: range.end }, attributes, origin: 'human' };
    return this.document.add(o, 'create span');
  }

  /** Turns a proposal into a label that remembers which prediction it came from. */
  accept(id: string): TextLabel | undefined {
    const p = this.document.get(id, 'predictions');
    if (!p) return undefined;
    const o = taken(p);
    this.document.apply('accept proposal', [gone('predictions', id), this.placed(o)]);
    return o;
  }

  /**
   * One change for all of them: 2,000 spans redraw once, not 2,000 times, and undo as one step.
   * Without `allowOverlap`, those that would overlap a kept span stay waiting; returns how many did.
   */
  acceptAllSpans(allowOverlap = true): number {
    let left = 0;
    const kept = this.spans().map((o) => o.geometry!);
    const writes: Write<TextLabel>[] = [];
    for (const p of this.pendingSpans().sort((a, b) => a.geometry!.start - b.geometry!.start)) {
      if (!allowOverlap && kept.some((g) => spansOverlap(g, p.geometry!))) { left++; continue; }
      const o = taken(p);
      kept.push(o.geometry!);
      writes.push(gone('predictions', p.id), this.placed(o));
    }
    if (writes.length > 0) this.document.apply('accept all proposals', writes);
    return left;
  }

  /** A new class on a label (a proposal is accepted first, in the same step): a machine label changed by a person is edited. */
  relabel(id: string, label: string, attributes: Record<string, unknown>): TextLabel | undefined {
    return this.history.transact('relabel', () => {
      const o = this.document.get(id) ?? this.accept(id);
      if (!o || o.label === label) return o;
      return this.update(o, { label, attributes }, 'relabel');
    });
  }

  /** The selected span given a new range (and class) by the keyboard: a machine span so changed is edited. */
  adjust(id: string, range: Range, label: string, attributes: Record<string, unknown>): TextLabel | undefined {
    return this.history.transact('resize span', () => {
      const o = this.document.get(id) ?? this.accept(id);
      if (!o || o.kind !== 'text_span') return o;
      if (o.geometry!.start === range.start && o.geometry!.end === range.end && o.label === label) return o;
      return this.update(o, { geometry: { start: range.start, end: range.end }, label, attributes: o.label === label ? o.attributes : attributes }, 'resize span');
    });
  }

  setAttributes(id: string, attributes: Record<string, unknown>): void {
    const o = this.document.get(id);
    if (o) this.update(o, { attributes }, 'set attributes');
  }

  /** Deletes a label, or a proposal (which then no longer waits). */
  remove(id: string): void {
    if (this.isProposal(id)) this.document.remove(id, 'delete proposal', 'predictions');
    else this.document.remove(id, 'delete');
  }

  toPayload(): AnnotationPayload {
    return { schemaVersion: 1, objects: this.all().map((o) => ({ ...o, geometry: o.geometry ? { ...o.geometry } : null })) as AnnotationPayload['objects'] };
  }

  draft(): TextDraft {
    return { annotation: this.toPayload(), pendingPredictions: this.pending().map((p) => p.id) };
  }

  private update(o: TextLabel, change: Partial<TextLabel>, label: string): TextLabel {
    const origin = o.origin === 'prediction_accepted' ? 'prediction_edited' : o.origin;
    return this.document.update(o.id, { ...change, ...(origin ? { origin } : {}) }, label);
  }

  /** A new label on top of the others. */
  private placed(o: TextLabel): Write<TextLabel> {
    return { layer: 'objects', id: o.id, slot: { object: o, z: this.document.topZ() } };
  }
}

function gone(layer: 'objects' | 'predictions', id: string): Write<TextLabel> {
  return { layer, id, slot: undefined };
}

/** A proposal accepted: a new id, and the prediction it came from remembered. */
function taken(p: TextLabel): TextLabel {
  return { ...p, id: newId(), origin: 'prediction_accepted', predictionId: p.id };
}
