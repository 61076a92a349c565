// The tasks view's state as the route's query: what the filter bar holds, the sort, the page's cursor.
import type { TasksFilter, TasksSort } from '@cadre/contract';

/** What the filter bar holds: text as typed ('' is "any"). */
export interface FilterFields {
  stage: string; status: string; person: string; class: string; minRejections: string; scoreMin: string; agreementMin: string; q: string;
}
export const NO_FILTER: FilterFields = { stage: '', status: '', person: '', class: '', minRejections: '', scoreMin: '', agreementMin: '', q: '' };

export interface Sorting { sort: TasksSort; dir: 'asc' | 'desc' }

const num = (v: string) => (v.trim() === '' || !Number.isFinite(Number(v)) ? undefined : Number(v));

/** The filter as the server reads it; empty fields say nothing. */
export function toFilter(f: FilterFields): TasksFilter {
  const out: Record<string, unknown> = {};
  if (f.stage) out.stage = f.stage;
  if (f.status) out.status = f.status;
  if (f.person) out.person = f.person;
  if (f.class) out.class = f.class;
  if (f.q.trim()) out.q = f.q.trim();
  const rejections = num(f.minRejections);
  if (rejections !== undefined && rejections >= 0) out.minRejections = Math.floor(rejections);
  const score = num(f.scoreMin);
  if (score !== undefined) out.scoreMin = score;
  const agreement = num(f.agreementMin);
  if (agreement !== undefined) out.agreementMin = Math.min(1, Math.max(0, agreement));
  return out as TasksFilter;
}
