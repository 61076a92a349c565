/**
 * What is current in the view: the keyboard/mouse cursor (a selection when anchor ≠ focus), the
 * caret left behind when a selection is cleared (so Shift+Right goes on from there), and the
 * selected span. Each change reports the blocks to redraw and whether it is a change at all, so
 * the engine emits events only for real changes. Pure: no DOM.
 */
import type { Cursor } from './keyboard.ts';
import type { Range } from './snap.ts';
import type { SpanStore } from './span-store.ts';
import type { TextModel } from './text-model.ts';

export interface StateChange { touched: Set<number>; changed: boolean }

export class SelectionState {
  cursor: Cursor | null = null;
  /** Where keyboard moves start from; shown as a caret while nothing is selected. */
  caret: number | null = null;
  selectedId: string | null = null;

  constructor(private readonly model: () => TextModel, private readonly store: SpanStore) {}

  selection(): Range | null {
    const c = this.cursor;
    return c === null ? null : { start: Math.min(c.anchor, c.focus), end: Math.max(c.anchor, c.focus) };
  }

  /** The caret to draw in block `b`, if any (drawn only while nothing is selected). */
  caretIn(b: number): number | null {
    return this.caret !== null && this.cursor === null && this.model().blockAt(this.caret) === b ? this.caret : null;
  }

  setCursor(cursor: Cursor | null): StateChange {
    const before = this.selection();
    const touched = this.visible();
    if (cursor !== null) this.caret = cursor.focus;
    this.cursor = cursor;
    const after = this.selection();
    for (const b of this.visible()) touched.add(b);
    return { touched, changed: before?.start !== after?.start || before?.end !== after?.end };
  }

  /** Clears the selection and puts the caret at `pos`; `changed` says whether a selection went away. */
  setCaret(pos: number): StateChange {
    const change = this.setCursor(null);
    this.caret = Math.max(0, Math.min(this.model().length, pos));
    for (const b of this.visible()) change.touched.add(b);
    return change;
  }

  setSelected(id: string | null): StateChange {
    if (id === this.selectedId) return { touched: new Set(), changed: false };
    const touched = this.store.blocksOf(this.spanOf(this.selectedId));
    for (const b of this.store.blocksOf(this.spanOf(id))) touched.add(b);
    this.selectedId = id;
    return { touched, changed: true };
  }

  /** A new text: nothing selected, no caret. */
  reset(): { selection: boolean; select: boolean } {
    const out = { selection: this.cursor !== null, select: this.selectedId !== null };
    this.cursor = null;
    this.caret = null;
    this.selectedId = null;
    return out;
  }

  /** The selected span's range as a cursor (keyboard adjustment starts from it). */
  spanCursor(): Cursor | null {
    const s = this.spanOf(this.selectedId);
    return s === undefined ? null : { anchor: s.start, focus: s.end };
  }

  private spanOf(id: string | null): Range | undefined {
    return id === null ? undefined : this.store.get(id);
  }

  /** Blocks showing the selection or the caret now. */
  private visible(): Set<number> {
    const out = this.store.blocksOf(this.selection() ?? undefined);
    if (this.caret !== null && this.cursor === null) out.add(this.model().blockAt(this.caret));
    return out;
  }
}
