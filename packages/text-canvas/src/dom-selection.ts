/**
 * A DOM selection point → a code point offset. Text sits in `.tc-seg` elements whose `data-o` is
 * the code point offset of their first character; blocks (rendered or not) carry `data-start` and
 * `data-end`. The DOM counts UTF-16 units inside a text node; they are counted back in code points.
 */
import { countCodePoints } from './offsets.ts';
import type { Range } from './snap.ts';

const num = (el: Element, name: string) => Number(el.getAttribute(name));

function segmentEnd(seg: Element): number {
  return num(seg, 'data-o') + countCodePoints(seg.textContent ?? '');
}

/** Offset of the start of `node` (a segment, a block, or something holding them). */
function startOf(node: Node): number | null {
  if (node instanceof Element) {
    if (node.hasAttribute('data-o')) return num(node, 'data-o');
    if (node.hasAttribute('data-start')) return num(node, 'data-start');
    const inner = node.querySelector('[data-o],[data-start]');
    if (inner !== null) return startOf(inner);
  }
  return node.parentNode instanceof Element ? enclosingStart(node.parentNode) : null;
}

function endOf(node: Node): number | null {
  if (node instanceof Element) {
    if (node.classList.contains('tc-seg')) return segmentEnd(node);
    if (node.hasAttribute('data-o')) return num(node, 'data-o');
    if (node.hasAttribute('data-end')) return num(node, 'data-end');
    const all = node.querySelectorAll('[data-end],.tc-seg');
    const last = all[all.length - 1];
    if (last !== undefined) return endOf(last);
  }
  return null;
}

function enclosingStart(el: Element): number | null {
  const seg = el.closest('[data-o],[data-start]');
  return seg === null ? null : startOf(seg);
}

/** The code point offset of a DOM selection point; a point outside `root` clamps to its start or end. */
export function pointToOffset(root: Element, node: Node, offset: number): number | null {
  if (!root.contains(node)) {
    const after = (root.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    return after ? endOf(root) : startOf(root);
  }
  if (node.nodeType === Node.TEXT_NODE) {
    const seg = node.parentElement?.closest('.tc-seg');
    if (seg === null || seg === undefined) return node.parentElement === null ? null : enclosingStart(node.parentElement);
    let before = 0;
    for (let n = seg.firstChild; n !== null && n !== node; n = n.nextSibling) before += countCodePoints(n.textContent ?? '');
    return num(seg, 'data-o') + before + countCodePoints((node as Text).data, 0, offset);
  }
  const child = node.childNodes[offset];
  return child !== undefined ? startOf(child) : endOf(node);
}

/** The selection as a code point range in `root` (unsnapped), with its direction; null when collapsed or not touching `root`. */
export function selectionToRange(root: Element, sel: Selection | null): (Range & { backwards: boolean }) | null {
  if (sel === null || sel.rangeCount === 0 || sel.isCollapsed || sel.anchorNode === null || sel.focusNode === null) return null;
  if (!sel.getRangeAt(0).intersectsNode(root)) return null;
  const a = pointToOffset(root, sel.anchorNode, sel.anchorOffset);
  const f = pointToOffset(root, sel.focusNode, sel.focusOffset);
  if (a === null || f === null || a === f) return null;
  return { start: Math.min(a, f), end: Math.max(a, f), backwards: f < a };
}
