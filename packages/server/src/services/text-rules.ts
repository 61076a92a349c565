import type { AnnotationPayload, ValidationIssue } from '@cadre/core';
import type { ProjectSettings } from './settings.ts';

/**
 * The project's text settings, checked on submit: without `allowOverlap` no two text_span objects
 * may share a character; without `multiLabel` at most one text_class object. (`granularity` is the
 * workspace's snapping, not checked here: a token is what the workspace's tokenizer says it is.)
 */
export function textSettingIssues(payload: AnnotationPayload, settings: Pick<ProjectSettings, 'allowOverlap' | 'multiLabel'>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const spans: Array<{ i: number; start: number; end: number }> = [];
  const classes: number[] = [];
  payload.objects.forEach((o, i) => {
    if (o.kind === 'text_span') spans.push({ i, start: o.geometry.start, end: o.geometry.end });
    if (o.kind === 'text_class') classes.push(i);
  });
  if (!settings.allowOverlap) {
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
