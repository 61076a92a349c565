/**
 * A block cut into segments at every span edge, selection edge and the caret, each with the spans
 * covering it: the flat list the DOM renderer turns into inline elements. Pure, so tested in Node.
 */
import type { Range } from './snap.ts';
import type { LaidSpan } from './span-store.ts';

export interface Segment extends Range {
  /** Spans covering the whole segment, outer (lower level) first. */
  covering: LaidSpan[];
  /** Spans that end at this segment's end (their tag goes here). */
  ending: LaidSpan[];
  inSelection: boolean;
  /** The caret sits just before this segment. */
  caretBefore: boolean;
}

export interface BlockState {
  selection: Range | null;
  caret: number | null;
}

export function segmentBlock(block: Range, spans: readonly LaidSpan[], state: BlockState): Segment[] {
  const cuts = new Set<number>([block.start, block.end]);
  const clip = (p: number) => Math.max(block.start, Math.min(block.end, p));
  for (const s of spans) { cuts.add(clip(s.start)); cuts.add(clip(s.end)); }
  if (state.selection) { cuts.add(clip(state.selection.start)); cuts.add(clip(state.selection.end)); }
  const caret = state.caret !== null && state.caret >= block.start && state.caret <= block.end ? state.caret : null;
  if (caret !== null) cuts.add(caret);
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!, end = points[i + 1]!;
    const covering = spans.filter((s) => s.start <= start && s.end >= end).sort((a, b) => a.level - b.level);
    out.push({
      start, end, covering,
      ending: covering.filter((s) => s.end === end),
      inSelection: state.selection !== null && state.selection.start <= start && state.selection.end >= end,
      caretBefore: caret === start,
    });
  }
  // A caret at the very end of the block (or in an empty block) gets an empty segment to sit before.
  // The caller passes a caret to one block only (the one `blockAt` names), so it is drawn once.
  if (caret !== null && caret === block.end) {
    out.push({ start: caret, end: caret, covering: [], ending: [], inSelection: false, caretBefore: true });
  }
  return out;
}
