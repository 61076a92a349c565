// The wire's filter (contract TasksFilter) as the repository reads it; the rules no schema can say.
import type { TasksFilter } from '@cadre/contract';
import type { tasksView } from '@cadre/db';
import { AppError } from '../../errors.ts';

const badRange = (field: string, what: string) =>
  new AppError('bad_request', `${field}: the lowest ${what} is above the highest`, [{ path: field, message: `the range is empty` }]);

export function toFilter(f: TasksFilter, where = 'querystring'): tasksView.TaskViewFilter {
  const pairs: [number | string | undefined, number | string | undefined, string, string][] = [
    [f.agreementMin, f.agreementMax, 'agreementMin', 'agreement'], [f.scoreMin, f.scoreMax, 'scoreMin', 'score'],
    [f.createdFrom && Date.parse(f.createdFrom), f.createdTo && Date.parse(f.createdTo), 'createdFrom', 'creation time'],
    [f.changedFrom && Date.parse(f.changedFrom), f.changedTo && Date.parse(f.changedTo), 'changedFrom', 'change time'],
  ];
  for (const [lo, hi, field, what] of pairs) if (lo !== undefined && hi !== undefined && lo > hi) throw badRange(`${where}.${field}`, what);
  const search = f.q?.trim();
  return {
    stage: f.stage, status: f.status, personId: f.person, className: f.class?.trim() || undefined, minRejections: f.minRejections,
    agreementMin: f.agreementMin, agreementMax: f.agreementMax, scoreMin: f.scoreMin, scoreMax: f.scoreMax,
    createdFrom: f.createdFrom, createdTo: f.createdTo, changedFrom: f.changedFrom, changedTo: f.changedTo,
    // Only letters and digits are searched (the index keeps no punctuation): a search of none is no search.
    search: search && /[a-z0-9]/i.test(search) ? search : undefined,
  };
}
