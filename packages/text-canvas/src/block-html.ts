/**
 * One block as an HTML string (one innerHTML write per block is the fastest way to build it).
 * Every piece of text sits in a `<span data-o>` holding its code point offset, which is how a DOM
 * selection is read back. Each level of span draws its own 2px underline, stacked downwards
 * (dashed for predictions); the innermost span tints the background; labels go in a `data-tag`
 * shown by CSS `::after`, so they are never part of the selectable text.
 */
import type { CodePointText } from './offsets.ts';
import type { Segment } from './segments.ts';
import type { LaidSpan } from './span-store.ts';
import type { NoteTone } from './notes.ts';

/** Vertical room per nesting level, px: a 2px line and a 1px gap. */
export const LEVEL_PX = 3;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ESCAPES[c]!);

const hex = (color: string) => (/^#[0-9a-f]{6}$/i.test(color) ? color : '#888888');

export function tagText(s: LaidSpan): string {
  return s.prediction ? `${s.label} ${s.score === undefined ? '?' : s.score.toFixed(2)}` : s.label;
}

function underline(s: LaidSpan, pad: number): { image: string; position: string; size: string } {
  const c = hex(s.color);
  const image = s.prediction ? `repeating-linear-gradient(90deg,${c} 0 4px,transparent 4px 7px)` : `linear-gradient(${c},${c})`;
  return { image, position: `left 0 bottom ${pad - s.level * LEVEL_PX - 2}px`, size: '100% 2px' };
}

function segmentStyle(seg: Segment, selectedId: string | null): string {
  if (seg.covering.length === 0) return '';
  const pad = (Math.max(...seg.covering.map((s) => s.level)) + 1) * LEVEL_PX;
  const layers = seg.covering.map((s) => underline(s, pad));
  const inner = seg.covering[seg.covering.length - 1]!;
  const selected = seg.covering.find((s) => s.id === selectedId);
  const tint = selected ? `${hex(selected.color)}66` : `${hex(inner.color)}${inner.prediction ? '18' : '2e'}`;
  layers.push({ image: `linear-gradient(${tint},${tint})`, position: 'left 0 top 0', size: `100% calc(100% - ${pad}px)` });
  // The line grows to hold the underlines whatever line-height the host sets: an inline box's
  // half-leading is added below (and above) its content, so 2 × pad more leading gives pad below.
  return `padding-bottom:${pad}px;line-height:calc(1.2em + ${2 * pad}px);background-image:${layers.map((l) => l.image).join(',')};`
    + `background-position:${layers.map((l) => l.position).join(',')};background-size:${layers.map((l) => l.size).join(',')};`
    + 'background-repeat:no-repeat';
}

export interface BlockHtml { html: string; depth: number }

const NO_NOTES: ReadonlyMap<string, NoteTone> = new Map();

/** `noted`: spans with a note, by id; their text is outlined in the tone's colour and their last piece marked `data-note-end`. */
export function blockHtml(t: CodePointText, segments: readonly Segment[], selectedId: string | null, noted: ReadonlyMap<string, NoteTone> = NO_NOTES): BlockHtml {
  let html = '';
  let depth = 0;
  for (const seg of segments) {
    if (seg.caretBefore) html += `<span class="tc-caret" data-o="${seg.start}"></span>`;
    if (seg.end === seg.start) continue;
    const classes = ['tc-seg'];
    if (seg.inSelection) classes.push('tc-sel');
    if (seg.covering.some((s) => s.id === selectedId)) classes.push('tc-selected');
    const tones = noted.size === 0 ? [] : seg.covering.map((s) => noted.get(s.id)).filter((x) => x !== undefined);
    if (tones.length > 0) classes.push(tones.includes('reject') ? 'tc-noted-reject' : 'tc-noted-check');
    let attrs = ` data-o="${seg.start}" class="${classes.join(' ')}"`;
    const noteEnds = noted.size === 0 ? [] : seg.ending.filter((s) => noted.has(s.id));
    if (noteEnds.length > 0) attrs += ` data-note-end="${escapeHtml(noteEnds.map((s) => s.id).join(' '))}"`;
    if (seg.covering.length > 0) {
      depth = Math.max(depth, ...seg.covering.map((s) => s.level + 1));
      const tagColor = seg.ending.length > 0 ? `--tc-tag:${hex(seg.ending[seg.ending.length - 1]!.color)};` : '';
      attrs += ` style="${tagColor}${segmentStyle(seg, selectedId)}" title="${escapeHtml(seg.covering.map(tagText).join(' · '))}"`;
    }
    if (seg.ending.length > 0) attrs += ` data-tag="${escapeHtml(seg.ending.map(tagText).join(' · '))}"`;
    html += `<span${attrs}>${escapeHtml(t.slice(seg.start, seg.end))}</span>`;
  }
  return { html, depth };
}
