import { at, checkInteger, checkRecord } from '../check.ts';
import type { ValidationIssue } from '../result.ts';
import type { KindModule } from './types.ts';

/**
 * Half-open range [start, end) in Unicode code points, not UTF-16 units, so that an emoji
 * counts once whether the client is a browser or Python.
 */
export interface TextSpanGeometry {
  start: number;
  end: number;
}

export const textSpan: KindModule<'text_span', TextSpanGeometry> = {
  kind: 'text_span',
  validate(g, ctx = {}, path = 'geometry') {
    const issues: ValidationIssue[] = [];
    if (!checkRecord(g, path, issues)) return issues;
    const okStart = checkInteger(g.start, at(path, 'start'), issues);
    const okEnd = checkInteger(g.end, at(path, 'end'), issues);
    if (!(okStart && okEnd)) return issues;
    const start = g.start as number;
    const end = g.end as number;
    if (start < 0) issues.push({ path: at(path, 'start'), message: `must be >= 0, got ${start}` });
    if (end <= start) issues.push({ path, message: `span is empty or reversed (start ${start}, end ${end})` });
    if (ctx.textLength !== undefined && end > ctx.textLength) {
      issues.push({ path: at(path, 'end'), message: `span ends at ${end}, past the end of the text (length ${ctx.textLength})` });
    }
    return issues;
  },
  area: (g) => g.end - g.start,
};
