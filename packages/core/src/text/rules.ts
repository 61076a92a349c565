import type { AnnotationPayload } from '../annotation.ts';
import type { ValidationIssue } from '../result.ts';
import type { TextSettings } from '../settings/text.ts';
import { GraphemeBoundaries } from './graphemes.ts';

/**
 * The project's text settings, checked on submit: without `allowOverlap` no two text_span objects
 * may share a character; without `multiLabel` at most one text_class object. (`granularity` is the
 * workspace's snapping, not checked here: a token is what the workspace's tokenizer says it is.)
 */
export function textSettingIssues(payload: AnnotationPayload, settings: Pick<TextSettings, 'allowOverlap' | 'multiLabel'>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const spans: Array<{ i: number; start: number; end: number }> = [];
  const classes: number[] = [];
  payload.objects.forEach((o, i) => {
    if (o.kind === 'text_span') spans.push({ i, start: o.geometry.start, end: o.geometry.end });
    if (o.kind === 'text_class') classes.push(i);
  });
  if (!settings.allowOverlap) {
    // The overlap rule of overlap.ts, swept in start order so 2,000 spans cost a sort, not n².
    spans.sort((a, b) => a.start - b.start || a.end - b.end);
    let reach: (typeof spans)[number] | null = null;
    for (const s of spans) {
      if (reach && s.start < reach.end) {
        issues.push({ path: `objects[${s.i}].geometry`, message: `overlaps objects[${reach.i}] (${reach.start}–${reach.end}); this project does not allow overlapping spans (settings.allowOverlap)` });
      }
      if (!reach || s.end > reach.end) reach = s;
    }
  }
  if (!settings.multiLabel && classes.length > 1) {
    issues.push({ path: `objects[${classes[1]}]`, message: `a second text class (objects ${classes.join(', ')}); this project takes one class per item (settings.multiLabel)` });
  }
  return issues;
}

/**
 * A span starts and ends between whole characters (grapheme clusters): never inside a Hangul
 * syllable written as jamo, a Devanagari conjunct or an emoji sequence. The workspace snaps to
 * the same boundaries, so only a client of the API can send such a span.
 */
export function spanCutIssues(payload: AnnotationPayload, text: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  let toUtf16: ((cp: number) => number) | null = null;
  let boundaries: GraphemeBoundaries | null = null;
  payload.objects.forEach((o, i) => {
    if (o.kind !== 'text_span') return;
    toUtf16 ??= utf16Of(text);
    boundaries ??= new GraphemeBoundaries(text);
    for (const end of ['start', 'end'] as const) {
      const cp = o.geometry[end];
      const u = toUtf16(cp);
      if (boundaries.isBoundary(u)) continue;
      const from = boundaries.before(u), to = boundaries.after(u);
      issues.push({
        path: `objects[${i}].geometry.${end}`,
        message: `${end} ${cp} cuts the character ${JSON.stringify(text.slice(from, to))} in two; a span starts and ends between whole characters (grapheme clusters)`,
      });
    }
  });
  return issues;
}

/** Code point offset → UTF-16 index; the identity unless the text has characters beyond U+FFFF. */
function utf16Of(text: string): (cp: number) => number {
  if (!/[\ud800-\udfff]/.test(text)) return (cp) => cp;
  const at: number[] = [];
  for (let u = 0; u < text.length; u++) {
    at.push(u);
    const c = text.charCodeAt(u);
    if (c >= 0xd800 && c <= 0xdbff && u + 1 < text.length) {
      const d = text.charCodeAt(u + 1);
      if (d >= 0xdc00 && d <= 0xdfff) u++;
    }
  }
  at.push(text.length);
  return (cp) => at[Math.max(0, Math.min(at.length - 1, cp))]!;
}
