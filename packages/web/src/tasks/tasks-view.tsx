// The manager's tasks view: filter, sort, search, page by cursor, select (this page or everything
// matching), act in bulk. Reads and acts through api.ts; what each action refuses comes back per task.
import { useEffect, useState } from 'react';
import type { BulkAction, BulkResult, TasksSort, TasksTotal, TasksViewRow } from '@cadre/contract';
import { api } from '../api.ts';
import { RemoveButtons } from '../pages/remove-buttons.tsx';
import { useCapabilities } from '../pages/use-capabilities.ts';
import { BulkBar } from './bulk-bar.tsx';
import { FilterBar, type Person } from './filter-bar.tsx';
import { NO_FILTER, toFilter, type FilterFields, type Sorting } from './query.ts';
import { TaskPreview } from './task-preview.tsx';

const PAGE = 50;
const SEARCH_PAUSE_MS = 300;

const totalText = (t: TasksTotal | null) => (t ? `${t.exact ? '' : 'about '}${t.count.toLocaleString()}` : '…');

function SortHeader({ label, sort, sorting, onSort }: { label: string; sort: TasksSort; sorting: Sorting; onSort: (s: Sorting) => void }) {
  const on = sorting.sort === sort;
  const next: Sorting = { sort, dir: on && sorting.dir === 'desc' ? 'asc' : 'desc' };
  return <th><button className="link" aria-label={`sort by ${label}`} onClick={() => onSort(next)}>{label}{on ? (sorting.dir === 'desc' ? ' ▼' : ' ▲') : ''}</button></th>;
}

