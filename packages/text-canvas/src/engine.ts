/**
 * `TextEngine`: entity spans over a document, as a small facade. Plain data in (text, spans),
 * events out (selection, select, remove, refused). The pure model (tokens, snapping, overlap,
 * levels, blocks, keyboard) is in its own modules; this file wires them to the DOM view.
 */
import type { SceneSpan, TextEngineApi, TextEngineEvents, TextEngineOptions } from './api.ts';
import { pointToOffset, selectionToRange } from './dom-selection.ts';
import { Emitter } from './emitter.ts';
import { keyCommand, type Cursor, type KeyInput } from './keyboard.ts';
import { checkPlacement, type Placement } from './overlap.ts';
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
  private readonly view: BlockView;
  private cursor: Cursor | null = null;
  private caret: number | null = null;
  private selectedId: string | null = null;
  private readonly keyTarget: HTMLElement | Window;

  constructor(options: TextEngineOptions) {
    this.options = Object.freeze({ ...options });
    installStyle(options.container.ownerDocument);
    this.view = new BlockView(options.container, this.store, {
      block: (b) => ({
        selection: this.selection(),
        caret: this.caret !== null && this.cursor === null && this.model.blockAt(this.caret) === b ? this.caret : null,
      }),
      selectedId: () => this.selectedId,
    });
    this.keyTarget = options.keyTarget ?? this.view.scroller;
    this.keyTarget.addEventListener('keydown', this.onKeyDown as EventListener);
    this.view.scroller.addEventListener('mouseup', this.onMouseUp);
  }

  on<K extends keyof TextEngineEvents>(event: K, fn: TextEngineEvents[K]): () => void {
    return this.events.on(event, fn);
  }

  setText(text: string): void {
    this.model = new TextModel(text);
    this.store.setBlocks(this.model.blocks);
    this.cursor = null;
    this.caret = null;
    this.selectedId = null;
    this.view.setModel(this.model);
  }

  setSpans(spans: SceneSpan[]): void {
    this.store.replace(spans);
    if (this.selectedId !== null && this.store.get(this.selectedId) === undefined) this.setSelected(null);
    this.view.refreshAll();
  }

  upsert(span: SceneSpan): void {
    this.view.refresh(this.store.upsert(span));
  }

  remove(id: string): void {
    const touched = this.store.remove(id);
    if (this.selectedId === id) this.setSelected(null);
    this.view.refresh(touched);
  }

  select(id: string | null): void {
    if (id !== null && this.store.get(id) === undefined) return;
    if (id !== null) this.setCursor(null, true);
    this.setSelected(id);
  }

  selected(): string | null { return this.selectedId; }

  selection(): Range | null {
    return this.cursor === null ? null : { start: Math.min(this.cursor.anchor, this.cursor.focus), end: Math.max(this.cursor.anchor, this.cursor.focus) };
  }

  setSelection(range: Range | null): void {
    if (range === null) return this.setCursor(null, true);
    this.trySelect({ anchor: range.start, focus: range.end }, null);
  }

  canPlace(range: Range, ignoreId?: string): boolean {
    return this.placement(range, ignoreId).ok;
  }

  /** Additive: the overlap rule's verdict with its reason (the `refused` text). */
  placement(range: Range, ignoreId?: string): Placement {
    if (!(range.start >= 0 && range.end > range.start && range.end <= this.model.length)) {
      const none = { id: '', label: '', start: range.start, end: range.end };
      return { ok: false, overlaps: none, reason: `[${range.start}, ${range.end}) is empty or outside the text (length ${this.model.length})` };
    }
    return checkPlacement(range, this.store.all(), this.options.allowOverlap ?? true, ignoreId);
  }

  scrollToSpan(id: string): void {
    const span = this.store.get(id);
    if (span !== undefined) this.view.reveal(span.start);
  }

  /** Additive: runs a key as the key target would (for hosts that route keys themselves); true when used. */
  handleKey(e: KeyInput): boolean {
    const sel = this.cursor ?? this.spanCursor();
    const cmd = keyCommand(e, this.model.tokens, sel, this.caret ?? 0);
    if (cmd === null) return false;
    // Extending from a selected span adjusts it: the span itself does not count as an overlap.
    if (cmd.kind === 'select') this.trySelect(cmd.cursor, this.selectedId, true);
    else if (cmd.kind === 'caret') { this.setCaret(cmd.caret); }
    else if (cmd.kind === 'clear') { this.setCursor(null, true); this.setSelected(null); }
    else if (this.selectedId !== null) this.events.emit('remove', this.selectedId);
    else return false;
    return true;
  }

  destroy(): void {
    this.keyTarget.removeEventListener('keydown', this.onKeyDown as EventListener);
    this.view.scroller.removeEventListener('mouseup', this.onMouseUp);
    this.view.destroy();
  }

  /** Keyboard extension starts from the selected span's range when nothing else is selected. */
  private spanCursor(): Cursor | null {
    const s = this.selectedId === null ? undefined : this.store.get(this.selectedId);
    return s === undefined ? null : { anchor: s.start, focus: s.end };
  }

  /** Snaps and checks a new selection; refused ones leave the current selection as it was. */
  private trySelect(raw: Cursor, ignoreId: string | null, keepSpan = false): void {
    const snapped = this.model.snap({ start: raw.anchor, end: raw.focus }, this.options.granularity ?? 'token');
    if (snapped === null) return this.setCursor(null, true);
    const verdict = this.placement(snapped, ignoreId ?? undefined);
    if (!verdict.ok && (this.options.allowOverlap ?? true) === false) return this.events.emit('refused', verdict.reason);
    const backwards = raw.focus < raw.anchor;
    if (!keepSpan) this.setSelected(null);
    this.setCursor(backwards ? { anchor: snapped.end, focus: snapped.start } : { anchor: snapped.start, focus: snapped.end }, true);
  }

  private setCursor(cursor: Cursor | null, emit: boolean): void {
    const before = this.selection();
    const touched = new Set([...this.store.blocksOf(before ?? undefined), ...this.caretBlocks()]);
    if (cursor !== null) this.caret = cursor.focus;
    this.cursor = cursor;
    const after = this.selection();
    for (const b of this.store.blocksOf(after ?? undefined)) touched.add(b);
    for (const b of this.caretBlocks()) touched.add(b);
    this.view.refresh(touched);
    if (emit && (before?.start !== after?.start || before?.end !== after?.end)) this.events.emit('selection', after);
  }

  private setCaret(caret: number): void {
    this.setCursor(null, true);
    const touched = this.caretBlocks();
    this.caret = Math.max(0, Math.min(this.model.length, caret));
    this.view.refresh([...touched, ...this.caretBlocks()]);
  }

  private caretBlocks(): number[] {
    return this.caret === null || this.cursor !== null ? [] : [this.model.blockAt(this.caret)];
  }

  private setSelected(id: string | null): void {
    if (id === this.selectedId) return;
    const touched = new Set([...this.store.blocksOf(this.spanOf(this.selectedId)), ...this.store.blocksOf(this.spanOf(id))]);
    this.selectedId = id;
    this.view.refresh(touched);
    this.events.emit('select', id);
  }

  private spanOf(id: string | null): Range | undefined {
    return id === null ? undefined : this.store.get(id);
  }

  private readonly onKeyDown = (e: KeyboardEvent): void => {
    const t = e.target as HTMLElement | null;
    if (t !== null && (EDITABLE.test(t.tagName ?? '') || t.isContentEditable)) return;
    if (this.handleKey(e)) e.preventDefault();
  };

  private readonly onMouseUp = (e: MouseEvent): void => {
    if (e.button !== 0) return;
    const root = this.view.scroller;
    const sel = root.ownerDocument.getSelection();
    const range = selectionToRange(root, sel);
    if (range !== null) {
      sel?.removeAllRanges();
      return this.trySelect(range.backwards ? { anchor: range.end, focus: range.start } : { anchor: range.start, focus: range.end }, null);
    }
    const pos = sel !== null && sel.focusNode !== null ? pointToOffset(root, sel.focusNode, sel.focusOffset) : null;
    if (pos === null) return;
    const hit = this.spanAt(pos);
    if (hit !== null) return this.select(hit);
    this.setSelected(null);
    this.setCaret(pos);
  };

  /** The innermost span at `pos`; clicking again where the selected span is cycles outwards. */
  private spanAt(pos: number): string | null {
    const here = this.store.inBlock(this.model.blockAt(pos)).filter((s) => s.start <= pos && pos < s.end);
    if (here.length === 0) return null;
    here.sort((a, b) => b.level - a.level);
    const i = here.findIndex((s) => s.id === this.selectedId);
    return here[(i + 1) % here.length]!.id;
  }
}
