/**
 * `TextEngine`: entity spans over a document, as a small facade. Plain data in (text, spans),
 * events out (selection, select, remove, refused). The pure model (tokens, snapping, overlap,
 * levels, blocks, keyboard, selection state) lives in its own modules; this file wires them to the
 * DOM view and the mouse.
 */
import type { ObjectNote, SceneSpan, TextEngineApi, TextEngineEvents, TextEngineOptions } from './api.ts';
import { NoteLayer, notedTones, type NoteTone } from './notes.ts';
import { Emitter } from './emitter.ts';
import { keyCommand, type Cursor, type KeyInput } from './keyboard.ts';
import { attachMouse } from './mouse.ts';
import { checkPlacement, type Placement } from '@cadre/core';
import { SelectionState, type StateChange } from './selection-state.ts';
import type { Range } from './snap.ts';
import { SpanStore } from './span-store.ts';
import { installStyle } from './style.ts';
import { TextModel } from './text-model.ts';
import { BlockView } from './view.ts';

const EDITABLE = /^(INPUT|TEXTAREA|SELECT)$/;

export class TextEngine implements TextEngineApi {
  private readonly events = new Emitter<TextEngineEvents>();
  private readonly options: Readonly<TextEngineOptions>;
  private model = new TextModel('');
  private readonly store = new SpanStore(this.model.blocks, () => this.model.length);
  private readonly state = new SelectionState(() => this.model, this.store);
  private readonly view: BlockView;
  private readonly keyTarget: HTMLElement | Window;
  private readonly detachMouse: () => void;
  private notes: readonly ObjectNote[] = [];
  private noted: ReadonlyMap<string, NoteTone> = new Map();
  private readonly noteLayer: NoteLayer;

  constructor(options: TextEngineOptions) {
    this.options = Object.freeze({ ...options });
    installStyle(options.container.ownerDocument);
    this.view = new BlockView(options.container, this.store, {
      block: (b) => ({ selection: this.state.selection(), caret: this.state.caretIn(b) }),
      selectedId: () => this.state.selectedId,
      noted: () => this.noted,
      drawn: () => this.noteLayer?.update(this.notes),
    });
    this.noteLayer = new NoteLayer(this.view.scroller);
    this.keyTarget = options.keyTarget ?? this.view.scroller;
    // With a key target of the host's, the view is focusable by a click but is no extra tab stop.
    if (options.keyTarget !== undefined) this.view.scroller.tabIndex = -1;
    this.keyTarget.addEventListener('keydown', this.onKeyDown as EventListener);
    this.detachMouse = attachMouse(this.view.scroller, {
      range: (anchor, focus) => this.trySelect({ anchor, focus }, null, false),
      click: (pos) => this.click(pos),
      holding: (on) => this.view.hold(on),
    });
  }

  on<K extends keyof TextEngineEvents>(event: K, fn: TextEngineEvents[K]): () => void {
    return this.events.on(event, fn);
  }

  /** A new document. Spans already set are kept (clamped), so setSpans may come before or after. */
  setText(text: string): void {
    this.model = new TextModel(text);
    this.store.setBlocks(this.model.blocks);
    const cleared = this.state.reset();
    this.view.setModel(this.model);
    if (cleared.selection) this.events.emit('selection', null);
    if (cleared.select) this.events.emit('select', null);
  }

  setSpans(spans: SceneSpan[]): void {
    this.store.replace(spans);
    const id = this.state.selectedId;
    if (id !== null && this.store.get(id) === undefined) this.setSelected(null);
    this.view.refreshAll();
  }

  upsert(span: SceneSpan): void {
    this.view.refresh(this.store.upsert(span));
  }

  remove(id: string): void {
    const touched = this.store.remove(id);
    if (this.state.selectedId === id) this.setSelected(null);
    this.view.refresh(touched);
  }

  /** Selecting a span clears the text selection (one thing is current). */
  select(id: string | null): void {
    if (id !== null && this.store.get(id) === undefined) return;
    if (id !== null) this.apply(this.state.setCursor(null));
    this.setSelected(id);
  }

  selected(): string | null { return this.state.selectedId; }
  selection(): Range | null { return this.state.selection(); }