export function TasksView({ projectId, reload = 0 }: { projectId: string; reload?: number }) {
  const can = useCapabilities(projectId);
  const [fields, setFields] = useState<FilterFields>(NO_FILTER);
  const [applied, setApplied] = useState<FilterFields>(NO_FILTER);
  const [sorting, setSorting] = useState<Sorting>({ sort: 'created', dir: 'asc' });
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<{ tasks: TasksViewRow[]; next: string | null } | null>(null);
  const [total, setTotal] = useState<TasksTotal | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [hover, setHover] = useState<string | null>(null);
  const [people, setPeople] = useState<Person[]>([]);
  const [classes, setClasses] = useState<string[]>([]);
  const [result, setResult] = useState<BulkResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [acted, setActed] = useState(0);
  const cursor = cursors[cursors.length - 1];

  useEffect(() => {
    api('GET /api/projects/:projectId', { params: { projectId } }).then((p) => setClasses(p.ontology.classes.map((c) => c.name)), () => undefined);
    api('GET /api/projects/:projectId/members', { params: { projectId } }).then((m) => setPeople(m.users.map((u) => ({ id: u.id, name: u.name || u.email }))), () => undefined);
  }, [projectId]);

  // Typing in the search box waits for a pause; every other field applies at once.
  useEffect(() => {
    const wait = fields.q === applied.q ? 0 : SEARCH_PAUSE_MS;
    const timer = setTimeout(() => { if (JSON.stringify(fields) !== JSON.stringify(applied)) restart(() => setApplied(fields)); }, wait);
    return () => clearTimeout(timer);
  }, [fields]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!can.viewTasks) return;
    let live = true;
    const query = { ...toFilter(applied), sort: sorting.sort, dir: sorting.dir, limit: PAGE, ...(cursor ? { cursor } : {}) };
    api('GET /api/projects/:projectId/tasks/view', { params: { projectId }, query }).then((p) => {
      if (!live) return;
      setPage({ tasks: p.tasks, next: p.next });
      if (p.total) setTotal(p.total);
      setError(null);
    }, (e: Error) => live && setError(e.message));
    return () => { live = false; };
  }, [projectId, applied, sorting, cursor, reload, acted, can.viewTasks]);

  function restart(change: () => void) {
    change();
    setCursors([undefined]);
    setSelected(new Set());
    setAllMatching(false);
    setTotal(null);
  }

  async function apply(action: BulkAction) {
    setResult(null);
    try {
      let r: BulkResult;
      if (allMatching && total) {
        if (!window.confirm(`Apply this to ${totalText(total)} tasks matching the filter?`)) return;
        r = await api('POST /api/projects/:projectId/tasks/bulk', { params: { projectId }, body: { action, filter: toFilter(applied), confirmCount: total.count } });
      } else {
        r = await api('POST /api/projects/:projectId/tasks/bulk', { params: { projectId }, body: { action, taskIds: [...selected] } });
      }
      setResult(r);
      setSelected(new Set());
      setAllMatching(false);
      setTotal(null);
      setActed((n) => n + 1);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  if (!can.viewTasks) return null;
  const rows = page?.tasks ?? [];
  const pageSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (id: string) => { const s = new Set(selected); if (s.has(id)) s.delete(id); else s.add(id); setSelected(s); setAllMatching(false); };
  const selectPage = (on: boolean) => { setSelected(on ? new Set(rows.map((r) => r.id)) : new Set()); setAllMatching(false); };
  const sortHeader = (label: string, sort: TasksSort) => <SortHeader label={label} sort={sort} sorting={sorting} onSort={(s) => restart(() => setSorting(s))} />;
  return (
    <div className="card tasks-view">
      <h2>Tasks</h2>
      <FilterBar value={fields} onChange={setFields} people={people} classes={classes} />
      <p className="muted" data-testid="tasks-total">{totalText(total)} {total?.count === 1 && total.exact ? 'task matches' : 'tasks match'}</p>
      {can.manage && (selected.size > 0 || allMatching) && <BulkBar count={allMatching ? `All ${totalText(total)} matching` : String(selected.size)} people={people} onApply={(a) => void apply(a)} />}
      {result && <p data-testid="bulk-result">Changed {result.changed}, unchanged {result.unchanged}, refused {result.refusedCount}.
        {result.refused.slice(0, 5).map((r) => <span key={r.taskId} className="muted"><br />{r.taskId.slice(-8)}: {r.reason}</span>)}</p>}
      {can.manage && pageSelected && !allMatching && total && total.count > rows.length &&
        <p><button className="link" onClick={() => setAllMatching(true)}>Select all {totalText(total)} matching tasks</button></p>}
      {error && <p className="error">{error}</p>}
      <table>
        <thead><tr>
          <th>{can.manage && <input type="checkbox" aria-label="select page" checked={pageSelected} onChange={(e) => selectPage(e.target.checked)} />} {sortHeader('Task', 'created')}</th>
          <th>Status</th><th>Stage</th><th>Item</th><th>Person</th>{sortHeader('Priority', 'priority')}
          {sortHeader('Rejections', 'rejections')}<th>Classes</th>{sortHeader('Score', 'score')}{sortHeader('Last change', 'changed')}
          {can.manage && <th />}
        </tr></thead>
        <tbody>
          {rows.map((t) => (
            <tr key={t.id} data-testid="task-row">
              <td>{can.manage && <input type="checkbox" aria-label={`select ${t.id.slice(-8)}`} checked={allMatching || selected.has(t.id)} onChange={() => toggle(t.id)} />} {t.id.slice(-8)}</td>
              <td>{t.status}</td><td>{t.stage}</td>
              <td style={{ position: 'relative' }} onMouseEnter={() => setHover(t.id)} onMouseLeave={() => setHover(null)}>
                <span data-testid="item-name">{t.item.name}</span>{hover === t.id && <TaskPreview row={t} />}
              </td>
              <td data-testid="person">{t.person ? `${t.person.name}${t.person.holds ? ' (holds it)' : ''}` : ''}</td>
              <td>{t.priority}</td><td title={`${t.attempts} attempts`}>{t.rejections}</td><td>{t.classes.join(', ')}</td>
              <td>{t.score === null ? '' : t.score.toFixed(2)}</td><td>{new Date(t.changedAt).toLocaleString()}</td>
              {can.manage && <td><RemoveButtons taskId={t.id} itemId={t.itemId} onRemoved={() => setActed((n) => n + 1)} onError={setError} /></td>}
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <button disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>Previous</button>{' '}
        <button disabled={!page?.next} onClick={() => page?.next && setCursors([...cursors, page.next])}>Next</button>
      </p>
    </div>
  );
}
