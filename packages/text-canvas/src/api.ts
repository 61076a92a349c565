/**
 * The contract between the text engine (entity spans over a document) and its host (the web
 * workspace). Offsets are Unicode code points, half-open [start, end), as core's text_span kind.
 */

export interface SceneSpan {
  id: string;
  label: string;
  /** `#rrggbb` */
  color: string;
  start: number;
  end: number;
  /** Machine pre-label waiting for a decision: drawn in its own (dashed) style with its score. */
  prediction?: boolean;
  score?: number;
}

/** A reviewer's reason or a failed machine check pinned to a span (null: the whole item, the host's banner). */
export interface ObjectNote { objectId: string | null; text: string; tone: 'reject' | 'check' }

export interface TextEngineOptions {
  container: HTMLElement;
  /** Receives keyboard selection keys (Shift+arrows extend by token, Escape clears, Delete removes). */
  keyTarget?: HTMLElement | Window;
  /** 'token' snaps selections to token boundaries; 'char' keeps character precision. */
  granularity?: 'token' | 'char';
  /** When false, a new selection that overlaps an existing span is refused (the `refused` event says why). */
  allowOverlap?: boolean;
}

export interface TextEngineEvents {
  /** The current (snapped) selection changed; null when cleared. The host labels it on a class hotkey. */
  selection: (range: { start: number; end: number } | null) => void;
  select: (id: string | null) => void;
  /** Delete/Backspace on the selected span. */
  remove: (id: string) => void;
  refused: (reason: string) => void;
}

export interface TextEngineApi {
  setText(text: string): void;
  /** Replaces every span (2,000 must open and scroll smoothly in a 100 KB text). */
  setSpans(spans: SceneSpan[]): void;
  upsert(span: SceneSpan): void;
  remove(id: string): void;
  select(id: string | null): void;
  selected(): string | null;
  /** The current snapped selection, or null. */
  selection(): { start: number; end: number } | null;
  /** Sets the selection programmatically (keyboard-only labelling and tests), snapped like a mouse selection. */
  setSelection(range: { start: number; end: number } | null): void;
  /** Would a span over this range be allowed (overlap rule)? */
  canPlace(range: { start: number; end: number }): boolean;
  scrollToSpan(id: string): void;
  /**
   * Outlines each noted span in red (reject) or orange (check) and shows its note just above the
   * span's end, scrolling with the text. Notes without a span, or for spans no longer there, are not drawn.
   */
  setNotes(notes: readonly ObjectNote[]): void;
  on<K extends keyof TextEngineEvents>(event: K, fn: TextEngineEvents[K]): () => void;
  destroy(): void;
}
