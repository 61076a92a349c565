/** The parts of a DOM KeyboardEvent the undo keys need; a real KeyboardEvent has them all. */
export interface HistoryKeyInput {
  key: string;
  /** The physical key ('KeyZ'), so Ctrl+Z also works on layouts whose Z key types another letter. */
  code?: string;
  ctrlKey?: boolean;
  /** Cmd on macOS; counts as Ctrl. */
  metaKey?: boolean;
  shiftKey?: boolean;
  altKey?: boolean;
  /** Where the key was typed; inside a text field the field's own undo wins. */
  target?: unknown;
}

export type HistoryKey = 'undo' | 'redo';

/**
 * Ctrl+Z (Cmd+Z) undoes; Ctrl+Shift+Z (Cmd+Shift+Z) and Ctrl+Y redo. Nothing while a person types
 * in an input, textarea, select or editable element: there the browser's own undo is expected.
 */
export function historyKey(e: HistoryKeyInput): HistoryKey | undefined {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || isTyping(e.target)) return undefined;
  // The typed letter where it is a Latin one; otherwise (a Cyrillic layout, say) the physical key.
  const typed = e.key.toLowerCase();
  const letter = /^[a-z]$/.test(typed) ? typed : e.code === 'KeyZ' ? 'z' : e.code === 'KeyY' ? 'y' : '';
  if (letter === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (letter === 'y' && !e.shiftKey) return 'redo';
  return undefined;
}

/** Runs the undo or redo a key asks for; true when the key was an undo key (the host then calls preventDefault). */
export function handleHistoryKey(e: HistoryKeyInput, history: { undo(): boolean; redo(): boolean }): boolean {
  const action = historyKey(e);
  if (action === undefined) return false;
  if (action === 'undo') history.undo();
  else history.redo();
  return true;
}

function isTyping(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const t = target as { tagName?: unknown; isContentEditable?: unknown };
  const tag = typeof t.tagName === 'string' ? t.tagName.toUpperCase() : '';
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || t.isContentEditable === true;
}