  setSelection(range: Range | null): void {
    if (range === null) this.apply(this.state.setCursor(null));
    else this.trySelect({ anchor: range.start, focus: range.end }, null, false);
  }

  /** Additive: `ignoreId` leaves one span out of the overlap rule (the one being adjusted). */
  canPlace(range: Range, ignoreId?: string): boolean {
    return this.placement(range, ignoreId).ok;
  }

  /** Additive: the overlap rule's verdict with its reason (the `refused` text). */
  placement(range: Range, ignoreId?: string): Placement {
    if (!(range.start >= 0 && range.end > range.start && range.end <= this.model.length)) {
      return { ok: false, reason: `[${range.start}, ${range.end}) is empty or outside the text (length ${this.model.length})` };
    }
    return checkPlacement(range, this.store.all(), this.options.allowOverlap ?? false, ignoreId);
  }

  scrollToSpan(id: string): void {
    const span = this.store.get(id);
    if (span !== undefined) this.view.reveal(span.start);
  }

  setNotes(notes: readonly ObjectNote[]): void {
    this.notes = notes.filter((n) => n.objectId !== null).map((n) => ({ ...n }));
    this.noted = notedTones(this.notes);
    this.view.refreshAll();
  }

  /** Additive: runs a key as the key target would (for hosts that route keys themselves); true when used. */
  handleKey(e: KeyInput): boolean {
    const sel = this.state.cursor ?? this.state.spanCursor();
    const cmd = keyCommand(e, this.model.tokens, sel, this.state.caret ?? 0);
    if (cmd === null) return false;
    // Extending from a selected span adjusts it: the span stays selected and is no overlap.
    if (cmd.kind === 'select') this.trySelect(cmd.cursor, this.state.selectedId, true);
    else if (cmd.kind === 'caret') this.apply(this.state.setCaret(cmd.caret));
    else if (cmd.kind === 'clear') { this.apply(this.state.setCursor(null)); this.setSelected(null); }
    else if (this.state.selectedId !== null) this.events.emit('remove', this.state.selectedId);
    else return false;
    // Keep the moving end in view as the keys walk through the text.
    if (cmd.kind === 'select' || cmd.kind === 'caret') this.view.reveal(this.state.cursor?.focus ?? this.state.caret ?? 0, 'nearest');
    return true;
  }

  destroy(): void {
    this.keyTarget.removeEventListener('keydown', this.onKeyDown as EventListener);
    this.detachMouse();
    this.noteLayer.destroy();
    this.view.destroy();
  }

  /** Snaps and checks a new selection; a refused one leaves the current selection as it was. */
  private trySelect(raw: Cursor, ignoreId: string | null, keepSpan: boolean): void {
    const snapped = this.model.snap({ start: raw.anchor, end: raw.focus }, this.options.granularity ?? 'token');
    if (snapped === null) return this.apply(this.state.setCursor(null));
    const verdict = this.placement(snapped, ignoreId ?? undefined);
    if (!verdict.ok) return this.events.emit('refused', verdict.reason);
    if (!keepSpan) this.setSelected(null);
    const backwards = raw.focus < raw.anchor;
    this.apply(this.state.setCursor(backwards ? { anchor: snapped.end, focus: snapped.start } : { anchor: snapped.start, focus: snapped.end }));
  }

  /** Redraws after a cursor change and tells the host when the selection changed. */
  private apply(change: StateChange): void {
    this.view.refresh(change.touched);
    if (change.changed) this.events.emit('selection', this.state.selection());
  }

  private setSelected(id: string | null): void {
    const change = this.state.setSelected(id);
    this.view.refresh(change.touched);
    if (change.changed) this.events.emit('select', id);
  }

  private readonly onKeyDown = (e: KeyboardEvent): void => {
    const t = e.target as HTMLElement | null;
    if (t !== null && (EDITABLE.test(t.tagName ?? '') || t.isContentEditable)) return;
    if (this.handleKey(e)) e.preventDefault();
  };

  /** A click on a span selects it (again: the next one outwards); elsewhere it places the caret. */
  private click(pos: number): void {
    const hit = this.store.innermostAt(this.model.blockAt(pos), pos, this.state.selectedId);
    if (hit !== null) return this.select(hit);
    this.setSelected(null);
    this.apply(this.state.setCaret(pos));
  }
}
