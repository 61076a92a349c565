/**
 * Mouse input on the view, turned into intents in code points: a finished drag (or double-click)
 * is a raw range with its direction, a click is a position. While the button is down the view is
 * told to keep its blocks, so a long drag with auto-scroll never loses the node it started in.
 */
import { pointToOffset, selectionToRange } from './dom-selection.ts';

export interface MouseHandlers {
  /** A selection made with the mouse, unsnapped; anchor > focus when made backwards. */
  range(anchor: number, focus: number): void;
  click(pos: number): void;
  /** True while the button is down. */
  holding(on: boolean): void;
}

export function attachMouse(root: HTMLElement, on: MouseHandlers): () => void {
  let pressed = false; // only a press that began in the view is ours
  const down = (e: MouseEvent) => {
    if (e.button !== 0) return;
    pressed = true;
    on.holding(true);
  };
  const up = (e: MouseEvent) => {
    if (e.button !== 0 || !pressed) return;
    pressed = false;
    on.holding(false);
    const sel = root.ownerDocument.getSelection();
    const range = selectionToRange(root, sel);
    if (range !== null) {
      sel?.removeAllRanges();
      return range.backwards ? on.range(range.end, range.start) : on.range(range.start, range.end);
    }
    const pos = sel?.focusNode ? pointToOffset(root, sel.focusNode, sel.focusOffset) : null;
    if (pos !== null) on.click(pos);
  };
  root.addEventListener('mousedown', down);
  // On the document: a drag may end outside the view.
  root.ownerDocument.addEventListener('mouseup', up);
  return () => {
    root.removeEventListener('mousedown', down);
    root.ownerDocument.removeEventListener('mouseup', up);
  };
}
