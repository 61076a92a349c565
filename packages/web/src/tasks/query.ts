// The tasks view's state as the route's query: what the filter bar holds, the sort, the page's cursor.
import type { TasksFilter, TasksSort } from '@cadre/contract';

/** What the filter bar holds: text as typed ('' is "any"). */
export interface FilterFields {
  stage: string; status: string; person: string; class: string; minRejections: string; scoreMin: string; agreementMin: string; q: string;
  /** Days (YYYY-MM-DD, the browser's calendar), inclusive: what the date inputs hold. */
  changedFrom: string; changedTo: string;
}
export const NO_FILTER: FilterFields = {
  stage: '', status: '', person: '', class: '', minRejections: '', scoreMin: '', agreementMin: '', q: '', changedFrom: '', changedTo: '',
};

/** The start of a local day, or of the day after (for an inclusive end), as an ISO instant. */
function dayStart(day: string, after = false): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + (after ? 1 : 0));
  return Number.isFinite(d.getTime()) ? d.toISOString() : undefined;
}

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
  const from = dayStart(f.changedFrom);
  if (from) out.changedFrom = from;
  const to = dayStart(f.changedTo, true);
  if (to) out.changedTo = to;
  return out as TasksFilter;
}
